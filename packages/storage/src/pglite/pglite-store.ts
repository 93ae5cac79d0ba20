/**
 * The embedded backend: PostgreSQL compiled to WebAssembly (PGlite), in this process, with its
 * files under a data folder. The default store: `npm start` needs no database server.
 */
import { mkdirSync } from 'node:fs';
import { PGlite, type Extension, type Transaction } from '@electric-sql/pglite';
import { defaultTypes, type TypeRegistry } from '@ai-opencog/atomspace';
import type { AtomStore } from '../atom-store';
import { migrate } from '../sql/migrations';
import { SqlAtomStore } from '../sql/sql-atom-store';
import type { SqlClient, SqlExecutor, SqlRow } from '../sql/sql-client';
import { toStorageError } from '../sql/sql-client';

export interface PGliteStoreConfig {
  /** Folder of the database files (created if missing); undefined: in memory, gone on close. */
  dataDir?: string;
  /** Type registry for checking atoms and expanding subtypes (default: the kernel's defaultTypes). */
  types?: TypeRegistry;
}

// The package's types for contrib/* are those of its ES module build, which TypeScript will not
// let CommonJS import; at run time require loads the CommonJS build next to it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };

/**
 * PGlite's defaults run PostgreSQL with fsync off (`-F`); here it stays on, so that a committed
 * write is on disk when its promise resolves.
 */
const START_PARAMS = PGlite.defaultStartParams.filter((p) => p !== '-F');

export async function openPGliteStore(config: PGliteStoreConfig = {}): Promise<AtomStore> {
  if (config.dataDir !== undefined) mkdirSync(config.dataDir, { recursive: true });
  let db: PGlite;
  try {
    db = await PGlite.create({
      dataDir: config.dataDir,
      extensions: { pg_trgm },
      relaxedDurability: false,
      startParams: START_PARAMS,
    });
  } catch (e) {
    throw toStorageError(Object.assign(new Error(`cannot open PGlite in ${config.dataDir ?? 'memory'}: ${String(e)}`), { code: '08000' }));
  }
  const client = new PGliteClient(db);
  try {
    await migrate(client);
  } catch (e) {
    await db.close();
    throw toStorageError(e);
  }
  return new SqlAtomStore(client, { backend: 'pglite', types: config.types ?? defaultTypes });
}

class PGliteExecutor implements SqlExecutor {
  constructor(protected readonly target: PGlite | Transaction) {}

  async query<T extends SqlRow = SqlRow>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.target.query<T>(sql, [...params])).rows;
  }

  async exec(sql: string): Promise<void> {
    await this.target.exec(sql);
  }
}

class PGliteClient extends PGliteExecutor implements SqlClient {
  constructor(private readonly db: PGlite) {
    super(db);
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(new PGliteExecutor(tx)));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
