/**
 * The embedded backend: PostgreSQL compiled to WebAssembly (PGlite), in a worker thread of this process, with its
 * files under a data folder. The default store: `npm start` needs no database server.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { defaultTypes, type TypeRegistry } from '@ai-opencog/atomspace';
import type { AtomStore } from '../atom-store';
import { migrate } from '../sql/migrations';
import { SqlAtomStore } from '../sql/sql-atom-store';
import type { SqlClient, SqlExecutor, SqlRow } from '../sql/sql-client';
import { toStorageError } from '../sql/sql-client';
import type { PGliteErrorInfo, PGliteReady, PGliteReply, PGliteRequest, PGliteWorkerData } from './pglite-messages';

export interface PGliteStoreConfig {
  /** Folder of the database files (created if missing); undefined: in memory, gone on close. */
  dataDir?: string;
  /** Type registry for checking atoms and expanding subtypes (default: the kernel's defaultTypes). */
  types?: TypeRegistry;
}

/**
 * The compiled worker script. From lib/ it sits beside this file; when the package runs from its
 * TypeScript sources (the tests), the compiled one in lib/ is used, which `tsc -b` builds.
 */
function workerScript(): string {
  const beside = join(__dirname, 'pglite-worker.js');
  if (existsSync(beside)) return beside;
  const compiled = join(__dirname, '..', '..', 'lib', 'pglite', 'pglite-worker.js');
  if (existsSync(compiled)) return compiled;
  throw new Error(`no compiled PGlite worker at ${beside} or ${compiled}: run tsc -b in packages/storage`);
}

/** PGlite runs in a worker thread of its own (see pglite-worker.ts); this thread only sends it SQL. */
export async function openPGliteStore(config: PGliteStoreConfig = {}): Promise<AtomStore> {
  if (config.dataDir !== undefined) mkdirSync(config.dataDir, { recursive: true });
  const data: PGliteWorkerData = config.dataDir !== undefined ? { dataDir: config.dataDir } : {};
  const worker = new Worker(workerScript(), { workerData: data });
  const ready = await new Promise<PGliteReady>((resolve) => {
    worker.once('message', resolve);
    worker.once('error', (e) => resolve({ ready: false, error: { message: e.message } }));
  });
  if (!ready.ready) {
    await worker.terminate();
    throw toStorageError(Object.assign(new Error(`cannot open PGlite in ${config.dataDir ?? 'memory'}: ${ready.error.message}`), { code: '08000' }));
  }
  const client = new PGliteClient(worker);
  try {
    await migrate(client);
  } catch (e) {
    await client.close();
    throw toStorageError(e);
  }
  return new SqlAtomStore(client, { backend: 'pglite', types: config.types ?? defaultTypes });
}

type Pending = { resolve: (reply: PGliteReply & { ok: true }) => void; reject: (e: Error) => void };

/** A database error from the worker, with PostgreSQL's fields back on it (toStorageError reads `code`). */
function errorFrom(info: PGliteErrorInfo): Error {
  return Object.assign(new Error(info.message), info);
}

/** Sends requests to the worker and matches its replies; an open transaction is its id. */
class PGliteConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;

  constructor(private readonly worker: Worker) {
    worker.on('message', (reply: PGliteReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply);
      else p.reject(errorFrom(reply.error));
    });
    const fail = (e: Error) => {
      this.failure = Object.assign(new Error(`the PGlite worker stopped: ${e.message}`), { code: '08006' });
      for (const p of this.pending.values()) p.reject(this.failure);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit ${code}`)));
  }

  send(request: DistributiveOmit<PGliteRequest, 'id'>): Promise<PGliteReply & { ok: true }> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

class PGliteExecutor implements SqlExecutor {
  constructor(
    protected readonly connection: PGliteConnection,
    private readonly tx?: number,
  ) {}

  async query<T extends SqlRow = SqlRow>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const reply = await this.connection.send({ op: 'query', sql, params: [...params], ...(this.tx !== undefined ? { tx: this.tx } : {}) });
    return (reply.rows ?? []) as T[];
  }

  async exec(sql: string): Promise<void> {
    await this.connection.send({ op: 'exec', sql, ...(this.tx !== undefined ? { tx: this.tx } : {}) });
  }
}

class PGliteClient extends PGliteExecutor implements SqlClient {
  constructor(private readonly worker: Worker) {
    super(new PGliteConnection(worker));
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const { tx } = await this.connection.send({ op: 'begin' });
    let result: T;
    try {
      result = await fn(new PGliteExecutor(this.connection, tx));
    } catch (e) {
      await this.connection.send({ op: 'rollback', tx: tx! }).catch(() => undefined);
      throw e;
    }
    await this.connection.send({ op: 'commit', tx: tx! });
    return result;
  }

  async close(): Promise<void> {
    await this.connection.send({ op: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }
}
