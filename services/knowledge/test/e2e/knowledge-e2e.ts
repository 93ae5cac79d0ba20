import { createReadStream } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { CONTENT_TYPES, type AtomRecord, type ImportQuery, type JobEventMessage } from '@ai-opencog/protocol';
import { isInternalBase } from '../../src/bases/internal-bases';
import { describeSpace, expectSameAtoms, spaceOfFile, spaceOfText } from '../support/atoms';
import { errorOf, RUN, startTestService, TOKENS, type TestService } from '../support/harness';

export const DATASETS_DIR = join(__dirname, '..', '..', '..', '..', 'datasets', 'opencog');
export const ALL_DATASETS = ['sample_dataset.scm', 'Mid-level-ontology.scm', 'dpedia.scm'];

export interface E2EOptions {
  /** The service's environment: the backend, Redis... */
  env: () => Record<string, string>;
  /** Datasets of datasets/opencog to round-trip. */
  datasets: readonly string[];
  /** True when every base on the server is this suite's (PGlite): then backups of all bases are checked too. */
  ownServer: boolean;
}

/** A raw body from a file, streamed. */
export function fileBody(path: string, contentType: string = CONTENT_TYPES.atomese) {
  return { contentType, body: Readable.toWeb(createReadStream(path)) as ReadableStream };
}

/**
 * The knowledge service end to end over real HTTP and WebSocket: every route of
 * `knowledgeRoutes` and `jobRoutes` with its error paths, the import pipeline, exports of the
 * OpenCog datasets compared atom by atom, snapshots, backup and restore, point-in-time restore.
 * Run against PGlite, PostgreSQL, Neo4j and with Redis (see the *.e2e.test.ts files). Base names
 * carry a run prefix, so a shared server is fine.
 */
export function knowledgeE2E(options: E2EOptions): void {
  let t: TestService;
  const created = new Set<string>();
  const name = (s: string) => {
    const n = `${RUN}-${s}`;
    created.add(n);
    return n;
  };

  beforeAll(async () => {
    t = await startTestService({ env: { IMPORT_BATCH_SIZE: '50', ...options.env() } });
  }, 120_000);

  afterAll(async () => {
    if (!t) return;
    for (const b of created) await t.admin.deleteBase(b).catch(() => undefined);
    await t.close();
  }, 120_000);

  /** Imports through the streamed route and waits for the job's result. */
  async function importRaw(base: string, body: string | ReadableStream, contentType: string = CONTENT_TYPES.atomese, query: ImportQuery = {}) {
    const { jobId } = await t.write.importAtoms(base, { contentType, body }, query);
    return { jobId, result: t.write.waitForResult(jobId, 'import', { intervalMs: 50 }) };
  }

  async function exported(base: string, format: 'atomese' | 'jsonl' = 'jsonl') {
    const text = await (await t.read.exportAtoms(base, { format })).text();
    return describeSpace(spaceOfText(text, format));
  }

  async function internalBases(): Promise<string[]> {
    return (await t.service.stores.bulk.listBases()).map((b) => b.name).filter(isInternalBase);
  }

  describe('knowledge bases', () => {
    it('creates, lists, reads, renames and deletes knowledge bases', async () => {
      const animals = name('animals');
      const fauna = name('fauna');
      const made = await t.write.createBase({ name: animals, description: 'a small taxonomy' });
      expect(made).toMatchObject({ name: animals, description: 'a small taxonomy', atomCount: 0 });
      expect((await t.read.listBases()).bases.map((b) => b.name)).toContain(animals);
      expect(await t.read.getBase(animals)).toEqual(made);
      const renamed = await t.write.updateBase(animals, { name: fauna });
      expect(renamed).toMatchObject({ name: fauna, description: 'a small taxonomy' });
      expect(await errorOf(t.read.getBase(animals))).toMatchObject({ code: 'BASE_NOT_FOUND', status: 404 });
      expect(await errorOf(t.write.deleteBase(fauna))).toMatchObject({ code: 'FORBIDDEN', status: 403 });
      await t.admin.deleteBase(fauna);
      expect(await errorOf(t.read.getBase(fauna))).toMatchObject({ code: 'BASE_NOT_FOUND', status: 404 });
      expect(await errorOf(t.admin.deleteBase(fauna))).toMatchObject({ code: 'BASE_NOT_FOUND' });
    });

    it('refuses a taken name (409), a reserved name (400) and a change of description (400)', async () => {
      const kb = name('taken');
      await t.write.createBase({ name: kb });
      expect(await errorOf(t.write.createBase({ name: kb }))).toMatchObject({ code: 'CONFLICT', status: 409 });
      expect(await errorOf(t.write.createBase({ name: 'aoc-internal.mine' }))).toMatchObject({ code: 'BAD_REQUEST', status: 400 });
      expect(await errorOf(t.write.updateBase(kb, { description: 'new words' }))).toMatchObject({ code: 'BAD_REQUEST', details: { unsupported: 'description' } });
      const other = name('other');
      await t.write.createBase({ name: other });
      expect(await errorOf(t.write.updateBase(kb, { name: other }))).toMatchObject({ code: 'CONFLICT' });
    });

    it('answers BASE_NOT_FOUND (404) on every route of a base that does not exist', async () => {
      const ghost = `${RUN}-ghost`;
      const calls: Promise<unknown>[] = [
        t.read.getBase(ghost),
        t.write.updateBase(ghost, { name: `${RUN}-ghost2` }),
        t.admin.deleteBase(ghost),
        t.write.addBaseAtoms(ghost, { atomese: '(Concept "a")' }),
        t.read.searchAtoms(ghost),
        t.read.countTypes(ghost),
        t.write.importAtoms(ghost, { contentType: CONTENT_TYPES.atomese, body: '(Concept "a")' }),
        t.read.exportAtoms(ghost),
        t.read.listSnapshots(ghost),
        t.write.createSnapshot(ghost, { name: 's' }),
        t.write.restoreSnapshot(ghost, 's'),
        t.write.deleteSnapshot(ghost, 's'),
        t.admin.createBackup({ base: ghost }),
        t.admin.getJournal(ghost),
        t.admin.restore({ from: 'journal', base: ghost, sequence: 0, overwrite: true }),
      ];
      // Each gets its handler at once: they run concurrently and may fail in any order.
      for (const error of await Promise.all(calls.map(errorOf))) expect(error).toMatchObject({ code: 'BASE_NOT_FOUND', status: 404 });
    });
  });

  describe('atoms', () => {
    it('adds Atomese and JSON atoms and answers once they are stored', async () => {
      const kb = name('add');
      await t.write.createBase({ name: kb });
      const added = await t.write.addBaseAtoms(kb, { atomese: '(Inheritance (stv 0.9 0.8) (Concept "cat") (Concept "animal"))\n(Concept "dog")', file: 'pets.scm' });
      expect(added).toEqual({ count: 2, atomCount: 4 });
      const json = await t.write.addBaseAtoms(kb, { atoms: [{ type: 'ConceptNode', name: 'cow', tv: { strength: 0.5, confidence: 0.5 } }] });
      expect(json).toEqual({ count: 1, atomCount: 5 });
      const [cow] = (await t.read.searchAtoms(kb, { name: 'cow', match: 'exact' })).items;
      expect(cow!.atom).toEqual({ type: 'ConceptNode', name: 'cow', tv: { type: 'stv', strength: 0.5, confidence: 0.5 } });
      // Re-adding without a truth value keeps it; with one replaces it (OpenCog's add).
      await t.write.addBaseAtoms(kb, { atomese: '(Concept "cow")' });
      expect((await t.read.searchAtoms(kb, { name: 'cow', match: 'exact' })).items[0]!.atom.tv).toMatchObject({ strength: 0.5 });
      await t.write.addBaseAtoms(kb, { atomese: '(Concept "cow" (stv 0.25 0.75))' });
      expect((await t.read.searchAtoms(kb, { name: 'cow', match: 'exact' })).items[0]!.atom.tv).toMatchObject({ strength: 0.25, confidence: 0.75 });
      expect(await errorOf(t.read.addBaseAtoms(kb, { atomese: '(Concept "x")' }))).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    });

    it('searches by exact name, prefix and substring, by type with or without subtypes, a page at a time', async () => {
      const kb = name('search');
      await t.write.createBase({ name: kb });
      await t.write.addBaseAtoms(kb, {
        atomese: '(Concept "cat") (Concept "catalog") (Concept "concatenate") (Concept "dog") (GeneNode "cat") (Predicate "cat") (Inheritance (Concept "cat") (Concept "dog"))',
      });
      const names = (items: AtomRecord[]) => items.map((i) => `${i.atom.type}:${i.atom.name ?? '-'}`);
      const prefix = await t.read.searchAtoms(kb, { name: 'cat' });
      expect(prefix.total).toBe(4);
      expect(names(prefix.items).sort()).toEqual(['ConceptNode:cat', 'ConceptNode:catalog', 'GeneNode:cat', 'PredicateNode:cat']);
      expect(prefix.items.map((i) => i.atom.name)).toEqual(['cat', 'cat', 'cat', 'catalog']);
      expect(names((await t.read.searchAtoms(kb, { name: 'cat', match: 'substring' })).items)).toContain('ConceptNode:concatenate');
      expect((await t.read.searchAtoms(kb, { name: 'cat', match: 'exact' })).items).toHaveLength(3);
      expect(names((await t.read.searchAtoms(kb, { name: 'cat', match: 'exact', type: 'ConceptNode' })).items).sort()).toEqual(['ConceptNode:cat', 'GeneNode:cat']);
      expect(names((await t.read.searchAtoms(kb, { name: 'cat', type: 'Concept', subtypes: false })).items)).toEqual(['ConceptNode:cat', 'ConceptNode:catalog']);
      const links = await t.read.searchAtoms(kb, { type: 'InheritanceLink', atomese: true });
      expect(links.items).toHaveLength(1);
      expect(links.items[0]!.atom).toEqual({ type: 'InheritanceLink', outgoing: [{ type: 'ConceptNode', name: 'cat' }, { type: 'ConceptNode', name: 'dog' }] });
      expect(links.items[0]!.atomese).toBe('(InheritanceLink (ConceptNode "cat") (ConceptNode "dog"))');

      const all = await t.read.searchAtoms(kb, { limit: 1000 });
      expect(all.total).toBe(7);
      const paged: AtomRecord[] = [];
      let cursor: string | undefined;
      do {
        const page = await t.read.searchAtoms(kb, { limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(2);
        paged.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged.map((i) => i.handle)).toEqual(all.items.map((i) => i.handle));
      expect((await t.read.searchAtoms(kb, { offset: 3, limit: 2 })).items.map((i) => i.handle)).toEqual(all.items.slice(3, 5).map((i) => i.handle));
      expect((await t.read.searchAtoms(kb, { offset: 100 })).items).toEqual([]);
      expect((await t.read.searchAtoms(kb, { name: 'cat', match: 'exact', offset: 2 })).items).toHaveLength(1);
      expect(await errorOf(t.read.searchAtoms(kb, { type: 'NoSuchNode' }))).toMatchObject({ code: 'UNKNOWN_TYPE', status: 400 });
      expect(await errorOf(t.read.searchAtoms(kb, { cursor: 'nonsense' }))).toMatchObject({ code: 'BAD_REQUEST', status: 400 });
    });

    it('pages through names too long for a cursor of their own', async () => {
      const kb = name('long-names');
      await t.write.createBase({ name: kb });
      const long = (i: number) => `${String(i).padStart(3, '0')}-${'x'.repeat(2_000)}`;
      await t.write.addBaseAtoms(kb, { atoms: [0, 1, 2, 3, 4].map((i) => ({ type: 'ConceptNode', name: long(i) })) });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await t.read.searchAtoms(kb, { limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((i) => i.atom.name!));
        cursor = page.nextCursor;
        if (cursor) expect(cursor.length).toBeLessThanOrEqual(512);
      } while (cursor);
      expect(seen).toEqual([0, 1, 2, 3, 4].map(long));
    });

    it('counts atoms per type', async () => {
      const kb = name('types');
      await t.write.createBase({ name: kb });
      await t.write.addBaseAtoms(kb, { atomese: '(Inheritance (Concept "a") (Concept "b")) (Gene "g") (Member (Gene "g") (Concept "a"))' });
      expect(await t.read.countTypes(kb)).toEqual({
        total: 5,
        counts: [
          { type: 'ConceptNode', count: 2 },
          { type: 'GeneNode', count: 1 },
          { type: 'InheritanceLink', count: 1 },
          { type: 'MemberLink', count: 1 },
        ],
      });
    });

    it('refuses malformed Atomese with PARSE_ERROR, its line and column, and stores nothing of it', async () => {
      const kb = name('malformed');
      await t.write.createBase({ name: kb });
      await t.write.addBaseAtoms(kb, { atomese: '(Concept "kept")' });
      const unknownType = await errorOf(t.write.addBaseAtoms(kb, { atomese: '(Concept "a")\n(Concept "b")\n(Inheritance (Concept "c") (Foo "d"))', file: 'bad.scm' }));
      expect(unknownType).toMatchObject({ code: 'PARSE_ERROR', status: 400, details: { file: 'bad.scm', line: 3, column: 29 } });
      const syntax = await errorOf(t.write.addBaseAtoms(kb, { atomese: '(Concept "x"))' }));
      expect(syntax).toMatchObject({ code: 'PARSE_ERROR', details: { line: 1, column: 14 } });
      const unclosed = await errorOf(t.write.addBaseAtoms(kb, { atomese: '(Concept "a")\n  (Inheritance (Concept "b")' }));
      expect(unclosed).toMatchObject({ code: 'PARSE_ERROR', details: { line: 2, column: 3 } });
      expect((await t.read.getBase(kb)).atomCount).toBe(1);
      const json = await errorOf(t.write.addBaseAtoms(kb, { atoms: [{ type: 'ConceptNode', name: 'ok' }, { type: 'FooNode', name: 'x' }] }));
      expect(json).toMatchObject({ code: 'INVALID_ATOM', status: 400 });
      expect(json.message).toContain("unknown atom type 'FooNode'");
      expect(json.message).toContain('atoms[1]');
      expect((await t.read.getBase(kb)).atomCount).toBe(1);
    });
  });

  describe('import', () => {
    const links = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => `(Inheritance (stv 0.5 0.${(i % 9) + 1}) (Concept "c${from + i}") (Concept "kind${(from + i) % 7}"))\n`).join('');

    it('imports streamed Atomese as a job, reporting progress, with the result over the WebSocket', async () => {
      const kb = name('import');
      await t.write.createBase({ name: kb });
      const stream = t.stream();
      const { jobId, result } = await importRaw(kb, links(500));
      const messages: JobEventMessage[] = [];
      const finished = new Promise<unknown>((resolve) => {
        stream.subscribeJob(jobId, (m) => {
          messages.push(m);
          if (m.type !== 'job-progress') resolve(m);
        });
      });
      expect(await result).toEqual({ count: 500, atomCount: 1007 });
      expect(await finished).toMatchObject({ type: 'job-finished', jobId, kind: 'import', result: { count: 500, atomCount: 1007 } });
      const job = await t.read.getJob(jobId);
      expect(job).toMatchObject({ kind: 'import', status: 'succeeded', result: { count: 500, atomCount: 1007 } });
      expect(job.progress?.message).toMatch(/^committing: 1007 of 1007 atoms stored$/);
      expect(job.progress!.done).toBe(Buffer.byteLength(links(500)));
      expect(await internalBases()).toEqual([]);
    });

    it('imports JSON lines, and JSON bodies of Atomese or atoms', async () => {
      const kb = name('import-json');
      await t.write.createBase({ name: kb });
      const lines = [
        { type: 'ConceptNode', name: 'a', tv: { strength: 0.1, confidence: 0.2 } },
        { type: 'Inheritance', outgoing: [{ type: 'Concept', name: 'a' }, { type: 'Gene', name: 'g' }] },
      ]
        .map((a) => JSON.stringify(a))
        .join('\n');
      expect(await (await importRaw(kb, `${lines}\n\n`, CONTENT_TYPES.jsonLines)).result).toEqual({ count: 2, atomCount: 3 });
      const { jobId } = await t.write.importAtoms(kb, { atomese: '(Concept "b" (stv 1 1))', file: 'b.scm' });
      expect(await t.write.waitForResult(jobId, 'import', { intervalMs: 50 })).toEqual({ count: 1, atomCount: 4 });
      const atoms = await t.write.importAtoms(kb, { atoms: [{ type: 'ConceptNode', name: 'c' }] });
      expect(await t.write.waitForResult(atoms.jobId, 'import', { intervalMs: 50 })).toEqual({ count: 1, atomCount: 5 });
      const [a] = (await t.read.searchAtoms(kb, { name: 'a', match: 'exact' })).items;
      expect(a!.atom.tv).toEqual({ type: 'stv', strength: 0.1, confidence: 0.2 });
    });

    it('fails an import at a bad Atomese line with PARSE_ERROR, its line and column, and leaves the base as it was', async () => {
      const kb = name('import-bad');
      await t.write.createBase({ name: kb });
      await t.write.addBaseAtoms(kb, { atomese: links(20, 1000) });
      const before = await exported(kb);
      const text = `${links(299)}(Inheritance (Concept "x") (Concept "y")))\n${links(100, 299)}`;
      const { result } = await importRaw(kb, text, CONTENT_TYPES.atomese, { file: 'big.scm' });
      expect(await errorOf(result)).toMatchObject({ code: 'PARSE_ERROR', details: { file: 'big.scm', line: 300, column: 42 } });
      expectSameAtoms(await exported(kb), before);
      expect(await internalBases()).toEqual([]);
    });

    it('fails an import at a bad JSON line with PARSE_ERROR, its line and column, and leaves the base as it was', async () => {
      const kb = name('import-bad-json');
      await t.write.createBase({ name: kb });
      await t.write.addBaseAtoms(kb, { atomese: '(Concept "kept")' });
      const good = Array.from({ length: 120 }, (_, i) => JSON.stringify({ type: 'ConceptNode', name: `n${i}` }));
      const bad = [...good, '{"type":"ConceptNode" "name":"broken"}', ...good];
      const { result } = await importRaw(kb, bad.join('\n'), CONTENT_TYPES.jsonLines);
      expect(await errorOf(result)).toMatchObject({ code: 'PARSE_ERROR', details: { line: 121, column: 23 } });
      const unknown = await importRaw(kb, [...good, '{"type":"FooNode","name":"x"}'].join('\n'), CONTENT_TYPES.jsonLines);
      expect(await errorOf(unknown.result)).toMatchObject({ code: 'PARSE_ERROR', details: { line: 121, column: 1 } });
      expect((await t.read.getBase(kb)).atomCount).toBe(1);
    });

    it('with atomic=false keeps what was stored before a bad line', async () => {
      const kb = name('import-partial');
      await t.write.createBase({ name: kb });
      const text = `${links(200)}(Concept "oops"\n`;
      const { jobId, result } = await importRaw(kb, text, CONTENT_TYPES.atomese, { atomic: false });
      expect(await errorOf(result)).toMatchObject({ code: 'PARSE_ERROR', details: { line: 201 } });
      const job = await t.read.getJob(jobId);
      const stored = Number(/(\d+) stored/.exec(job.progress!.message!)![1]);
      expect(stored).toBeGreaterThanOrEqual(50);
      const found = await t.read.searchAtoms(kb, { type: 'InheritanceLink', limit: 1000 });
      expect(found.items.length).toBeGreaterThanOrEqual(stored);
    });
  });

  describe('export', () => {
    for (const dataset of options.datasets) {
      it(`round-trips ${dataset} through a streamed import and both export formats, atom by atom with values`, async () => {
        const kb = name(basename(dataset, '.scm').toLowerCase());
        await t.write.createBase({ name: kb });
        const path = join(DATASETS_DIR, dataset);
        const expected = describeSpace(await spaceOfFile(path));
        const { result } = await importRaw(kb, fileBody(path).body, CONTENT_TYPES.atomese, { file: dataset });
        expect((await result).atomCount).toBe(expected.size);
        const atomese = await (await t.read.exportAtoms(kb)).text();
        expect(atomese.startsWith(`; knowledge base ${kb}`)).toBe(true);
        expectSameAtoms(describeSpace(spaceOfText(atomese, 'atomese')), expected);
        expectSameAtoms(await exported(kb, 'jsonl'), expected);
      }, 900_000);
    }

    it('exports the atoms of one type, with or without its subtypes', async () => {
      const kb = name('export-type');
      await t.write.createBase({ name: kb });
      await t.write.addBaseAtoms(kb, { atomese: '(Member (Gene "g") (Concept "c")) (Predicate "p" (stv 0.5 0.5))' });
      const lines = async (type: string, subtypes: boolean) =>
        (await (await t.read.exportAtoms(kb, { format: 'jsonl', type, subtypes })).text())
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { type: string });
      expect((await lines('ConceptNode', true)).map((a) => a.type).sort()).toEqual(['ConceptNode', 'GeneNode']);
      expect((await lines('Concept', false)).map((a) => a.type)).toEqual(['ConceptNode']);
      expect(await lines('MemberLink', true)).toEqual([{ type: 'MemberLink', outgoing: [{ type: 'GeneNode', name: 'g' }, { type: 'ConceptNode', name: 'c' }] }]);
      const response = await t.fetch(`/v1/bases/${kb}/export?type=NoSuchLink`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'UNKNOWN_TYPE' } });
      const scm = await t.fetch(`/v1/bases/${kb}/export`);
      expect(scm.headers.get('content-type')).toBe('text/x-scheme; charset=utf-8');
      expect(scm.headers.get('content-disposition')).toBe(`attachment; filename="${kb}.scm"`);
      await scm.text();
    });
  });

  describe('snapshots', () => {
    it('takes, lists, restores and deletes snapshots', async () => {
      const kb = name('snap');
      await t.write.createBase({ name: kb });
      await t.write.addBaseAtoms(kb, { atomese: '(Inheritance (stv 0.9 0.9) (Concept "a") (Concept "b"))' });
      const at = await exported(kb);
      const snap = await t.write.createSnapshot(kb, { name: 'before', description: 'two concepts and a link' });
      expect(snap).toMatchObject({ name: 'before', base: kb, atomCount: 3, description: 'two concepts and a link' });
      expect(await errorOf(t.write.createSnapshot(kb, { name: 'before' }))).toMatchObject({ code: 'CONFLICT', status: 409 });
      await t.write.addBaseAtoms(kb, { atomese: '(Inheritance (stv 0.1 0.1) (Concept "a") (Concept "b")) (Concept "c")' });
      expect((await t.read.listSnapshots(kb)).snapshots.map((s) => s.name)).toEqual(['before']);
      const { jobId } = await t.write.restoreSnapshot(kb, 'before');
      expect(await t.write.waitForResult(jobId, 'restore-snapshot', { intervalMs: 50 })).toEqual({ base: kb, snapshot: 'before', atomCount: 3 });
      expectSameAtoms(await exported(kb), at);
      expect(await errorOf(t.write.restoreSnapshot(kb, 'nothing'))).toMatchObject({ code: 'SNAPSHOT_NOT_FOUND', status: 404 });
      await t.write.deleteSnapshot(kb, 'before');
      expect((await t.read.listSnapshots(kb)).snapshots).toEqual([]);
      expect(await errorOf(t.write.deleteSnapshot(kb, 'before'))).toMatchObject({ code: 'SNAPSHOT_NOT_FOUND' });
    });
  });

  describe('backup and restore', () => {
    it('backs up a base and, once it is destroyed, restores it equal atom by atom', async () => {
      const kb = name('precious');
      await t.write.createBase({ name: kb, description: 'keep it safe' });
      const path = join(DATASETS_DIR, 'sample_dataset.scm');
      await (await importRaw(kb, fileBody(path).body)).result;
      await t.write.addBaseAtoms(kb, { atomese: '(Concept "extra" (av 1 2 3) (stv 0.3 0.4) (alist (cons (Predicate "k") (FloatValue 1 2.5))))' });
      const before = await exported(kb);
      const { jobId } = await t.admin.createBackup({ base: kb, description: 'before the accident' });
      const backup = await t.admin.waitForResult(jobId, 'backup', { intervalMs: 50 });
      expect(backup).toMatchObject({ bases: [kb], atomCount: before.size, description: 'before the accident' });
      expect(backup.sizeBytes).toBeGreaterThan(0);
      expect((await t.admin.listBackups()).backups.map((b) => b.name)).toContain(backup.name);
      expect(await errorOf(t.write.listBackups())).toMatchObject({ code: 'FORBIDDEN', status: 403 });

      await t.admin.deleteBase(kb);
      const restore = await t.admin.restore({ from: 'backup', backup: backup.name });
      expect(await t.admin.waitForResult(restore.jobId, 'restore', { intervalMs: 50 })).toEqual({ bases: [{ name: kb, atomCount: before.size }] });
      expectSameAtoms(await exported(kb), before);
      expect((await t.read.getBase(kb)).description).toBe('keep it safe');
      expect(await errorOf(t.admin.restore({ from: 'backup', backup: backup.name }))).toMatchObject({ code: 'CONFLICT', status: 409 });
    }, 300_000);

    it('downloads and uploads backups, restores one base under another name, and deletes backups', async () => {
      const kb = name('source');
      await t.write.createBase({ name: kb });
      await t.write.addBaseAtoms(kb, { atomese: '(Evaluation (stv 0.8 0.5) (Predicate "likes") (List (Concept "ann") (Concept "bob")))' });
      const before = await exported(kb);
      const { jobId } = await t.admin.createBackup({ base: kb });
      const backup = await t.admin.waitForResult(jobId, 'backup', { intervalMs: 50 });
      const text = await (await t.admin.downloadBackup(backup.name)).text();
      expect(JSON.parse(text.split('\n')[0]!)).toMatchObject({ format: 'ai-opencog-backup', version: 1, bases: 1 });
      const copy = `${RUN}-copy`;
      const uploaded = await t.admin.uploadBackup(copy, text);
      expect(uploaded).toMatchObject({ name: copy, bases: [kb], atomCount: 5, sizeBytes: Buffer.byteLength(text) });
      expect(await errorOf(t.admin.uploadBackup(copy, text))).toMatchObject({ code: 'CONFLICT' });
      const target = name('copied');
      const restore = await t.admin.restore({ from: 'backup', backup: copy, bases: [kb], target });
      expect(await t.admin.waitForResult(restore.jobId, 'restore', { intervalMs: 50 })).toEqual({ bases: [{ name: target, atomCount: 5 }] });
      expectSameAtoms(await exported(target), before);
      expect(await errorOf(t.admin.restore({ from: 'backup', backup: copy, bases: [kb], target }))).toMatchObject({ code: 'CONFLICT' });
      await t.write.addBaseAtoms(target, { atomese: '(Concept "changed")' });
      const again = await t.admin.restore({ from: 'backup', backup: copy, bases: [kb], target, overwrite: true });
      await t.admin.waitForResult(again.jobId, 'restore', { intervalMs: 50 });
      expectSameAtoms(await exported(target), before);
      expect(await errorOf(t.admin.restore({ from: 'backup', backup: copy, bases: [`${RUN}-absent`] }))).toMatchObject({ code: 'BASE_NOT_FOUND' });

      const broken = text.split('\n').slice(0, -2).join('\n');
      expect(await errorOf(t.admin.uploadBackup(`${RUN}-broken`, broken))).toMatchObject({ code: 'BAD_REQUEST', status: 400 });
      expect((await t.admin.listBackups()).backups.map((b) => b.name)).not.toContain(`${RUN}-broken`);
      await t.admin.deleteBackup(copy);
      expect(await errorOf(t.admin.downloadBackup(copy))).toMatchObject({ code: 'BACKUP_NOT_FOUND', status: 404 });
      expect(await errorOf(t.admin.deleteBackup(copy))).toMatchObject({ code: 'BACKUP_NOT_FOUND' });
      expect(await errorOf(t.admin.restore({ from: 'backup', backup: copy }))).toMatchObject({ code: 'BACKUP_NOT_FOUND' });
      await t.admin.deleteBackup(backup.name);
    });

    if (options.ownServer) {
      it('backs up every base at once and restores them all', async () => {
        const a = name('all-a');
        const b = name('all-b');
        await t.write.createBase({ name: a });
        await t.write.createBase({ name: b });
        await t.write.addBaseAtoms(a, { atomese: '(Concept "in-a")' });
        await t.write.addBaseAtoms(b, { atomese: '(Concept "in-b") (Concept "also-in-b")' });
        const bases = (await t.read.listBases()).bases;
        const { jobId } = await t.admin.createBackup({});
        const backup = await t.admin.waitForResult(jobId, 'backup', { intervalMs: 50 });
        expect(backup.name.startsWith('all-')).toBe(true);
        expect(backup.bases).toEqual(bases.map((x) => x.name));
        expect(backup.atomCount).toBe(bases.reduce((sum, x) => sum + x.atomCount, 0));
        const exports = new Map(await Promise.all(bases.map(async (x) => [x.name, await exported(x.name)] as const)));
        for (const x of bases) await t.admin.deleteBase(x.name);
        const restore = await t.admin.restore({ from: 'backup', backup: backup.name });
        const result = await t.admin.waitForResult(restore.jobId, 'restore', { intervalMs: 50 });
        expect(result.bases.map((x) => x.name)).toEqual(bases.map((x) => x.name));
        for (const x of bases) expectSameAtoms(await exported(x.name), exports.get(x.name)!);
      }, 300_000);
    }

    it('restores a base to a point of its journal, by sequence and by time', async () => {
      const kb = name('history');
      await t.write.createBase({ name: kb });
      await t.write.addBaseAtoms(kb, { atomese: '(Inheritance (stv 0.9 0.9) (Concept "a") (Concept "b"))' });
      const first = await t.admin.getJournal(kb);
      expect(first).toMatchObject({ base: kb, firstSequence: 1, lastSequence: 3 });
      const stateA = await exported(kb);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await t.write.addBaseAtoms(kb, { atomese: '(Inheritance (stv 0.1 0.2) (Concept "a") (Concept "b")) (Concept "c")' });
      const second = await t.admin.getJournal(kb);
      expect(second.lastSequence).toBe(5);
      expect(second.lastTimestamp! >= first.lastTimestamp!).toBe(true);

      const restoreTo = async (request: Parameters<TestService['admin']['restore']>[0]) =>
        t.admin.waitForResult((await t.admin.restore(request)).jobId, 'restore', { intervalMs: 50 });
      const bySeq = name('history-seq');
      expect(await restoreTo({ from: 'journal', base: kb, sequence: first.lastSequence, target: bySeq })).toEqual({ bases: [{ name: bySeq, atomCount: 3 }] });
      expectSameAtoms(await exported(bySeq), stateA);
      const byTime = name('history-time');
      await restoreTo({ from: 'journal', base: kb, timestamp: first.lastTimestamp!, target: byTime });
      expectSameAtoms(await exported(byTime), stateA);
      // Over an existing target only with overwrite; in place only with overwrite.
      expect(await errorOf(t.admin.restore({ from: 'journal', base: kb, sequence: 0, target: bySeq }))).toMatchObject({ code: 'CONFLICT' });
      expect(await errorOf(t.admin.restore({ from: 'journal', base: kb, sequence: 3 }))).toMatchObject({ code: 'CONFLICT' });
      await restoreTo({ from: 'journal', base: kb, sequence: 0, target: bySeq, overwrite: true });
      expect((await t.read.getBase(bySeq)).atomCount).toBe(0);
      await restoreTo({ from: 'journal', base: kb, sequence: 3, overwrite: true });
      expectSameAtoms(await exported(kb), stateA);
      // The restore in place is journaled: it can be undone by another one.
      const third = await t.admin.getJournal(kb);
      expect(third.lastSequence).toBeGreaterThan(second.lastSequence);
      await restoreTo({ from: 'journal', base: kb, sequence: second.lastSequence, overwrite: true });
      expect((await t.read.getBase(kb)).atomCount).toBe(4);
      const outside = await t.admin.restore({ from: 'journal', base: kb, sequence: 1_000_000, target: name('never') });
      expect(await errorOf(t.admin.waitForResult(outside.jobId, 'restore', { intervalMs: 50 }))).toMatchObject({ code: 'BAD_REQUEST' });
      expect(await errorOf(t.write.getJournal(kb))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await internalBases()).toEqual([]);
    });
  });

  describe('jobs', () => {
    it('lists jobs, reads one, leaves a finished one alone when cancelled, and answers JOB_NOT_FOUND', async () => {
      const kb = name('jobs');
      await t.write.createBase({ name: kb });
      const { jobId, result } = await importRaw(kb, '(Concept "j")');
      await result;
      const listed = await t.read.listJobs({ kind: 'import', status: 'succeeded', limit: 1000 });
      expect(listed.jobs.map((j) => j.id)).toContain(jobId);
      expect(await t.write.cancelJob(jobId)).toMatchObject({ id: jobId, status: 'succeeded' });
      expect(await errorOf(t.read.cancelJob(jobId))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await errorOf(t.read.getJob('no-such-job'))).toMatchObject({ code: 'JOB_NOT_FOUND', status: 404 });
      expect(await errorOf(t.write.cancelJob('no-such-job'))).toMatchObject({ code: 'JOB_NOT_FOUND' });
      const ws = t.stream();
      await expect(ws.waitForJob('no-such-job')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
    });
  });

  it('is ready, with its storage checked', async () => {
    const readiness = await t.read.readiness();
    expect(readiness.status).toBe('ready');
    expect(readiness.checks.map((c) => c.name)).toContain(`storage:${t.service.stores.backend}`);
    expect(TOKENS.read).toBeDefined();
  });
}
