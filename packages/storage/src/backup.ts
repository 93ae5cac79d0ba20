/**
 * Backups: whole knowledge bases as JSON lines, written from and restored into any AtomStore.
 *
 *   {"format":"ai-opencog-backup","version":1,"createdAt":"2025-01-01T00:00:00.000Z","bases":2}
 *   {"base":{"name":"kb","description":"","createdAt":"...","journalSeq":12,"atomCount":3}}
 *   {"atom":{"key":"…","type":"ConceptNode","name":"cat","tv":{"type":"stv","strength":0.9,"confidence":0.8}}}
 *   ...                                                    (atoms in dependency order)
 *   {"baseEnd":{"name":"kb","atomCount":3}}
 *   ... the next base ...
 *   {"end":{"bases":2}}
 *
 * Each base is read from a snapshot taken for the backup (and deleted after), so its atoms are
 * those at `journalSeq` even while writers go on. The journal itself is not in the backup: a
 * restored base starts a new journal whose first entries add its atoms.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { AtomStore, KnowledgeBaseInfo, StoredAtom } from './atom-store';
import { StorageError, isStorageError } from './errors';

export const BACKUP_FORMAT = 'ai-opencog-backup';
export const BACKUP_VERSION = 1;

export interface BackupOptions {
  /** Bases to back up (default: all). */
  bases?: readonly string[];
  /** Atoms per read (default 1,000). */
  batchSize?: number;
  /** Called after each batch with the atoms written so far (all bases). */
  onProgress?: (atoms: number) => void;
  /** Checked between batches: an aborted backup throws its reason (the snapshot it took is deleted). */
  signal?: AbortSignal;
}

/** The backup as lines of text, each ending in a newline. */
export async function* writeBackup(store: AtomStore, options: BackupOptions = {}): AsyncIterable<string> {
  const names = options.bases ?? (await store.listBases()).map((b) => b.name);
  const line = (x: unknown) => `${JSON.stringify(x)}\n`;
  yield line({ format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), bases: names.length });
  let written = 0;
  for (const name of names) {
    const info = await store.getBase(name);
    const snapshot = `backup-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    const at = await store.createSnapshot(name, snapshot, { description: 'taken for a backup; deleted when it ends' });
    try {
      yield line({ base: { name, description: info.description, createdAt: info.createdAt, journalSeq: at.journalSeq, atomCount: at.atomCount } });
      let count = 0;
      for await (const batch of store.exportAtoms(name, { snapshot, batchSize: options.batchSize })) {
        options.signal?.throwIfAborted();
        count += batch.length;
        written += batch.length;
        yield batch.map((atom) => line({ atom })).join('');
        options.onProgress?.(written);
      }
      yield line({ baseEnd: { name, atomCount: count } });
    } finally {
      await store.deleteSnapshot(name, snapshot);
    }
  }
  yield line({ end: { bases: names.length } });
}

export interface RestoreBackupOptions {
  /** The name to restore each base under (default: its own name). */
  rename?: (name: string) => string;
  /** Replace existing bases of those names (their journal and snapshots go too); default: BASE_EXISTS. */
  replace?: boolean;
  /** Atoms per write (default 1,000). */
  batchSize?: number;
}

/**
 * Restores every base of a backup given as text chunks (lines may be split anywhere). Bases are
 * built under temporary names and take their real names only when the whole backup has been read
 * and checked, so a corrupt or truncated backup (INVALID_BACKUP) changes no base.
 */
export async function restoreBackup(
  store: AtomStore,
  chunks: AsyncIterable<string> | Iterable<string>,
  options: RestoreBackupOptions = {},
): Promise<KnowledgeBaseInfo[]> {
  const restorer = new BackupRestorer(store, options);
  try {
    for await (const [text, n] of lines(chunks)) await restorer.line(text, n);
    return await restorer.finish();
  } catch (e) {
    await restorer.discard();
    if (isStorageError(e) && e.code === 'INVALID_ATOM') throw new StorageError('INVALID_BACKUP', e.message, { cause: e });
    throw e;
  }
}

/** Writes the backup to a file and syncs it to disk before resolving. */
export async function writeBackupFile(store: AtomStore, path: string, options: BackupOptions = {}): Promise<void> {
  const file = await open(path, 'w');
  try {
    for await (const text of writeBackup(store, options)) await file.write(text);
    await file.sync();
  } finally {
    await file.close();
  }
}

export function restoreBackupFile(store: AtomStore, path: string, options: RestoreBackupOptions = {}): Promise<KnowledgeBaseInfo[]> {
  return restoreBackup(store, createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), options);
}

/** Non-empty lines with their line numbers. */
async function* lines(chunks: AsyncIterable<string> | Iterable<string>): AsyncIterable<[string, number]> {
  let rest = '';
  let n = 0;
  for await (const chunk of chunks) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const p of parts) {
      n++;
      if (p.trim() !== '') yield [p, n];
    }
  }
  if (rest.trim() !== '') yield [rest, n + 1];
}

interface Section {
  name: string;
  target: string;
  temp: string;
  atomCount: number;
  read: number;
}

class BackupRestorer {
  private header = false;
  private ended = false;
  private section: Section | undefined;
  private readonly done: Section[] = [];
  private batch: StoredAtom[] = [];
  private line_ = 0;

  constructor(
    private readonly store: AtomStore,
    private readonly options: RestoreBackupOptions,
  ) {}

  async line(text: string, n: number): Promise<void> {
    this.line_ = n;
    let x: Record<string, unknown>;
    try {
      x = JSON.parse(text) as Record<string, unknown>;
    } catch {
      this.fail('not JSON');
    }
    if (x === null || typeof x !== 'object') this.fail('not a JSON object');
    if (this.ended) this.fail('text after the end record');
    if (!this.header) {
      if (x.format !== BACKUP_FORMAT || x.version !== BACKUP_VERSION) this.fail(`not an ${BACKUP_FORMAT} version ${BACKUP_VERSION} header`);
      this.header = true;
    } else if ('atom' in x) {
      if (!this.section) this.fail('an atom outside a base');
      this.batch.push(x.atom as StoredAtom);
      this.section!.read++;
      if (this.batch.length >= (this.options.batchSize ?? 1000)) await this.flush();
    } else if ('base' in x) {
      if (this.section) this.fail('a base inside a base');
      await this.begin(x.base);
    } else if ('baseEnd' in x) {
      await this.endBase(x.baseEnd);
    } else if ('end' in x) {
      if (this.section) this.fail('the end inside a base');
      const bases = (x.end as { bases?: unknown } | null)?.bases;
      if (bases !== this.done.length) this.fail(`the end record counts ${String(bases)} bases, the backup holds ${this.done.length}`);
      this.ended = true;
    } else {
      this.fail('an unknown record');
    }
  }

  async finish(): Promise<KnowledgeBaseInfo[]> {
    if (!this.header) throw new StorageError('INVALID_BACKUP', 'the backup is empty');
    if (!this.ended) throw new StorageError('INVALID_BACKUP', 'the backup is truncated: no end record');
    for (const s of this.done) await this.checkTarget(s.target);
    const out: KnowledgeBaseInfo[] = [];
    for (const s of this.done) {
      if (this.options.replace) await this.store.deleteBase(s.target).catch((e) => (isStorageError(e, 'BASE_NOT_FOUND') ? undefined : Promise.reject(e)));
      out.push(await this.store.renameBase(s.temp, s.target));
      s.temp = '';
    }
    return out;
  }

  /** Deletes the temporary bases of a restore that failed. */
  async discard(): Promise<void> {
    for (const s of [...this.done, ...(this.section ? [this.section] : [])]) {
      if (s.temp) await this.store.deleteBase(s.temp).catch(() => undefined);
    }
  }

  private async begin(info: unknown): Promise<void> {
    const b = info as { name?: unknown; description?: unknown; atomCount?: unknown } | null;
    if (!b || typeof b.name !== 'string' || typeof b.atomCount !== 'number') this.fail('a base record without name and atomCount');
    const target = this.options.rename ? this.options.rename(b!.name as string) : (b!.name as string);
    await this.checkTarget(target);
    const temp = `restoring-${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
    this.section = { name: b!.name as string, target, temp: '', atomCount: b!.atomCount as number, read: 0 };
    await this.store.createBase(temp, { description: typeof b!.description === 'string' ? b!.description : '' });
    this.section.temp = temp;
  }

  private async endBase(end: unknown): Promise<void> {
    const s = this.section;
    if (!s) this.fail('a base end outside a base');
    await this.flush();
    const e = end as { name?: unknown; atomCount?: unknown } | null;
    if (e?.name !== s!.name || e?.atomCount !== s!.read || s!.read !== s!.atomCount) {
      this.fail(`base ${s!.name}: the backup announces ${s!.atomCount} atoms and holds ${s!.read}`);
    }
    this.done.push(s!);
    this.section = undefined;
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const put = this.batch;
    this.batch = [];
    try {
      await this.store.applyChanges(this.section!.temp, { put });
    } catch (e) {
      if (isStorageError(e, 'INVALID_ATOM')) this.fail(`base ${this.section!.name}: ${e.message}`);
      throw e;
    }
  }

  private async checkTarget(name: string): Promise<void> {
    if (this.options.replace) return;
    const exists = await this.store.getBase(name).then(
      () => true,
      (e) => (isStorageError(e, 'BASE_NOT_FOUND') ? false : Promise.reject(e)),
    );
    if (exists) throw new StorageError('BASE_EXISTS', `knowledge base ${name} already exists (restore with replace to overwrite it)`);
  }

  private fail(reason: string): never {
    throw new StorageError('INVALID_BACKUP', `backup line ${this.line_}: ${reason}`);
  }
}
