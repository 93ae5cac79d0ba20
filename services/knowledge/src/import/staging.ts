import type { AtomJson } from '@ai-opencog/atomspace';
import type { Logger } from '@ai-opencog/service-kit';
import type { AtomStore, KnowledgeBaseInfo } from '@ai-opencog/storage';
import { AtomNester } from '../atoms/atom-nester';
import type { BulkLane } from '../bulk-lane';
import { yieldToEventLoop } from '../event-loop';
import { internalBaseName, internalId, isInternalBase, parseInternalName } from '../bases/internal-bases';

/*
 * All-or-nothing imports: stage, then commit.
 *
 * An import writes its batches into a staging base of its own
 * (`aoc-internal.import-stage.<id>.<target>`), never into the target. Whatever goes wrong while
 * the input is read — a parse error, an invalid atom, a cancel, a lost connection, the process
 * dying — the target is unchanged, and the staging base is dropped (at once, or at the next
 * start).
 *
 * Once every batch is staged, the staging base is renamed `aoc-internal.import-commit.<id>.<target>`:
 * that one durable step decides that the import happens. Then:
 * - into a base that never held an atom (journal empty, no snapshot), the staged base simply
 *   becomes the target: the target is renamed aside (writers meanwhile get BASE_NOT_FOUND, never a
 *   lost write), checked to be still untouched, the staged base takes its name (with its
 *   description, given it when staging began) and the empty one is dropped;
 * - otherwise the staged atoms are copied into the target in dependency order, a batch per
 *   transaction, merged as the kernel's add does (given values replace, the rest stays), and the
 *   commit base is dropped. Readers may see a large copy in progress.
 * If the process dies during either, the next start finishes the import (copying again is
 * harmless: the same atoms and values), so a committed import is never half there once the
 * service runs again.
 */

export interface StagingDeps {
  /** Writes to the target (through the cache, so that its answers are dropped). */
  store: AtomStore;
  /** Reads and writes of the internal bases. */
  bulk: AtomStore;
  batchSize: number;
  /** Each batch written takes its turn here (absent: no turns). */
  lane?: BulkLane;
  /** Waits before each new try of a commit whose copy failed (default 1 s, then 3 s). */
  commitRetryMs?: readonly number[];
}

/** Atoms per read when a staged base is copied. */
const COPY_BATCH = 5_000;

/** One import's staging base. */
export class StagedImport {
  private phase: 'staging' | 'committing' | 'done' | 'discarded' = 'staging';
  private staged = 0;

  private constructor(
    private readonly deps: StagingDeps,
    readonly target: string,
    private readonly id: string,
    private name: string,
  ) {}

  /** Creates the staging base, with the target's description (it becomes the target's when the import swaps in). */
  static async begin(deps: StagingDeps, target: KnowledgeBaseInfo): Promise<StagedImport> {
    const id = internalId();
    const name = internalBaseName('import-stage', id, target.name);
    await deps.bulk.createBase(name, { description: target.description });
    return new StagedImport(deps, target.name, id, name);
  }

  /** Distinct atoms staged so far (top-level and nested). */
  get stagedAtoms(): number {
    return this.staged;
  }

  get committing(): boolean {
    return this.phase === 'committing';
  }

  async add(atoms: readonly AtomJson[]): Promise<void> {
    if (atoms.length === 0) return;
    const result = await inTurn(this.deps, () => this.deps.bulk.upsertAtoms(this.name, atoms));
    this.staged += result.added;
  }

  /** Decides the import (durably), then makes it so. */
  async commit(onProgress: (done: number, total: number) => void): Promise<void> {
    const committed = internalBaseName('import-commit', this.id, this.target);
    await this.deps.bulk.renameBase(this.name, committed);
    this.name = committed;
    this.phase = 'committing';
    try {
      const total = (await this.deps.bulk.getBase(committed)).atomCount;
      if (await swapIn(this.deps, this.id, this.target)) {
        onProgress(total, total);
      } else {
        await withRetries(() => copyStagedAtoms(this.deps, committed, this.target, onProgress), this.deps.commitRetryMs ?? [1_000, 3_000]);
        await this.deps.bulk.deleteBase(committed);
      }
    } catch (e) {
      // With its target gone the import cannot happen; otherwise the next start finishes it.
      if (!(await exists(this.deps.bulk, this.target))) await this.deps.bulk.deleteBase(committed).catch(() => undefined);
      throw e;
    }
    this.phase = 'done';
  }

  /** Drops the staging base of an import that will not happen (never one being committed). */
  async discard(log: Logger): Promise<void> {
    if (this.phase !== 'staging') return;
    this.phase = 'discarded';
    await this.deps.bulk.deleteBase(this.name).catch((e: unknown) => log.warn({ err: e, base: this.name }, 'could not drop a staging base; the next start will'));
  }
}

/** True for a base that never held an atom and has no snapshot: one a staged base may replace. */
async function untouched(bulk: AtomStore, name: string): Promise<boolean> {
  const info = await bulk.getBase(name).catch(() => undefined);
  return info !== undefined && info.journalSeq === 0 && (await bulk.listSnapshots(name)).length === 0;
}

/**
 * Makes the committed base of import `id` the target when the target never held an atom; false
 * (and nothing changed) otherwise.
 */
async function swapIn(deps: StagingDeps, id: string, target: string): Promise<boolean> {
  if (!(await untouched(deps.bulk, target))) return false;
  const aside = internalBaseName('import-swap', id, target);
  await deps.store.renameBase(target, aside);
  if (!(await untouched(deps.bulk, aside))) {
    // A write got in before the rename: put the base back and copy instead.
    await deps.store.renameBase(aside, target);
    return false;
  }
  await deps.store.renameBase(internalBaseName('import-commit', id, target), target);
  await deps.bulk.deleteBase(aside);
  return true;
}

/** Copies every atom of the `from` base into `target`, in dependency order, merging values. */
async function copyStagedAtoms(deps: StagingDeps, from: string, target: string, onProgress: (done: number, total: number) => void): Promise<void> {
  const total = (await deps.bulk.getBase(from)).atomCount;
  const nester = new AtomNester((keys) => deps.bulk.getAtoms(from, keys));
  let done = 0;
  onProgress(0, total);
  for await (const records of deps.bulk.exportAtoms(from, { batchSize: COPY_BATCH })) {
    for (let i = 0; i < records.length; i += deps.batchSize) {
      const slice = records.slice(i, i + deps.batchSize);
      const atoms = await nester.nest(slice);
      await inTurn(deps, () => deps.store.upsertAtoms(target, atoms));
      done += slice.length;
      onProgress(done, total);
      await yieldToEventLoop();
    }
  }
}

/** Runs a bulk write in its turn on the lane, if there is one. */
export function inTurn<T>(deps: { lane?: BulkLane }, write: () => Promise<T>): Promise<T> {
  return deps.lane ? deps.lane.run(write) : write();
}

/** Runs `f`, trying again after each delay while it fails (but not when its base is gone). */
async function withRetries<T>(f: () => Promise<T>, delays: readonly number[]): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await f();
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (attempt >= delays.length || code === 'BASE_NOT_FOUND') throw e;
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
    }
  }
}

function exists(bulk: AtomStore, name: string): Promise<boolean> {
  return bulk.getBase(name).then(
    () => true,
    () => false,
  );
}

export interface RecoveryOptions {
  /** Internal bases untouched for less than this are left alone (another process may be using them); 0: all. */
  staleMs: number;
  log: Logger;
  now?: () => number;
}

export interface RecoveryReport {
  /** Staging bases of imports that never committed, dropped. */
  dropped: string[];
  /** Imports that had committed, finished into their targets. */
  finished: string[];
  /** Restores that had replaced their target, finished or undone. */
  restored: string[];
}

/**
 * Cleans up after processes that died: drops the staging bases of imports that did not commit,
 * finishes the ones that did (a swap half done first), and finishes or drops restores that were
 * replacing a base (see point-in-time.ts). Run at start.
 */
export async function recoverInternalBases(deps: StagingDeps, options: RecoveryOptions): Promise<RecoveryReport> {
  const now = options.now ?? Date.now;
  const report: RecoveryReport = { dropped: [], finished: [], restored: [] };
  const stale = (await deps.bulk.listBases()).filter((b) => isInternalBase(b.name) && now() - Date.parse(b.updatedAt) >= options.staleMs);
  const order = { 'import-swap': 0, 'import-commit': 1, 'import-stage': 2, restore: 3 } as const;
  const bases = stale
    .map((b) => ({ base: b, parsed: parseInternalName(b.name) }))
    .filter((x): x is { base: KnowledgeBaseInfo; parsed: NonNullable<ReturnType<typeof parseInternalName>> } => x.parsed?.suffix !== undefined)
    .sort((a, b) => order[a.parsed.kind] - order[b.parsed.kind]);
  for (const { base, parsed } of bases) {
    const log = options.log.child({ base: base.name });
    const target = parsed.suffix!;
    try {
      if (!(await exists(deps.bulk, base.name))) continue; // handled with another one
      if (parsed.kind === 'import-stage') {
        await deps.bulk.deleteBase(base.name);
        report.dropped.push(base.name);
        log.info({ target }, 'dropped the staging base of an import that did not commit');
      } else if (parsed.kind === 'import-swap') {
        // The target, renamed aside while a committed import took its place.
        const committed = internalBaseName('import-commit', parsed.id, target);
        const targetThere = await exists(deps.bulk, target);
        if (!(await untouched(deps.bulk, base.name))) {
          if (!targetThere) await deps.store.renameBase(base.name, target);
          log.info({ target }, 'put back a base an import had renamed aside');
          continue; // the committed import is copied below
        }
        if (targetThere) await deps.bulk.deleteBase(base.name);
        else if (await exists(deps.bulk, committed)) {
          await deps.store.renameBase(committed, target);
          await deps.bulk.deleteBase(base.name);
        } else await deps.store.renameBase(base.name, target);
        report.finished.push(committed);
        log.info({ target }, 'finished an import that was taking the place of an empty base');
      } else if (parsed.kind === 'import-commit') {
        const targetThere = await exists(deps.bulk, target);
        if (targetThere) await copyStagedAtoms(deps, base.name, target, () => undefined);
        await deps.bulk.deleteBase(base.name);
        report.finished.push(base.name);
        log.info({ target, copied: targetThere }, targetThere ? 'finished an import that had committed' : 'dropped a committed import whose base is gone');
      } else {
        // The target is dropped just before the restored base takes its name: if it is gone, finish.
        const targetThere = await exists(deps.bulk, target);
        if (targetThere) await deps.bulk.deleteBase(base.name);
        else await deps.store.renameBase(base.name, target);
        report.restored.push(base.name);
        log.info({ target, finished: !targetThere }, targetThere ? 'dropped the base of a restore that did not finish' : 'finished a restore that had replaced its base');
      }
    } catch (e) {
      log.error({ err: e }, 'could not recover an internal base; it stays for the next start');
    }
  }
  return report;
}
