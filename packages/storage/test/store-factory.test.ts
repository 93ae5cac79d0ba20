import { TypeRegistry } from '@ai-opencog/atomspace';
import { DEFAULT_PGLITE_DIR, openAtomStore, storageConfigFromEnv } from '../src';
import { storageError } from './conformance/atom-store-conformance';

describe('storageConfigFromEnv', () => {
  test('PGlite in ./data/pglite by default; PGLITE_DATA_DIR=memory keeps nothing on disk', () => {
    expect(storageConfigFromEnv({})).toEqual({ backend: 'pglite', dataDir: DEFAULT_PGLITE_DIR });
    expect(storageConfigFromEnv({ PGLITE_DATA_DIR: '/var/kb' })).toEqual({ backend: 'pglite', dataDir: '/var/kb' });
    expect(storageConfigFromEnv({ PGLITE_DATA_DIR: 'memory' })).toEqual({ backend: 'pglite', dataDir: undefined });
  });

  test('postgres needs DATABASE_URL; the pool size must be a positive integer', async () => {
    expect(storageConfigFromEnv({ STORAGE_BACKEND: 'postgres', DATABASE_URL: 'postgres://a@h/db', DATABASE_POOL_SIZE: '4' })).toEqual({
      backend: 'postgres',
      url: 'postgres://a@h/db',
      poolSize: 4,
    });
    expect((await storageError(async () => storageConfigFromEnv({ STORAGE_BACKEND: 'postgres' }))).code).toBe('INVALID_ARGUMENT');
    expect(
      (await storageError(async () => storageConfigFromEnv({ STORAGE_BACKEND: 'postgres', DATABASE_URL: 'x', DATABASE_POOL_SIZE: '0' }))).code,
    ).toBe('INVALID_ARGUMENT');
  });

  test('neo4j needs NEO4J_URL; an unknown backend is refused', async () => {
    expect(storageConfigFromEnv({ STORAGE_BACKEND: 'neo4j', NEO4J_URL: 'bolt://h:7687', NEO4J_USER: 'u', NEO4J_PASSWORD: 'p' })).toMatchObject({
      backend: 'neo4j',
      url: 'bolt://h:7687',
      username: 'u',
      password: 'p',
    });
    expect((await storageError(async () => storageConfigFromEnv({ STORAGE_BACKEND: 'neo4j' }))).code).toBe('INVALID_ARGUMENT');
    expect((await storageError(async () => storageConfigFromEnv({ STORAGE_BACKEND: 'mysql' }))).code).toBe('INVALID_ARGUMENT');
  });
});

test('openAtomStore opens the configured backend with the given types', async () => {
  const types = new TypeRegistry();
  types.register('GeneNode', ['ConceptNode']);
  const store = await openAtomStore({ backend: 'pglite' }, types);
  try {
    expect(store.backend).toBe('pglite');
    await store.createBase('genes');
    await store.upsertAtoms('genes', [{ type: 'GeneNode', name: 'BRCA1' }]);
    expect(await store.countAtoms('genes', { types: ['ConceptNode'], subtypes: true })).toBe(1);
  } finally {
    await store.close();
  }
}, 60_000);
