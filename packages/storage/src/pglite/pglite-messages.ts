/** The messages between the store (main thread) and the PGlite worker thread (pglite-worker.ts). */

/** What the worker opens: the data folder (none: in memory). */
export interface PGliteWorkerData {
  dataDir?: string;
}

/** A request; `tx` runs it inside that open transaction. */
export type PGliteRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'begin' }
  | { id: number; op: 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'close' };

/** A database error as it crosses the thread: its message and PostgreSQL's fields (`code` is the SQLSTATE). */
export interface PGliteErrorInfo {
  message: string;
  code?: string;
  detail?: string;
  constraint?: string;
}

export type PGliteReply =
  | { id: number; ok: true; rows?: Record<string, unknown>[]; tx?: number }
  | { id: number; ok: false; error: PGliteErrorInfo };

/** The first message of the worker: PGlite is open (or could not be). */
export type PGliteReady = { ready: true } | { ready: false; error: PGliteErrorInfo };
