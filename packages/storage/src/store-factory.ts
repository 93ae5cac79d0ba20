/** Opens the AtomStore that a configuration names; the one place that knows every backend. */
import type { TypeRegistry } from '@ai-opencog/atomspace';
import type { AtomStore } from './atom-store';
import { StorageError } from './errors';
import { openNeo4jStore } from './neo4j';
import { openPGliteStore } from './pglite/pglite-store';
import { openPostgresStore } from './postgres/postgres-store';

export type StorageConfig =
  | { backend: 'pglite'; /** undefined: in memory */ dataDir?: string }
  | { backend: 'postgres'; url: string; poolSize?: number }
  | { backend: 'neo4j'; url: string; username?: string; password?: string; database?: string };

export const DEFAULT_PGLITE_DIR = './data/pglite';

/**
 * Reads the storage configuration from environment variables (pass `process.env` once, at start):
 * - `STORAGE_BACKEND`: `pglite` (default), `postgres` or `neo4j`;
 * - `PGLITE_DATA_DIR`: the PGlite data folder (default ./data/pglite; `memory` for none);
 * - `DATABASE_URL`: the PostgreSQL URL (required for postgres), `DATABASE_POOL_SIZE` (default 10);
 * - `NEO4J_URL` (required for neo4j), `NEO4J_USER`, `NEO4J_PASSWORD`, `NEO4J_DATABASE`.
 */
export function storageConfigFromEnv(env: Readonly<Record<string, string | undefined>>): StorageConfig {
  const backend = env.STORAGE_BACKEND ?? 'pglite';
  switch (backend) {
    case 'pglite': {
      const dir = env.PGLITE_DATA_DIR ?? DEFAULT_PGLITE_DIR;
      return { backend, dataDir: dir === 'memory' ? undefined : dir };
    }
    case 'postgres': {
      if (!env.DATABASE_URL) throw new StorageError('INVALID_ARGUMENT', 'STORAGE_BACKEND=postgres needs DATABASE_URL');
      const poolSize = env.DATABASE_POOL_SIZE === undefined ? undefined : Number(env.DATABASE_POOL_SIZE);
      if (poolSize !== undefined && !(Number.isInteger(poolSize) && poolSize > 0)) {
        throw new StorageError('INVALID_ARGUMENT', `DATABASE_POOL_SIZE must be a positive integer, got ${env.DATABASE_POOL_SIZE}`);
      }
      return { backend, url: env.DATABASE_URL, poolSize };
    }
    case 'neo4j':
      if (!env.NEO4J_URL) throw new StorageError('INVALID_ARGUMENT', 'STORAGE_BACKEND=neo4j needs NEO4J_URL');
      return { backend, url: env.NEO4J_URL, username: env.NEO4J_USER, password: env.NEO4J_PASSWORD, database: env.NEO4J_DATABASE };
    default:
      throw new StorageError('INVALID_ARGUMENT', `STORAGE_BACKEND must be pglite, postgres or neo4j, got ${backend}`);
  }
}

/** Opens the store (migrating its schema) with `types` for checking atoms and expanding subtypes. */
export function openAtomStore(config: StorageConfig, types?: TypeRegistry): Promise<AtomStore> {
  switch (config.backend) {
    case 'pglite':
      return openPGliteStore({ dataDir: config.dataDir, types });
    case 'postgres':
      return openPostgresStore({ url: config.url, poolSize: config.poolSize, types });
    case 'neo4j':
      return openNeo4jStore({ url: config.url, username: config.username, password: config.password, database: config.database, types });
  }
}
