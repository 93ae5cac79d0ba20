/**
 * Import of 1,000,000 atoms (250,000 ConceptNodes and 750,000 InheritanceLinks with truth values
 * between them) into a knowledge base, through AtomStore.upsertAtoms in batches of nested atoms,
 * as an Atomese or JSON import does. One workload per process:
 *
 *   node lib-bench/storage-bench.js pglite          PGlite in a temporary folder
 *   node lib-bench/storage-bench.js postgres        PostgreSQL at BENCH_DATABASE_URL or TEST_DATABASE_URL
 *   node lib-bench/storage-bench.js postgres-copy   the same rows by raw COPY into the same table: the reference
 *   node lib-bench/storage-bench.js neo4j           Neo4j at TEST_NEO4J_URL (TEST_NEO4J_USER, TEST_NEO4J_PASSWORD)
 *
 * BENCH_ATOMS changes the size (a multiple of 4). Prints one JSON line per workload.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { SeededRandom, type AtomJson } from '@ai-opencog/atomspace';
import { linkKey, nodeKey, openNeo4jStore, openPGliteStore, openPostgresStore, type AtomStore } from '../lib';
import { report, rssMB, settle } from '@ai-opencog/bench-kit';

const ATOMS = Number(process.env.BENCH_ATOMS ?? 1_000_000);
const CONCEPTS = ATOMS / 4;
const LINKS = ATOMS - CONCEPTS;
const BATCH = 5_000;
const STRIDE = 7919;

/** Link i joins concept i mod N to the concept 7919·k further, k = 1 + i div N: all distinct. */
function link(i: number, rnd: SeededRandom): { a: number; b: number; s: number; c: number } {
  const a = i % CONCEPTS;
  const b = (a + STRIDE * (1 + Math.floor(i / CONCEPTS))) % CONCEPTS;
  return { a, b, s: Math.round(rnd.next() * 1000) / 1000, c: Math.round(rnd.next() * 1000) / 1000 };
}

function* batches(): Iterable<AtomJson[]> {
  const rnd = new SeededRandom(7);
  for (let start = 0; start < LINKS; start += BATCH) {
    const batch: AtomJson[] = [];
    for (let i = start; i < Math.min(LINKS, start + BATCH); i++) {
      const { a, b, s, c } = link(i, rnd);
      batch.push({
        type: 'InheritanceLink',
        outgoing: [
          { type: 'ConceptNode', name: `concept-${a}` },
          { type: 'ConceptNode', name: `concept-${b}` },
        ],
        tv: { type: 'stv', strength: s, confidence: c },
      });
    }
    yield batch;
  }
}

async function importInto(op: string, store: AtomStore): Promise<void> {
  const base = `bench-${Date.now().toString(36)}`;
  await store.createBase(base);
  settle();
  const t0 = performance.now();
  for (const batch of batches()) await store.upsertAtoms(base, batch);
  const ms = performance.now() - t0;
  const atoms = (await store.getBase(base)).atomCount;
  if (atoms !== ATOMS) throw new Error(`${op}: expected ${ATOMS} atoms, the base has ${atoms}`);
  report({ op, atoms, ms, atomsPerSec: Math.round((atoms / ms) * 1000), batch: BATCH, rssMB: Math.round(rssMB()) });
  await store.deleteBase(base);
}

function databaseUrl(): string {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL (e.g. $(scripts/test-deps/postgres.sh))');
  return url;
}

/** COPY of the rows the import stores (keys, depth, truth values) into kb_atoms of a new base. */
async function copyReference(): Promise<void> {
  const schema = `bench_${process.pid}`;
  const url = databaseUrl();
  const store = await openPostgresStore({ url, schema });
  const base = `bench-copy-${Date.now().toString(36)}`;
  await store.createBase(base);
  await store.close();
  const client = new Client({ connectionString: url, options: `-c search_path=${schema},public` });
  await client.connect();
  try {
    const [{ id }] = (await client.query('SELECT id FROM kb_bases WHERE name = $1', [base])).rows as { id: number }[];
    const keys = Array.from({ length: CONCEPTS }, (_, i) => nodeKey('ConceptNode', `concept-${i}`));
    function* rows(): Iterable<string> {
      for (let i = 0; i < CONCEPTS; i++) yield `${id}\t${keys[i]}\tConceptNode\tconcept-${i}\t\\N\t0\t\\N\n`;
      const rnd = new SeededRandom(7);
      for (let i = 0; i < LINKS; i++) {
        const { a, b, s, c } = link(i, rnd);
        const key = linkKey('InheritanceLink', [keys[a], keys[b]], false);
        yield `${id}\t${key}\tInheritanceLink\t\t{${keys[a]},${keys[b]}}\t1\t{"type":"stv","strength":${s},"confidence":${c}}\n`;
      }
    }
    const text = [...rows()];
    settle();
    const t0 = performance.now();
    await client.query('BEGIN');
    await pipeline(Readable.from(text), client.query(copyFrom('COPY kb_atoms (base_id, key, type, name, outgoing, depth, tv) FROM STDIN')));
    await client.query('COMMIT');
    const ms = performance.now() - t0;
    report({ op: 'postgres-copy (reference)', atoms: text.length, ms, atomsPerSec: Math.round((text.length / ms) * 1000), rssMB: Math.round(rssMB()) });
  } finally {
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  }
}

async function main(): Promise<void> {
  const which = process.argv[2];
  switch (which) {
    case 'pglite': {
      const dir = mkdtempSync(join(tmpdir(), 'ai-opencog-bench-'));
      const store = await openPGliteStore({ dataDir: dir });
      try {
        await importInto('pglite import', store);
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
      return;
    }
    case 'postgres': {
      const schema = `bench_${process.pid}`;
      const url = databaseUrl();
      const store = await openPostgresStore({ url, schema });
      try {
        await importInto('postgres import', store);
      } finally {
        await store.close();
        const c = new Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      }
      return;
    }
    case 'postgres-copy':
      return copyReference();
    case 'neo4j': {
      const url = process.env.TEST_NEO4J_URL;
      if (!url) throw new Error('set TEST_NEO4J_URL (e.g. $(scripts/test-deps/neo4j.sh start))');
      const store = await openNeo4jStore({ url, username: process.env.TEST_NEO4J_USER, password: process.env.TEST_NEO4J_PASSWORD });
      try {
        await importInto('neo4j import', store);
      } finally {
        await store.close();
      }
      return;
    }
    default:
      throw new Error('usage: storage-bench pglite|postgres|postgres-copy|neo4j');
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
