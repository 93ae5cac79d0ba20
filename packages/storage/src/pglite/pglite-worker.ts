/**
 * The PGlite database in a worker thread. PGlite is PostgreSQL compiled to WebAssembly: a query
 * runs synchronously, its file writes and fsyncs included, in whatever thread holds it. Held by
 * the service's own thread it froze every request (health checks too) for the length of each
 * import batch; here it blocks only this thread. Requests come as PGliteRequest messages and are
 * answered in order by PGlite's own queue; a transaction stays open across messages until its
 * commit or rollback.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Extension, type Transaction } from '@electric-sql/pglite';
import type { PGliteErrorInfo, PGliteReply, PGliteRequest, PGliteWorkerData } from './pglite-messages';

// The package's types for contrib/* are those of its ES module build, which TypeScript will not
// let CommonJS import; at run time require loads the CommonJS build next to it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };

/**
 * PGlite's defaults run PostgreSQL with fsync off (`-F`); here it stays on, so that a committed
 * write is on disk when its promise resolves.
 */
const START_PARAMS = PGlite.defaultStartParams.filter((p) => p !== '-F');

const port = parentPort!;
const config = workerData as PGliteWorkerData;

/** An open transaction: where its statements go, and how it ends. */
interface OpenTransaction {
  tx: Transaction;
  end(commit: boolean): void;
  done: Promise<void>;
}

const transactions = new Map<number, OpenTransaction>();
let nextTx = 1;

function errorInfo(e: unknown): PGliteErrorInfo {
  const x = (e ?? {}) as { message?: unknown; code?: unknown; detail?: unknown; constraint?: unknown };
  return {
    message: typeof x.message === 'string' ? x.message : String(e),
    ...(typeof x.code === 'string' ? { code: x.code } : {}),
    ...(typeof x.detail === 'string' ? { detail: x.detail } : {}),
    ...(typeof x.constraint === 'string' ? { constraint: x.constraint } : {}),
  };
}

function reply(message: PGliteReply): void {
  port.postMessage(message);
}

async function main(): Promise<void> {
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir: config.dataDir, extensions: { pg_trgm }, relaxedDurability: false, startParams: START_PARAMS });
  } catch (e) {
    port.postMessage({ ready: false, error: errorInfo(e) });
    return;
  }

  /** Opens a transaction that stays open until `end` is called; resolves with its id once it is. */
  function begin(): Promise<number> {
    return new Promise((resolveBegin, rejectBegin) => {
      const id = nextTx++;
      let end!: (commit: boolean) => void;
      const ended = new Promise<boolean>((resolve) => (end = resolve));
      const done = db
        .transaction(async (tx) => {
          transactions.set(id, { tx, end, done });
          resolveBegin(id);
          if (!(await ended)) await tx.rollback();
        })
        .finally(() => transactions.delete(id));
      done.catch(rejectBegin);
    });
  }

  const target = (tx: number | undefined): PGlite | Transaction => {
    if (tx === undefined) return db;
    const open = transactions.get(tx);
    if (!open) throw new Error(`transaction ${tx} is not open`);
    return open.tx;
  };

  port.on('message', (request: PGliteRequest) => {
    void (async () => {
      try {
        switch (request.op) {
          case 'query':
            return reply({ id: request.id, ok: true, rows: (await target(request.tx).query<Record<string, unknown>>(request.sql, request.params)).rows });
          case 'exec':
            await target(request.tx).exec(request.sql);
            return reply({ id: request.id, ok: true });
          case 'begin':
            return reply({ id: request.id, ok: true, tx: await begin() });
          case 'commit':
          case 'rollback': {
            const open = transactions.get(request.tx);
            if (!open) throw new Error(`transaction ${request.tx} is not open`);
            open.end(request.op === 'commit');
            await open.done;
            return reply({ id: request.id, ok: true });
          }
          case 'close':
            await db.close();
            reply({ id: request.id, ok: true });
            return port.close();
        }
      } catch (e) {
        reply({ id: request.id, ok: false, error: errorInfo(e) });
      }
    })();
  });
  port.postMessage({ ready: true });
}

void main();
