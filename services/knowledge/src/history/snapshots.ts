import type { SnapshotInfo as WireSnapshot, SnapshotRestoreResult } from '@ai-opencog/protocol';
import type { AtomStore, SnapshotInfo } from '@ai-opencog/storage';
import type { BaseCatalog } from '../bases/base-catalog';

/** A snapshot as the wire shows it. */
export function snapshotInfoOf(s: SnapshotInfo): WireSnapshot {
  return {
    name: s.name,
    base: s.base,
    ...(s.description !== '' ? { description: s.description } : {}),
    atomCount: s.atomCount,
    createdAt: s.createdAt,
  };
}

/** Named snapshots of a base: materialised copies of its atoms, taken under its write lock. */
export class Snapshots {
  constructor(
    private readonly store: AtomStore,
    private readonly bases: BaseCatalog,
  ) {}

  async list(base: string): Promise<WireSnapshot[]> {
    await this.bases.check(base);
    return (await this.store.listSnapshots(base)).map(snapshotInfoOf);
  }

  async create(base: string, name: string, description?: string): Promise<WireSnapshot> {
    await this.bases.check(base);
    return snapshotInfoOf(await this.store.createSnapshot(base, name, { description: description ?? '' }));
  }

  async delete(base: string, name: string): Promise<void> {
    await this.bases.check(base);
    await this.store.deleteSnapshot(base, name);
  }

  /** BASE_NOT_FOUND, SNAPSHOT_NOT_FOUND. */
  async check(base: string, name: string): Promise<void> {
    await this.bases.check(base);
    await this.store.getSnapshot(base, name);
  }

  /** Makes the base what it was at the snapshot, as journaled changes in one transaction. */
  async restore(base: string, name: string): Promise<SnapshotRestoreResult> {
    const result = await this.store.restoreSnapshot(base, name);
    const info = await this.store.getBase(result.base);
    return { base, snapshot: name, atomCount: info.atomCount };
  }
}
