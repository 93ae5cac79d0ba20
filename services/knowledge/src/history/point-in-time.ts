import { ServiceError, type RestoreResult } from '@ai-opencog/protocol';
import type { AtomStore, RestorePoint } from '@ai-opencog/storage';
import type { BaseCatalog } from '../bases/base-catalog';
import { checkClientBaseName, internalBaseName, internalId } from '../bases/internal-bases';

export interface PointInTimeRequest {
  base: string;
  timestamp?: string;
  sequence?: number;
  target?: string;
  overwrite: boolean;
}

/**
 * Point-in-time restore from a base's change journal: the base as it was after journal entry
 * `sequence`, or at `timestamp` (the last entry committed at or before it).
 * - No target (or the base's own name): the base itself is brought back, as journaled changes in
 *   one transaction (so it can be undone by another restore). This replaces the base's current
 *   state, so it needs `overwrite: true`.
 * - A new target: a new base gets the state; the source is left alone.
 * - An existing target with `overwrite: true`: the state is built in a base of its own first, then
 *   the target is dropped and the new base takes its name (a process dying in between is finished
 *   at the next start, see staging.ts).
 */
export class PointInTime {
  constructor(
    private readonly store: AtomStore,
    private readonly bases: BaseCatalog,
  ) {}

  /** Checks a request before its job is started: BASE_NOT_FOUND, CONFLICT. */
  async check(request: PointInTimeRequest): Promise<void> {
    await this.bases.check(request.base);
    const target = request.target ?? request.base;
    checkClientBaseName(target);
    if (request.overwrite) return;
    if (target === request.base) {
      throw new ServiceError('CONFLICT', `restoring ${request.base} in place replaces its current state: give overwrite: true, or a target`);
    }
    if (await this.exists(target)) throw new ServiceError('CONFLICT', `knowledge base ${target} exists: give overwrite: true to replace it`);
  }

  async restore(request: PointInTimeRequest): Promise<RestoreResult> {
    await this.check(request);
    const point: RestorePoint = request.sequence !== undefined ? { seq: request.sequence } : { at: request.timestamp! };
    const target = request.target ?? request.base;
    if (target === request.base) {
      await this.store.restoreToPoint(request.base, point);
    } else if (!(await this.exists(target))) {
      await this.store.restoreToPoint(request.base, point, { into: target });
    } else {
      const aside = internalBaseName('restore', internalId(8), target);
      await this.store.restoreToPoint(request.base, point, { into: aside });
      await this.store.deleteBase(target);
      await this.store.renameBase(aside, target);
    }
    const info = await this.store.getBase(target);
    return { bases: [{ name: target, atomCount: info.atomCount }] };
  }

  private exists(name: string): Promise<boolean> {
    return this.store.getBase(name).then(
      () => true,
      () => false,
    );
  }
}
