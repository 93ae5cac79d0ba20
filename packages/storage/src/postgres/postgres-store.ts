/** The server backend: PostgreSQL through a node-postgres connection pool. */
import { defaultTypes, type TypeRegistry } from '@ai-opencog/atomspace';
import { Pool, type PoolClient } from 'pg';
import type { AtomStore } from '../atom-store';
import { StorageError } from '../errors';
import { migrate } from '../sql/migrations';
import { SqlAtomStore } from '../sql/sql-atom-store';
import { toStorageError, type SqlClient, type SqlExecutor, type SqlRow } from '../sql/sql-client';

export interface PostgresStoreConfig {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Milliseconds to wait for a connection before STORAGE_UNAVAILABLE (default 5,000). */
  connectTimeoutMs?: number;
  /**
   * The schema to keep the tables in (created if missing; default: the connection's search_path,
   * normally `public`). Lets several stores, or test runs, share one database.
   */
  schema?: string;
  types?: TypeRegistry;
}

export async function openPostgresStore(config: PostgresStoreConfig): Promise<AtomStore> {
  const schema = config.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StorageError('INVALID_ARGUMENT', `schema name ${JSON.stringify(schema)} must be lowercase letters, digits and _`);
  }
  const pool = new Pool({
    connectionString: config.url,
    max: config.poolSize ?? 10,
    connectionTimeoutMillis: config.connectTimeoutMs ?? 5_000,
    application_name: 'ai-opencog-storage',
    // Extensions (pg_trgm) live in public, so it stays on the path.
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  });
  // An idle connection that the server drops must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const client = new PostgresClient(pool);
  try {
    await migrate(client, schema);
  } catch (e) {
    await pool.end();
    throw toStorageError(e);
  }
  return new SqlAtomStore(client, { backend: 'postgres', types: config.types ?? defaultTypes });
}

class PostgresExecutor implements SqlExecutor {
  constructor(protected readonly target: Pool | PoolClient) {}

  async query<T extends SqlRow = SqlRow>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.target.query<T>(sql, [...params])).rows;
  }

  async exec(sql: string): Promise<void> {
    await this.target.query(sql);
  }
}

class PostgresClient extends PostgresExecutor implements SqlClient {
  constructor(private readonly pool: Pool) {
    super(pool);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const conn = await this.pool.connect();
    try {
      await conn.query('BEGIN');
      const result = await fn(new PostgresExecutor(conn));
      await conn.query('COMMIT');
      conn.release();
      return result;
    } catch (e) {
      // A connection that cannot even roll back is broken: the pool drops it instead of reusing it.
      const broken = await conn.query('ROLLBACK').then(
        () => undefined,
        (rollbackError: unknown) => (rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))),
      );
      conn.release(broken);
      throw e;
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
