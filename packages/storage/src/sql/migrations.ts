/**
 * Versioned schema migrations, applied on start in order, each in its own transaction, under an
 * advisory lock so that several processes starting at once apply each migration once. Applied
 * versions are rows of `kb_migrations`.
 */
import { SCHEMA_V1, TRIGRAM_EXTENSION, TRIGRAM_INDEX } from './schema';
import type { SqlClient, SqlExecutor } from './sql-client';

export interface Migration {
  version: number;
  name: string;
  /** Returns a note kept with the migration (e.g. a feature the database lacks). */
  up(tx: SqlExecutor): Promise<string | void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'knowledge bases, atoms, journal, snapshots',
    async up(tx) {
      await tx.exec(SCHEMA_V1);
    },
  },
  {
    version: 2,
    name: 'trigram index for substring search',
    async up(tx) {
      await tx.query('SAVEPOINT trigram');
      try {
        await tx.query(TRIGRAM_EXTENSION);
        await tx.query(TRIGRAM_INDEX);
        await tx.query('RELEASE SAVEPOINT trigram');
      } catch (e) {
        await tx.query('ROLLBACK TO SAVEPOINT trigram');
        return `pg_trgm not available (${e instanceof Error ? e.message : String(e)}): substring search scans the base`;
      }
    },
  },
];

/** Any fixed number: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 0x6b625f6d;

/**
 * Applies the migrations not applied yet. With `schema`, creates it first (the connections'
 * search_path must start with it).
 */
export async function migrate(client: SqlClient, schema?: string): Promise<void> {
  await client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    if (schema !== undefined) await tx.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS kb_migrations (
         version integer PRIMARY KEY, name text NOT NULL, note text NOT NULL DEFAULT '', applied_at timestamptz NOT NULL DEFAULT now())`,
    );
  });
  for (const m of MIGRATIONS) {
    await client.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('SELECT 1 FROM kb_migrations WHERE version = $1', [m.version]);
      if (done.length > 0) return;
      const note = (await m.up(tx)) ?? '';
      await tx.query('INSERT INTO kb_migrations (version, name, note) VALUES ($1, $2, $3)', [m.version, m.name, note]);
    });
  }
}
