/**
 * Between an AtomSpace (working memory) and a knowledge base: load a base into a space, save a
 * space into a base, and record a space's changes to save them later. Written against the
 * AtomStore interface, so every backend has them.
 */
import type { Atom, AtomSpace, AtomSpaceEvent } from '@ai-opencog/atomspace';
import { atomKey } from './atom-key';
import type { AtomKey, AtomStore, WriteResult } from './atom-store';
import { StorageError } from './errors';
import { addStoredAtom, storedAtomOf } from './stored-atom';

export interface SyncOptions {
  /** Atoms per read or write (default 1,000). */
  batchSize?: number;
  /** Called after each batch with the atoms done so far. */
  onProgress?: (atoms: number) => void;
  /** Stops between batches with ABORTED. */
  signal?: AbortSignal;
}

export interface LoadOptions extends SyncOptions {
  /** All or nothing: load into a child frame and commit it only when every atom was read (default true). */
  atomic?: boolean;
}

/** Adds every atom of the base, with its values, to `space`. */
export async function loadBaseIntoSpace(store: AtomStore, base: string, space: AtomSpace, options: LoadOptions = {}): Promise<{ atoms: number }> {
  const target = options.atomic === false ? space : space.createChild(`load ${base}`);
  const byKey = new Map<AtomKey, Atom>();
  let atoms = 0;
  try {
    for await (const batch of store.exportAtoms(base, { batchSize: options.batchSize })) {
      checkAborted(options.signal, `loading ${base}`);
      for (const record of batch) byKey.set(record.key, addStoredAtom(target, record, (k) => byKey.get(k)));
      atoms += batch.length;
      options.onProgress?.(atoms);
    }
    if (target !== space) target.commitToParent();
  } catch (e) {
    if (target !== space) target.dispose();
    throw e;
  }
  return { atoms };
}

export interface SaveOptions extends SyncOptions {
  /** Also remove the atoms of the base that the space does not hold, so the base equals the space. */
  mirror?: boolean;
}

/**
 * Writes every atom of the space with its values (replacing the values stored) into the base,
 * a batch per transaction, atoms before the links that contain them.
 */
export async function saveSpaceToBase(store: AtomStore, base: string, space: AtomSpace, options: SaveOptions = {}): Promise<{ atoms: number; removed: number }> {
  const size = options.batchSize ?? 1000;
  const all = [...space.atoms()].sort((a, b) => a.id - b.id);
  let atoms = 0;
  for (let i = 0; i < all.length; i += size) {
    checkAborted(options.signal, `saving into ${base}`);
    const put = all.slice(i, i + size).map((a) => storedAtomOf(a, space));
    await store.applyChanges(base, { put });
    atoms += put.length;
    options.onProgress?.(atoms);
  }
  let removed = 0;
  if (options.mirror) {
    const keep = new Set(all.map((a) => atomKey(a)));
    const gone: AtomKey[] = [];
    for await (const batch of store.exportAtoms(base, { batchSize: size })) for (const r of batch) if (!keep.has(r.key)) gone.push(r.key);
    // Export order puts links after their atoms: removing from the end never leaves a link behind.
    gone.reverse();
    for (let i = 0; i < gone.length; i += size) {
      checkAborted(options.signal, `saving into ${base}`);
      removed += (await store.removeAtoms(base, gone.slice(i, i + size), { ignoreMissing: true })).removed.length;
    }
  }
  return { atoms, removed };
}

/**
 * Watches a space and remembers which atoms were added, changed or removed, so that `flush`
 * writes just those into a base (in one transaction). Atoms of the space that the base lacks when
 * recording starts must be saved first (saveSpaceToBase).
 */
export class SpaceChangeRecorder {
  /** Atoms added or changed, and keys of atoms removed, each with the number of the event that last touched it. */
  private readonly changed = new Map<Atom, number>();
  private readonly removed = new Map<AtomKey, number>();
  private events = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly space: AtomSpace) {
    this.unsubscribe = space.subscribe((e) => this.record(e));
  }

  /** Atoms waiting to be written. */
  get pending(): number {
    return this.changed.size + this.removed.size;
  }

  /**
   * Writes the recorded changes. What changes while the write is in flight stays recorded for the
   * next flush, and so does everything when the write fails.
   */
  async flush(store: AtomStore, base: string): Promise<WriteResult> {
    const changed = [...this.changed];
    const removed = [...this.removed];
    const put = changed
      .map(([a]) => a)
      .sort((a, b) => a.id - b.id)
      .map((a) => storedAtomOf(a, this.space));
    const result = await store.applyChanges(base, { remove: removed.map(([k]) => k), put, ignoreMissing: true });
    for (const [a, n] of changed) if (this.changed.get(a) === n) this.changed.delete(a);
    for (const [k, n] of removed) if (this.removed.get(k) === n) this.removed.delete(k);
    return result;
  }

  dispose(): void {
    this.unsubscribe();
  }

  private record(e: AtomSpaceEvent): void {
    const n = ++this.events;
    if (e.kind === 'remove') {
      this.changed.delete(e.atom);
      this.removed.set(atomKey(e.atom), n);
      return;
    }
    this.changed.set(e.atom, n);
    if (e.kind === 'add') this.removed.delete(atomKey(e.atom));
  }
}

function checkAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new StorageError('ABORTED', `${what} was cancelled`);
}
