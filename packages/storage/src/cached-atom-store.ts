/**
 * An AtomStore that answers repeated reads from a ReadCache and, after each write, drops the
 * base's cached answers and publishes a ChangeMessage on the base's channel. What a service
 * instance wraps its store in when it shares the store with other instances.
 */
import type { AtomJson } from '@ai-opencog/atomspace';
import type {
  AtomKey,
  AtomPage,
  AtomQuery,
  AtomStore,
  ChangeSet,
  CreateBaseOptions,
  CreateSnapshotOptions,
  ExportOptions,
  JournalEntry,
  JournalReadOptions,
  KnowledgeBaseInfo,
  PageOptions,
  RemoveOptions,
  RestoreOptions,
  RestorePoint,
  RestoreResult,
  SnapshotInfo,
  StoredAtom,
  TypeCount,
  UpsertOptions,
  WriteResult,
} from './atom-store';
import type { ReadCache } from './cache';
import { baseChannel, type ChangeBus, type ChangeMessage } from './change-bus';

export interface CachedAtomStoreOptions {
  cache: ReadCache;
  /** Where to publish what changed (optional). */
  changes?: ChangeBus;
  /** This instance's name in published messages (default: a random one). */
  origin?: string;
  /**
   * Called when the cache or the bus fails after a write that committed: the write stands; other
   * instances may serve the old answers until the cache TTL passes.
   */
  onError?: (error: unknown) => void;
}

/** Messages list the changed keys when there are at most this many. */
const MAX_KEYS_IN_MESSAGE = 100;

export class CachedAtomStore implements AtomStore {
  readonly backend: string;
  readonly origin: string;
  private readonly cache: ReadCache;

  constructor(
    private readonly store: AtomStore,
    private readonly options: CachedAtomStoreOptions,
  ) {
    this.backend = store.backend;
    this.cache = options.cache;
    this.origin = options.origin ?? `instance-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  }

  ping(): Promise<void> {
    return this.store.ping();
  }

  close(): Promise<void> {
    return this.store.close();
  }

  // ------------------------------------------------------------ bases (not cached: cheap)

  async createBase(name: string, options?: CreateBaseOptions): Promise<KnowledgeBaseInfo> {
    const info = await this.store.createBase(name, options);
    await this.changed(name, { kind: 'base', detail: 'created', journalSeq: info.journalSeq });
    return info;
  }

  listBases(): Promise<KnowledgeBaseInfo[]> {
    return this.store.listBases();
  }

  getBase(name: string): Promise<KnowledgeBaseInfo> {
    return this.store.getBase(name);
  }

  async renameBase(from: string, to: string): Promise<KnowledgeBaseInfo> {
    const info = await this.store.renameBase(from, to);
    await this.changed(to, { kind: 'base', detail: `renamed-from:${from}`, journalSeq: info.journalSeq });
    await this.changed(from, { kind: 'base', detail: `renamed:${to}` });
    return info;
  }

  async deleteBase(name: string): Promise<void> {
    await this.store.deleteBase(name);
    await this.changed(name, { kind: 'base', detail: 'deleted' });
  }

  // ------------------------------------------------------------ writes

  upsertAtoms(base: string, atoms: readonly AtomJson[], options?: UpsertOptions): Promise<WriteResult> {
    return this.written(base, this.store.upsertAtoms(base, atoms, options));
  }

  removeAtoms(base: string, keys: readonly AtomKey[], options?: RemoveOptions): Promise<WriteResult> {
    return this.written(base, this.store.removeAtoms(base, keys, options));
  }

  applyChanges(base: string, changes: ChangeSet): Promise<WriteResult> {
    return this.written(base, this.store.applyChanges(base, changes));
  }

  async restoreToPoint(base: string, point: RestorePoint, options?: RestoreOptions): Promise<RestoreResult> {
    return this.restored(await this.store.restoreToPoint(base, point, options));
  }

  async restoreSnapshot(base: string, name: string, options?: RestoreOptions): Promise<RestoreResult> {
    return this.restored(await this.store.restoreSnapshot(base, name, options));
  }

  // ------------------------------------------------------------ cached reads

  getAtom(base: string, key: AtomKey): Promise<StoredAtom | undefined> {
    return this.cache.getOrLoad(base, `atom:${key}`, () => this.store.getAtom(base, key));
  }

  getAtoms(base: string, keys: readonly AtomKey[]): Promise<(StoredAtom | undefined)[]> {
    return Promise.all(keys.map((k) => this.getAtom(base, k)));
  }

  getIncoming(base: string, key: AtomKey): Promise<StoredAtom[]> {
    return this.cache.getOrLoad(base, `incoming:${key}`, () => this.store.getIncoming(base, key));
  }

  queryAtoms(base: string, query: AtomQuery, page?: PageOptions): Promise<AtomPage> {
    return this.cache.getOrLoad(base, `query:${JSON.stringify([query, page ?? {}])}`, () => this.store.queryAtoms(base, query, page));
  }

  countAtoms(base: string, query?: AtomQuery): Promise<number> {
    return this.cache.getOrLoad(base, `count:${JSON.stringify(query ?? {})}`, () => this.store.countAtoms(base, query));
  }

  countByType(base: string): Promise<TypeCount[]> {
    return this.cache.getOrLoad(base, 'types', () => this.store.countByType(base));
  }

  // ------------------------------------------------------------ not cached (streams, history)

  exportAtoms(base: string, options?: ExportOptions): AsyncIterable<StoredAtom[]> {
    return this.store.exportAtoms(base, options);
  }

  readJournal(base: string, options?: JournalReadOptions): Promise<JournalEntry[]> {
    return this.store.readJournal(base, options);
  }

  createSnapshot(base: string, name: string, options?: CreateSnapshotOptions): Promise<SnapshotInfo> {
    return this.store.createSnapshot(base, name, options);
  }

  listSnapshots(base: string): Promise<SnapshotInfo[]> {
    return this.store.listSnapshots(base);
  }

  getSnapshot(base: string, name: string): Promise<SnapshotInfo> {
    return this.store.getSnapshot(base, name);
  }

  deleteSnapshot(base: string, name: string): Promise<void> {
    return this.store.deleteSnapshot(base, name);
  }

  // ------------------------------------------------------------ internals

  private async written(base: string, write: Promise<WriteResult>): Promise<WriteResult> {
    const r = await write;
    if (r.added + r.updated + r.removed.length > 0) {
      const keys = [...r.keys, ...r.removed];
      await this.changed(base, { kind: 'atoms', journalSeq: r.journalSeq, ...(keys.length <= MAX_KEYS_IN_MESSAGE ? { keys } : {}) });
    }
    return r;
  }

  private async restored(r: RestoreResult): Promise<RestoreResult> {
    await this.changed(r.base, { kind: 'base', detail: 'restored', journalSeq: r.journalSeq });
    return r;
  }

  /** Drops the base's cached answers and tells the other instances; failures go to onError. */
  private async changed(base: string, message: Omit<ChangeMessage, 'origin' | 'name'>): Promise<void> {
    const full: ChangeMessage = { origin: this.origin, name: base, ...message };
    const results = await Promise.allSettled([this.cache.invalidate(base), this.options.changes?.publish(baseChannel(base), full)]);
    for (const r of results) if (r.status === 'rejected') this.options.onError?.(r.reason);
  }
}
