import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPGliteStore, type AtomStore, type StoredAtom } from '@ai-opencog/storage';
import { runKnowledgeCli } from '../src/cli/knowledge-cli';
import { datasetTypes, describeRecords, expectSameAtoms } from './support/atoms';
import { DATASET_TYPES, tempDir } from './support/harness';

const CLI = join(__dirname, '..', 'lib', 'cli', 'main.js');

/** Runs the CLI in this process; captures what it prints (stderr as a terminal with `tty`). */
async function cliWith(
  io: { tty?: boolean; signal?: AbortSignal },
  env: Record<string, string>,
  ...argv: string[]
): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stderr = { write: (s: string) => (err += s), isTTY: io.tty ?? false, columns: 100 };
  const status = await runKnowledgeCli(argv, env, { stdout: { write: (s: string) => (out += s) }, stderr, ...(io.signal ? { signal: io.signal } : {}) });
  return { status, out, err };
}

const cli = (env: Record<string, string>, ...argv: string[]) => cliWith({}, env, ...argv);

async function atomsOf(store: AtomStore, base: string): Promise<Map<string, string>> {
  const records: StoredAtom[] = [];
  for await (const batch of store.exportAtoms(base)) records.push(...batch);
  return describeRecords(records);
}

// Integration: the CLI on a PGlite folder of its own (one process opens a PGlite folder at a
// time, so the test's own store is closed while the CLI runs); once as a child process (compiled lib/).
describe('ai-opencog-knowledge (the operator CLI)', () => {
  const dir = tempDir('knowledge-cli-');
  const dataDir = join(dir.path, 'data');
  const env = { DATA_DIR: dataDir, ATOM_TYPES: DATASET_TYPES };
  /** Opens the folder's store for `f`, then closes it. */
  async function withStore<T>(f: (store: AtomStore) => Promise<T>): Promise<T> {
    const store = await openPGliteStore({ dataDir, types: datasetTypes() });
    try {
      return await f(store);
    } finally {
      await store.close();
    }
  }
  let stateOfB1: Map<string, string>;
  let firstSeq: number;
  let firstTime: string;

  beforeAll(async () => {
    await withStore(async (store) => {
      await store.createBase('animals', { description: 'a taxonomy' });
      await store.upsertAtoms('animals', [
        { type: 'InheritanceLink', tv: { type: 'stv', strength: 0.9, confidence: 0.8 }, outgoing: [{ type: 'ConceptNode', name: 'cat' }, { type: 'ConceptNode', name: 'mammal' }] },
        { type: 'GeneNode', name: 'IGF1', av: { sti: 1, lti: 2, vlti: 0 } },
      ]);
      await store.createBase('history');
      const first = await store.upsertAtoms('history', [{ type: 'ConceptNode', name: 'one', tv: { type: 'stv', strength: 0.5, confidence: 0.5 } }]);
      firstSeq = first.journalSeq;
      firstTime = (await store.readJournal('history', { afterSeq: firstSeq - 1, limit: 1 }))[0]!.at;
      stateOfB1 = await atomsOf(store, 'history');
      await new Promise((resolve) => setTimeout(resolve, 20));
      await store.upsertAtoms('history', [{ type: 'ConceptNode', name: 'one', tv: { type: 'stv', strength: 0.1, confidence: 0.9 } }, { type: 'ConceptNode', name: 'two' }]);
    });
  }, 60_000);

  afterAll(() => dir.remove());

  it('lists the knowledge bases, as text or JSON', async () => {
    const text = await cli(env, 'list');
    expect(text.status).toBe(0);
    expect(text.out).toMatch(/^animals\t4 atoms\tjournal 4\tupdated /m);
    expect(text.out).toMatch(/^history\t2 atoms\t/m);
    const json = await cli(env, 'list', '--json');
    expect(json.out.trim().split('\n').map((l) => JSON.parse(l) as { name: string })).toMatchObject([{ name: 'animals', atomCount: 4, description: 'a taxonomy' }, { name: 'history' }]);
  });

  it('backs up one base or all, and restores them after they are gone, atom by atom', async () => {
    const one = join(dir.path, 'animals.jsonl');
    const all = join(dir.path, 'all.jsonl');
    expect(await cli(env, 'backup', '--base', 'animals', '--out', one)).toMatchObject({ status: 0, out: `backed up 1 knowledge base(s), 4 atoms, to ${one}\n` });
    const done = await cli(env, 'backup', '--all', '--out', all, '--json');
    expect(JSON.parse(done.out)).toMatchObject({ file: all, bases: ['animals', 'history'], atomCount: 6 });
    const before = await withStore((store) => atomsOf(store, 'animals'));
    await withStore((store) => store.deleteBase('animals'));

    expect(await cli(env, 'restore', '--in', one)).toMatchObject({ status: 0, out: 'restored animals: 4 atoms\n' });
    expectSameAtoms(await withStore((store) => atomsOf(store, 'animals')), before);
    const again = await cli(env, 'restore', '--in', one);
    expect(again.status).toBe(1);
    expect(again.err).toContain('BASE_EXISTS');
    expect((await cli(env, 'restore', '--in', one, '--overwrite')).status).toBe(0);
    expect((await cli(env, 'restore', '--in', one, '--into', 'animals-copy')).out).toBe('restored animals-copy: 4 atoms\n');
    expectSameAtoms(await withStore((store) => atomsOf(store, 'animals-copy')), before);
    const tooMany = await cli(env, 'restore', '--in', all, '--into', 'x');
    expect(tooMany.status).toBe(2);
    expect(tooMany.err).toContain('--into needs a backup of one base');
  });

  it('restores a base to a point in time, by journal sequence or time', async () => {
    expect(await cli(env, 'restore', '--base', 'history', '--to-seq', String(firstSeq), '--into', 'history-seq')).toMatchObject({ status: 0, out: 'restored history-seq: 1 atoms\n' });
    expectSameAtoms(await withStore((store) => atomsOf(store, 'history-seq')), stateOfB1);
    expect((await cli(env, 'restore', '--base', 'history', '--to-time', firstTime, '--into', 'history-time')).status).toBe(0);
    expectSameAtoms(await withStore((store) => atomsOf(store, 'history-time')), stateOfB1);
    const inPlace = await cli(env, 'restore', '--base', 'history', '--to-seq', String(firstSeq));
    expect(inPlace.status).toBe(1);
    expect(inPlace.err).toContain('CONFLICT');
    expect((await cli(env, 'restore', '--base', 'history', '--to-seq', String(firstSeq), '--overwrite')).status).toBe(0);
    expectSameAtoms(await withStore((store) => atomsOf(store, 'history')), stateOfB1);
  });

  it('fails with status 1 on a missing base or a bad backup file, and 2 on bad usage or configuration', async () => {
    const missing = await cli(env, 'backup', '--base', 'nope', '--out', join(dir.path, 'nope.jsonl'));
    expect(missing).toMatchObject({ status: 1 });
    expect(missing.err).toContain('BASE_NOT_FOUND');
    expect(existsSync(join(dir.path, 'nope.jsonl'))).toBe(false);
    const bad = join(dir.path, 'bad.jsonl');
    writeFileSync(bad, '{"format":"ai-opencog-backup","version":1}\n{"base":{"name":"x","atomCount":1}}\n');
    const truncated = await cli(env, 'restore', '--in', bad);
    expect(truncated.status).toBe(1);
    expect(truncated.err).toContain('truncated');
    expect((await cli(env, 'backup', '--out', 'x.jsonl')).status).toBe(2);
    expect((await cli(env, 'backup', '--base', 'a', '--all', '--out', 'x.jsonl')).status).toBe(2);
    expect((await cli(env, 'restore', '--base', 'history')).status).toBe(2);
    expect((await cli(env, 'restore', '--base', 'history', '--to-seq', 'three')).status).toBe(2);
    expect((await cli(env, 'frobnicate')).status).toBe(2);
    const config = await cli({ DATABASE_URL: 'mysql://nope' }, 'list');
    expect(config.status).toBe(2);
    expect(config.err).toContain('DATABASE_URL');
  });

  it('draws progress bars on a terminal; Ctrl-C stops a backup or a restore with nothing left behind (130)', async () => {
    const file = join(dir.path, 'progress.jsonl');
    const backup = await cliWith({ tty: true }, env, 'backup', '--all', '--out', file);
    expect(backup.status).toBe(0);
    expect(backup.err).toMatch(/\r\[#{30}\] 100% \d+\/\d+ atoms backup to progress\.jsonl/);
    const restore = await cliWith({ tty: true }, env, 'restore', '--in', file, '--overwrite');
    expect(restore.status).toBe(0);
    expect(restore.err).toMatch(/\r\[#{30}\] 100% [\d.]+\/[\d.]+ MB restore from progress\.jsonl/);

    const cancelled = new AbortController();
    cancelled.abort(new Error('cancelled'));
    const before = readdirSync(dir.path).sort();
    const stopped = await cliWith({ signal: cancelled.signal }, env, 'backup', '--all', '--out', join(dir.path, 'stopped.jsonl'));
    expect(stopped).toMatchObject({ status: 130, out: '' });
    expect(stopped.err).toContain('cancelled');
    expect(readdirSync(dir.path).sort()).toEqual(before);
    const bases = (await cli(env, 'list', '--json')).out;
    expect((await cliWith({ signal: cancelled.signal }, env, 'restore', '--in', file, '--overwrite')).status).toBe(130);
    expect((await cli(env, 'list', '--json')).out).toBe(bases);
    await withStore(async (store) => {
      for (const b of await store.listBases()) expect(await store.listSnapshots(b.name)).toEqual([]);
    });
  });

  it('runs as the package\'s bin', () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx tsc -b\` (or npm run build) first`);
    const run = spawnSync(process.execPath, [CLI, 'list'], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('animals\t4 atoms');
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });
});
