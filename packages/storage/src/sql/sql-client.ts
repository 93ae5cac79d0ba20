/** What the SQL atom store needs of a database connection; PGlite and node-postgres both provide it. */
import { StorageError } from '../errors';

export type SqlRow = Record<string, unknown>;

export interface SqlExecutor {
  query<T extends SqlRow = SqlRow>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
}

export interface SqlClient extends SqlExecutor {
  /** Runs `fn` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** SQLSTATE classes and socket errors that mean the database cannot be reached (or is going away). */
const UNAVAILABLE = /^(08|57P|53)|^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|EPIPE)$/;

export function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A database failure as a StorageError (StorageErrors pass through). */
export function toStorageError(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const code = sqlState(e);
  if ((code !== undefined && UNAVAILABLE.test(code)) || /terminat|connection|closed/i.test(message)) {
    return new StorageError('STORAGE_UNAVAILABLE', `database unavailable: ${message}`, { cause: e });
  }
  return new StorageError('STORAGE_ERROR', `database error${code ? ` ${code}` : ''}: ${message}`, { cause: e });
}
