/**
 * The conformance suite against a real PostgreSQL (see test/support/external-services.ts for
 * where it comes from), each run in a schema of its own, dropped at the end.
 */
import { Client } from 'pg';
import { openPostgresStore, type StorageError } from '../src';
import { describeAtomStoreConformance, storageError } from './conformance/atom-store-conformance';
import { POSTGRES, describeWithService } from './support/external-services';

const schema = `test_${process.pid}_${Date.now().toString(36)}`;

async function sql(url: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describeWithService(POSTGRES, 'postgres', (url) => {
  describeAtomStoreConformance(
    'postgres',
    ({ types }) => openPostgresStore({ url: url(), schema, types, poolSize: 4 }),
    async () => {
      await sql(url(), `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  );

  describe('postgres specifics', () => {
    const own = `${schema}_own`;
    afterAll(async () => {
      await sql(url(), `DROP SCHEMA IF EXISTS ${own} CASCADE`);
    });

    test('migrations run once, recorded in kb_migrations, with the trigram index', async () => {
      const [a, b] = await Promise.all([openPostgresStore({ url: url(), schema: own }), openPostgresStore({ url: url(), schema: own })]);
      await Promise.all([a.close(), b.close()]);
      const rows = await sql(url(), `SELECT version, name, note FROM ${own}.kb_migrations ORDER BY version`);
      expect(rows.map((r) => r.version)).toEqual([1, 2]);
      expect(rows[1].note).toBe('');
      const indexes = await sql(url(), `SELECT indexname FROM pg_indexes WHERE schemaname = '${own}' AND tablename = 'kb_atoms' ORDER BY 1`);
      expect(indexes.map((r) => r.indexname)).toContain('kb_atoms_name_trgm');
    });

    test('an unreachable server is STORAGE_UNAVAILABLE', async () => {
      const e: StorageError = await storageError(openPostgresStore({ url: 'postgres://x:y@127.0.0.1:1/none', connectTimeoutMs: 1_000 }));
      expect(e.code).toBe('STORAGE_UNAVAILABLE');
    });

    test('a bad schema name is INVALID_ARGUMENT', async () => {
      expect((await storageError(openPostgresStore({ url: url(), schema: 'Robert"; DROP' }))).code).toBe('INVALID_ARGUMENT');
    });
  });
});
