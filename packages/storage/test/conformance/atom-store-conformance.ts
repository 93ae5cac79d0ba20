/**
 * The conformance suite every AtomStore backend passes. A backend's test file calls
 *
 *   describeAtomStoreConformance('pglite', (options) => openMyStore({ ...config, types: options.types }), cleanup);
 *
 * Contract of `makeStore`: it opens a store on the suite's storage (one data folder, database or
 * graph) with `options.types` as its type registry. Every call opens the SAME storage, so a store
 * that was closed can be opened again and must show what was written before (durability tests).
 * The suite keeps at most one store open at a time (an embedded database allows no more), closes
 * it at the end, uses fresh base names in every test, and then calls `cleanup` (if given) to drop
 * the storage. Other suites may share the storage: the suite never lists on the assumption that
 * only its own bases exist.
 */
import { createReadStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  AtomSpace,
  FloatValue,
  LinkValue,
  StringValue,
  TypeRegistry,
  atomToJson,
  av,
  loadAtomese,
  stv,
  writeAtom,
  type AtomJson,
} from '@ai-opencog/atomspace';
import {
  SpaceChangeRecorder,
  StorageError,
  atomJsonKey,
  linkKey,
  loadBaseIntoSpace,
  nodeKey,
  restoreBackup,
  restoreBackupFile,
  saveSpaceToBase,
  writeBackup,
  writeBackupFile,
  type AtomStore,
  type StorageErrorCode,
  type StoredAtom,
} from '../../src';

export interface ConformanceStoreOptions {
  /** The type registry the store must use (it includes the datasets' custom types). */
  types: TypeRegistry;
}

/** The OpenCog knowledge bases shipped in the repository (datasets/opencog), or AI_OPENCOG_DATASETS. */
export const DATASETS_DIR = process.env.AI_OPENCOG_DATASETS ?? path.resolve(__dirname, '../../../../datasets/opencog');

/** The classic types plus the custom types the datasets need, as agi-bio and PLN declare them. */
export function datasetTypes(): TypeRegistry {
  const types = new TypeRegistry();
  types.register('GeneNode', ['ConceptNode']);
  types.register('MoleculeNode', ['ConceptNode']);
  types.register('PredictiveImplicationLink', ['OrderedLink']);
  return types;
}

/** The StorageError that `promise` rejects with; fails when it resolves or rejects with something else. */
export async function storageError(promise: Promise<unknown> | (() => Promise<unknown>)): Promise<StorageError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    if (e instanceof StorageError) return e;
    throw new Error(`expected a StorageError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  throw new Error('expected a StorageError, but the call succeeded');
}

async function expectCode(promise: Promise<unknown> | (() => Promise<unknown>), code: StorageErrorCode): Promise<StorageError> {
  const e = await storageError(promise);
  expect(e.code).toBe(code);
  return e;
}

/** Every atom of a base (or snapshot), with values in a canonical order, sorted by key. */
export async function dumpBase(store: AtomStore, base: string, snapshot?: string): Promise<StoredAtom[]> {
  const out: StoredAtom[] = [];
  for await (const batch of store.exportAtoms(base, { batchSize: 997, snapshot })) out.push(...batch.map(canonicalRecord));
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function canonicalRecord(r: StoredAtom): StoredAtom {
  const values = r.values && [...r.values].sort((a, b) => cmp(JSON.stringify(a.key), JSON.stringify(b.key)));
  return { ...r, ...(values ? { values } : {}) };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What a space holds, independent of atom identity: each atom compactly with its values, sorted. */
export function describeSpace(space: AtomSpace): string[] {
  const out: string[] = [];
  for (const a of space.atoms()) {
    const j = atomToJson(a, { space });
    out.push(
      JSON.stringify([
        writeAtom(a, { style: 'compact', values: false }),
        j.tv ?? null,
        j.av ?? null,
        (j.values ?? []).map((v) => JSON.stringify(v)).sort(),
      ]),
    );
  }
  return out.sort();
}

let counter = 0;
/** A base name no other test uses. */
function fresh(prefix = 'kb'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

const concept = (name: string, extra: Partial<AtomJson> = {}): AtomJson => ({ type: 'ConceptNode', name, ...extra });
const inherit = (a: string, b: string, extra: Partial<AtomJson> = {}): AtomJson => ({
  type: 'InheritanceLink',
  outgoing: [concept(a), concept(b)],
  ...extra,
});
const ck = (name: string) => nodeKey('ConceptNode', name);
const ik = (a: string, b: string) => linkKey('InheritanceLink', [ck(a), ck(b)], false);

export function describeAtomStoreConformance(
  name: string,
  makeStore: (options: ConformanceStoreOptions) => Promise<AtomStore>,
  cleanup?: () => Promise<void>,
): void {
  describe(`AtomStore conformance: ${name}`, () => {
    jest.setTimeout(180_000);
    const types = datasetTypes();
    let store: AtomStore;
    const open = () => makeStore({ types });

    beforeAll(async () => {
      store = await open();
    });

    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    /** A new base with the given atoms. */
    async function baseWith(atoms: AtomJson[] = [], prefix?: string): Promise<string> {
      const b = fresh(prefix);
      await store.createBase(b);
      if (atoms.length > 0) await store.upsertAtoms(b, atoms);
      return b;
    }

    test('ping answers and the backend says its name', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      expect(typeof store.backend).toBe('string');
      expect(store.backend.length).toBeGreaterThan(0);
    });

    describe('knowledge bases', () => {
      test('createBase returns the new empty base; getBase and listBases show it', async () => {
        const b = fresh();
        const before = Date.now();
        const info = await store.createBase(b, { description: 'animals' });
        expect(info).toMatchObject({ name: b, description: 'animals', atomCount: 0, journalSeq: 0 });
        expect(Date.parse(info.createdAt)).toBeGreaterThanOrEqual(before - 5_000);
        expect(info.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
        expect(await store.getBase(b)).toEqual(info);
        const listed = await store.listBases();
        expect(listed.find((x) => x.name === b)).toEqual(info);
        const names = listed.map((x) => x.name);
        expect(names).toEqual([...names].sort(cmp));
      });

      test('a taken name is BASE_EXISTS; a bad name is INVALID_ARGUMENT', async () => {
        const b = await baseWith();
        await expectCode(store.createBase(b), 'BASE_EXISTS');
        for (const bad of ['', ' x', 'a/b', 'a b', '-x', 'x'.repeat(129), 'ünï']) {
          await expectCode(store.createBase(bad), 'INVALID_ARGUMENT');
        }
      });

      test('every call on a missing base is BASE_NOT_FOUND', async () => {
        const b = fresh('missing');
        const calls: (() => Promise<unknown>)[] = [
          () => store.getBase(b),
          () => store.renameBase(b, fresh()),
          () => store.deleteBase(b),
          () => store.upsertAtoms(b, [concept('x')]),
          () => store.removeAtoms(b, [ck('x')]),
          () => store.applyChanges(b, { put: [] }),
          () => store.getAtom(b, ck('x')),
          () => store.getAtoms(b, [ck('x')]),
          () => store.getIncoming(b, ck('x')),
          () => store.queryAtoms(b, {}),
          () => store.countAtoms(b),
          () => store.countByType(b),
          async () => {
            for await (const batch of store.exportAtoms(b)) void batch;
          },
          () => store.readJournal(b),
          () => store.restoreToPoint(b, { seq: 0 }),
          () => store.createSnapshot(b, 's'),
          () => store.listSnapshots(b),
          () => store.getSnapshot(b, 's'),
          () => store.deleteSnapshot(b, 's'),
          () => store.restoreSnapshot(b, 's'),
        ];
        for (const call of calls) await expectCode(call, 'BASE_NOT_FOUND');
      });

      test('renameBase keeps atoms, journal and snapshots; the old name is gone', async () => {
        const b = await baseWith([inherit('cat', 'animal')]);
        await store.createSnapshot(b, 'first');
        const atoms = await dumpBase(store, b);
        const journal = await store.readJournal(b);
        const to = fresh('renamed');
        const info = await store.renameBase(b, to);
        expect(info).toMatchObject({ name: to, atomCount: 3, journalSeq: 3 });
        await expectCode(store.getBase(b), 'BASE_NOT_FOUND');
        expect(await dumpBase(store, to)).toEqual(atoms);
        expect(await store.readJournal(to)).toEqual(journal);
        expect((await store.listSnapshots(to)).map((s) => s.name)).toEqual(['first']);
        expect((await store.getSnapshot(to, 'first')).base).toBe(to);
      });

      test('renameBase to a taken or bad name fails and changes nothing', async () => {
        const a = await baseWith([concept('a')]);
        const b = await baseWith();
        await expectCode(store.renameBase(a, b), 'BASE_EXISTS');
        await expectCode(store.renameBase(a, 'no/slash'), 'INVALID_ARGUMENT');
        expect((await store.getBase(a)).atomCount).toBe(1);
      });

      test('deleteBase removes the base with its atoms, journal and snapshots; the name can be used again', async () => {
        const b = await baseWith([inherit('cat', 'animal')]);
        await store.createSnapshot(b, 's1');
        await store.deleteBase(b);
        await expectCode(store.getBase(b), 'BASE_NOT_FOUND');
        expect((await store.listBases()).some((x) => x.name === b)).toBe(false);
        const again = await store.createBase(b);
        expect(again).toMatchObject({ atomCount: 0, journalSeq: 0 });
        expect(await dumpBase(store, b)).toEqual([]);
        expect(await store.readJournal(b)).toEqual([]);
        expect(await store.listSnapshots(b)).toEqual([]);
      });

      test('bases are separate: the same atom in two bases is two records', async () => {
        const a = await baseWith([concept('shared', { tv: { type: 'stv', strength: 0.1, confidence: 0.2 } })]);
        const b = await baseWith([concept('shared', { tv: { type: 'stv', strength: 0.9, confidence: 0.8 } })]);
        expect((await store.getAtom(a, ck('shared')))?.tv?.strength).toBe(0.1);
        expect((await store.getAtom(b, ck('shared')))?.tv?.strength).toBe(0.9);
        await store.removeAtoms(a, [ck('shared')]);
        expect(await store.getAtom(b, ck('shared'))).toBeDefined();
      });
    });

    describe('upsertAtoms', () => {
      test('stores every sub-atom once under its content key and returns the top-level keys', async () => {
        const b = await baseWith();
        const r = await store.upsertAtoms(b, [
          inherit('cat', 'animal', { tv: { type: 'stv', strength: 0.9, confidence: 0.8 } }),
          inherit('dog', 'animal'),
          concept('cat'),
        ]);
        expect(r).toMatchObject({ added: 5, updated: 0, removed: [], journalSeq: 5 });
        expect(r.keys).toEqual([ik('cat', 'animal'), ik('dog', 'animal'), ck('cat')]);
        expect(r.keys[0]).toBe(atomJsonKey(inherit('cat', 'animal'), types));
        expect(await store.getAtom(b, ik('cat', 'animal'))).toEqual({
          key: ik('cat', 'animal'),
          type: 'InheritanceLink',
          outgoing: [ck('cat'), ck('animal')],
          tv: { type: 'stv', strength: 0.9, confidence: 0.8 },
        });
        expect(await store.getAtom(b, ck('animal'))).toEqual({ key: ck('animal'), type: 'ConceptNode', name: 'animal' });
        expect((await store.getBase(b)).atomCount).toBe(5);
      });

      test('keys follow the documented recipe', () => {
        // printf 'N\0ConceptNode\0cat' | sha256sum
        expect(ck('cat')).toBe('14aaffd288b1e049ee5bc1a7424331e6aaeb86bb57f57389ca36bea84967c4e0');
        expect(ik('cat', 'animal')).toBe('0552289bc112d6fe460908848bea9451b3104dfd2a1bdb8091f532766b490673');
        expect(nodeKey('ConceptNode', 'cat')).not.toBe(nodeKey('PredicateNode', 'cat'));
        expect(linkKey('SetLink', [ck('a'), ck('b')], true)).toBe(linkKey('SetLink', [ck('b'), ck('a')], true));
        expect(linkKey('ListLink', [ck('a'), ck('b')], false)).not.toBe(linkKey('ListLink', [ck('b'), ck('a')], false));
      });

      test('short type names are stored as full names; NumberNode names are canonical; unordered links are one atom', async () => {
        const b = await baseWith();
        const r = await store.upsertAtoms(b, [
          { type: 'Concept', name: 'x' },
          { type: 'NumberNode', name: '3.0' },
          { type: 'SetLink', outgoing: [concept('a'), concept('b')] },
          { type: 'Set', outgoing: [concept('b'), concept('a')] },
        ]);
        expect(r.keys[0]).toBe(ck('x'));
        expect(r.keys[1]).toBe(nodeKey('NumberNode', '3'));
        expect(r.keys[2]).toBe(r.keys[3]);
        expect(r.added).toBe(5);
        expect((await store.getAtom(b, r.keys[0]))?.type).toBe('ConceptNode');
        expect((await store.getAtom(b, r.keys[1]))?.name).toBe('3');
        const set = await store.getAtom(b, r.keys[2]);
        expect(set?.type).toBe('SetLink');
        expect([...(set?.outgoing ?? [])].sort()).toEqual([ck('a'), ck('b')].sort());
      });

      test('all kinds of values round trip; key atoms and atoms inside a LinkValue are stored as atoms', async () => {
        const b = await baseWith();
        const key = { type: 'PredicateNode', name: 'weights' };
        const atom: AtomJson = concept('valued', {
          tv: { type: 'ctv', strength: 0.25, confidence: 0.5, count: 800 },
          av: { sti: 10, lti: -3, vlti: 1 },
          values: [
            { key, value: { kind: 'float', items: [1.5, -2, 0] } },
            { key: { type: 'PredicateNode', name: 'labels' }, value: { kind: 'string', items: ['a', 'ü "q"', ''] } },
            {
              key: { type: 'PredicateNode', name: 'mixed' },
              value: {
                kind: 'link',
                items: [
                  { kind: 'atom', atom: concept('inside') },
                  { kind: 'float', items: [7] },
                  { kind: 'tv', type: 'stv', strength: 0.5, confidence: 0.5 },
                ],
              },
            },
          ],
        });
        await store.upsertAtoms(b, [atom]);
        const got = (await store.getAtom(b, ck('valued')))!;
        expect(got.tv).toEqual({ type: 'ctv', strength: 0.25, confidence: 0.5, count: 800 });
        expect(got.av).toEqual({ sti: 10, lti: -3, vlti: 1 });
        expect(canonicalRecord(got).values).toEqual(canonicalRecord({ ...got, values: atom.values }).values);
        for (const k of [nodeKey('PredicateNode', 'weights'), nodeKey('PredicateNode', 'labels'), nodeKey('PredicateNode', 'mixed'), ck('inside')]) {
          expect(await store.getAtom(b, k)).toBeDefined();
        }
        expect((await store.getBase(b)).atomCount).toBe(5);
      });

      test('merge (default): a given tv/av/keyed value replaces the stored one, what is not given stays', async () => {
        const b = await baseWith();
        const k1 = { type: 'PredicateNode', name: 'k1' };
        const k2 = { type: 'PredicateNode', name: 'k2' };
        await store.upsertAtoms(b, [
          concept('m', {
            tv: { type: 'stv', strength: 0.1, confidence: 0.1 },
            av: { sti: 1, lti: 2, vlti: 0 },
            values: [
              { key: k1, value: { kind: 'float', items: [1] } },
              { key: k2, value: { kind: 'float', items: [2] } },
            ],
          }),
        ]);
        const r = await store.upsertAtoms(b, [
          concept('m', { tv: { type: 'stv', strength: 0.7, confidence: 0.6 }, values: [{ key: k2, value: { kind: 'string', items: ['two'] } }] }),
        ]);
        expect(r).toMatchObject({ added: 0, updated: 1 });
        const got = canonicalRecord((await store.getAtom(b, ck('m')))!);
        expect(got.tv).toEqual({ type: 'stv', strength: 0.7, confidence: 0.6 });
        expect(got.av).toEqual({ sti: 1, lti: 2, vlti: 0 });
        expect(got.values).toEqual([
          { key: k1, value: { kind: 'float', items: [1] } },
          { key: k2, value: { kind: 'string', items: ['two'] } },
        ]);
        // Re-adding without values changes nothing and journals nothing.
        const seq = (await store.getBase(b)).journalSeq;
        const again = await store.upsertAtoms(b, [concept('m'), inherit('m', 'm')]);
        expect(again).toMatchObject({ added: 1, updated: 0, journalSeq: seq + 1 });
        expect(canonicalRecord((await store.getAtom(b, ck('m')))!)).toEqual(got);
        // Giving the default truth value explicitly resets it, as the kernel does.
        await store.upsertAtoms(b, [concept('m', { tv: { type: 'stv', strength: 1, confidence: 0 } })]);
        expect((await store.getAtom(b, ck('m')))?.tv).toBeUndefined();
      });

      test('replace: top-level atoms get exactly the given values, nested atoms are merged', async () => {
        const b = await baseWith([
          concept('r', { tv: { type: 'stv', strength: 0.1, confidence: 0.1 }, av: { sti: 5, lti: 0, vlti: 0 } }),
          concept('nested', { tv: { type: 'stv', strength: 0.3, confidence: 0.3 } }),
        ]);
        await store.upsertAtoms(b, [concept('r', { values: [{ key: concept('k'), value: { kind: 'float', items: [9] } }] })], { mode: 'replace' });
        const r = (await store.getAtom(b, ck('r')))!;
        expect(r.tv).toBeUndefined();
        expect(r.av).toBeUndefined();
        expect(r.values).toEqual([{ key: concept('k'), value: { kind: 'float', items: [9] } }]);
        await store.upsertAtoms(b, [inherit('nested', 'r')], { mode: 'replace' });
        expect((await store.getAtom(b, ck('nested')))?.tv).toEqual({ type: 'stv', strength: 0.3, confidence: 0.3 });
        expect((await store.getAtom(b, ck('r')))?.values).toHaveLength(1);
      });

      test('later occurrences in one batch win, as repeated adds do', async () => {
        const b = await baseWith();
        const r = await store.upsertAtoms(b, [
          concept('twice', { tv: { type: 'stv', strength: 0.1, confidence: 0.1 } }),
          concept('twice', { tv: { type: 'stv', strength: 0.2, confidence: 0.2 } }),
        ]);
        expect(r).toMatchObject({ added: 1, keys: [ck('twice'), ck('twice')] });
        expect((await store.getAtom(b, ck('twice')))?.tv?.strength).toBe(0.2);
      });

      test('a bad atom anywhere in a batch is INVALID_ATOM naming its path, and the base is unchanged', async () => {
        const b = await baseWith([inherit('keep', 'me', { tv: { type: 'stv', strength: 0.5, confidence: 0.5 } })]);
        const before = await dumpBase(store, b);
        const info = await store.getBase(b);
        const bad: [unknown[], RegExp][] = [
          [[concept('ok'), concept('ok2'), concept('ok3'), { type: 'NoSuchNode', name: 'x' }], /\$\[3\]\.type/],
          [[inherit('keep', 'me', { tv: { type: 'stv', strength: 0.9, confidence: 0.9 } }), { type: 'ListLink', outgoing: [concept('a'), { type: 'ConceptNode' }] }], /\$\[1\]\.outgoing\[1\]\.name/],
          [[concept('x', { tv: { type: 'stv', strength: 2, confidence: 0.5 } })], /\$\[0\]\.tv/],
          [[{ type: 'ConceptNode', outgoing: [] }], /\$\[0\]/],
          [[{ type: 'ListLink', name: 'x' }], /\$\[0\]/],
          [[concept('x', { values: [{ key: concept('k'), value: { kind: 'nope' } as never }] })], /\$\[0\]\.values\[0\]\.value/],
          [[null], /\$\[0\]/],
          [[{ type: 'ConceptNode', name: 'nul\u0000byte' }], /\$\[0\]\.name/],
        ];
        for (const [batch, where] of bad) {
          const e = await expectCode(store.upsertAtoms(b, batch as AtomJson[]), 'INVALID_ATOM');
          expect(e.message).toMatch(where);
        }
        expect(await dumpBase(store, b)).toEqual(before);
        expect(await store.getBase(b)).toEqual(info);
      });

      test('an empty batch changes nothing', async () => {
        const b = await baseWith([concept('a')]);
        expect(await store.upsertAtoms(b, [])).toEqual({ added: 0, updated: 0, removed: [], keys: [], journalSeq: 1 });
      });
    });

    describe('removeAtoms', () => {
      test('removes an atom; a missing key is ATOM_NOT_FOUND unless ignoreMissing', async () => {
        const b = await baseWith([concept('a'), concept('b')]);
        const r = await store.removeAtoms(b, [ck('a')]);
        expect(r).toMatchObject({ added: 0, updated: 0, removed: [ck('a')], journalSeq: 3 });
        expect(await store.getAtom(b, ck('a'))).toBeUndefined();
        await expectCode(store.removeAtoms(b, [ck('b'), ck('a')]), 'ATOM_NOT_FOUND');
        expect(await store.getAtom(b, ck('b'))).toBeDefined();
        expect((await store.removeAtoms(b, [ck('b'), ck('a')], { ignoreMissing: true })).removed).toEqual([ck('b')]);
        expect((await store.getBase(b)).atomCount).toBe(0);
      });

      test('an atom inside a link is HAS_INCOMING; recursive removes the links that contain it, transitively', async () => {
        const list = { type: 'ListLink', outgoing: [inherit('cat', 'animal'), concept('x')] };
        const b = await baseWith([list, inherit('dog', 'animal')]);
        const before = await dumpBase(store, b);
        const e = await expectCode(store.removeAtoms(b, [ck('cat')]), 'HAS_INCOMING');
        expect(e.message).toContain(ck('cat'));
        expect(await dumpBase(store, b)).toEqual(before);
        const listKey = atomJsonKey(list, types);
        const r = await store.removeAtoms(b, [ck('cat')], { recursive: true });
        expect(r.removed).toEqual([listKey, ik('cat', 'animal'), ck('cat')]);
        expect(await store.getAtom(b, ck('animal'))).toBeDefined();
        expect(await store.getAtom(b, ik('dog', 'animal'))).toBeDefined();
        expect((await store.getBase(b)).atomCount).toBe(before.length - 3);
      });

      test('a link and the atoms in it can go together without recursive', async () => {
        const b = await baseWith([inherit('cat', 'animal')]);
        const r = await store.removeAtoms(b, [ck('cat'), ik('cat', 'animal'), ck('animal')]);
        expect(r.removed[0]).toBe(ik('cat', 'animal'));
        expect((await store.getBase(b)).atomCount).toBe(0);
      });
    });

    describe('reading atoms', () => {
      test('getAtoms answers in the order asked, undefined where missing; getIncoming lists the containing links', async () => {
        const b = await baseWith([inherit('cat', 'animal'), inherit('dog', 'animal'), { type: 'ListLink', outgoing: [concept('animal')] }]);
        const got = await store.getAtoms(b, [ck('dog'), ck('nope'), ck('cat')]);
        expect(got.map((x) => x?.name)).toEqual(['dog', undefined, 'cat']);
        const incoming = await store.getIncoming(b, ck('animal'));
        const expected = [ik('cat', 'animal'), ik('dog', 'animal'), linkKey('ListLink', [ck('animal')], false)].sort(cmp);
        expect(incoming.map((x) => x.key)).toEqual(expected);
        expect(await store.getIncoming(b, ck('nope'))).toEqual([]);
        expect(await store.getAtoms(b, [])).toEqual([]);
      });

      test('queryAtoms by types, with subtypes, pages through everything exactly once', async () => {
        const atoms: AtomJson[] = [];
        for (let i = 0; i < 45; i++) atoms.push(concept(`c${String(i).padStart(2, '0')}`));
        for (let i = 0; i < 7; i++) atoms.push({ type: 'GeneNode', name: `g${i}` });
        atoms.push({ type: 'PredicateNode', name: 'p' });
        const b = await baseWith(atoms);
        const exact = await store.queryAtoms(b, { types: ['ConceptNode'] }, { limit: 1000 });
        expect(exact.atoms).toHaveLength(45);
        expect(exact.nextCursor).toBeUndefined();
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.queryAtoms(b, { types: ['Concept'], subtypes: true }, { limit: 10, cursor });
          expect(page.atoms.length).toBeLessThanOrEqual(10);
          seen.push(...page.atoms.map((a) => a.name!));
          cursor = page.nextCursor;
          pages++;
        } while (cursor !== undefined);
        expect(pages).toBeGreaterThanOrEqual(6);
        expect(seen).toHaveLength(52);
        expect(new Set(seen).size).toBe(52);
        expect(seen).toEqual([...seen].sort(cmp));
        expect((await store.queryAtoms(b, {}, { limit: 1000 })).atoms).toHaveLength(53);
        expect(await store.countAtoms(b, { types: ['ConceptNode'], subtypes: true })).toBe(52);
        expect(await store.countAtoms(b)).toBe(53);
      });

      test('queryAtoms orders by name (code points) then key, links (empty name) first', async () => {
        const b = await baseWith([concept('b'), concept('B'), concept('a'), concept('é'), concept('aa'), inherit('a', 'b')]);
        const page = await store.queryAtoms(b, {});
        expect(page.atoms.map((a) => a.name ?? '<link>')).toEqual(['<link>', 'B', 'a', 'aa', 'b', 'é']);
      });

      test('name prefix and substring search, case-sensitive or not, with % _ \\ taken literally', async () => {
        const names = ['cat', 'Catalog', 'concat', 'dog', 'hot-dog', '100%', '10_0', 'a\\b', 'ab', 'Ünïcode', 'ünïcode'];
        const b = await baseWith([...names.map((n) => concept(n)), { type: 'PredicateNode', name: 'category' }, inherit('cat', 'dog')]);
        const q = async (query: object) => (await store.queryAtoms(b, query, { limit: 100 })).atoms.map((a) => a.name);
        expect(await q({ namePrefix: 'cat' })).toEqual(['cat', 'category']);
        expect(await q({ namePrefix: 'cat', types: ['ConceptNode'] })).toEqual(['cat']);
        expect(await q({ namePrefix: 'cat', ignoreCase: true })).toEqual(['Catalog', 'cat', 'category']);
        expect(await q({ nameContains: 'cat' })).toEqual(['cat', 'category', 'concat']);
        expect(await q({ nameContains: 'CAT', ignoreCase: true })).toEqual(['Catalog', 'cat', 'category', 'concat']);
        expect(await q({ nameContains: 'dog' })).toEqual(['dog', 'hot-dog']);
        expect(await q({ nameContains: '%' })).toEqual(['100%']);
        expect(await q({ nameContains: '_' })).toEqual(['10_0']);
        expect(await q({ namePrefix: '10_' })).toEqual(['10_0']);
        expect(await q({ nameContains: '\\' })).toEqual(['a\\b']);
        expect(await q({ nameContains: 'nïc' })).toEqual(['Ünïcode', 'ünïcode']);
        expect(await q({ namePrefix: 'ü' })).toEqual(['ünïcode']);
        expect(await q({ nameContains: 'zzz' })).toEqual([]);
        expect(await store.countAtoms(b, { nameContains: 'cat', ignoreCase: true })).toBe(4);
        // Name conditions match nodes only.
        expect(await q({ nameContains: '' })).toHaveLength(names.length + 1);
      });

      test('bad paging and unknown types are refused', async () => {
        const b = await baseWith([concept('a')]);
        await expectCode(store.queryAtoms(b, {}, { cursor: 'not-a-cursor' }), 'INVALID_ARGUMENT');
        await expectCode(store.queryAtoms(b, {}, { limit: 0 }), 'INVALID_ARGUMENT');
        await expectCode(store.queryAtoms(b, {}, { limit: 10_001 }), 'INVALID_ARGUMENT');
        await expectCode(store.queryAtoms(b, { types: ['NoSuchType'] }), 'UNKNOWN_TYPE');
        await expectCode(store.countAtoms(b, { types: ['NoSuchType'] }), 'UNKNOWN_TYPE');
      });

      test('countByType counts each exact type', async () => {
        const b = await baseWith([inherit('cat', 'animal'), { type: 'GeneNode', name: 'g' }, { type: 'EvaluationLink', outgoing: [{ type: 'PredicateNode', name: 'p' }, { type: 'ListLink', outgoing: [concept('cat')] }] }]);
        expect(await store.countByType(b)).toEqual([
          { type: 'ConceptNode', count: 2 },
          { type: 'EvaluationLink', count: 1 },
          { type: 'GeneNode', count: 1 },
          { type: 'InheritanceLink', count: 1 },
          { type: 'ListLink', count: 1 },
          { type: 'PredicateNode', count: 1 },
        ]);
        expect(await store.countByType(await baseWith())).toEqual([]);
      });

      test('exportAtoms yields every atom once, in batches, each after the atoms of its outgoing set', async () => {
        const atoms: AtomJson[] = [];
        for (let i = 0; i < 120; i++) {
          atoms.push({ type: 'ListLink', outgoing: [inherit(`x${i}`, `y${i % 7}`), { type: 'SetLink', outgoing: [concept(`x${i}`), { type: 'NumberNode', name: String(i) }] }] });
        }
        const b = await baseWith(atoms);
        const seen = new Set<string>();
        const sizes: number[] = [];
        for await (const batch of store.exportAtoms(b, { batchSize: 50 })) {
          sizes.push(batch.length);
          for (const a of batch) {
            for (const o of a.outgoing ?? []) expect(seen.has(o)).toBe(true);
            expect(seen.has(a.key)).toBe(false);
            seen.add(a.key);
          }
        }
        expect(seen.size).toBe((await store.getBase(b)).atomCount);
        expect(sizes.slice(0, -1).every((n) => n === 50)).toBe(true);
      });
    });

    describe('applyChanges', () => {
      test('puts flat records (full state) and removes, in one transaction', async () => {
        const b = await baseWith([concept('old'), concept('cat', { tv: { type: 'stv', strength: 0.2, confidence: 0.2 } })]);
        const r = await store.applyChanges(b, {
          remove: [ck('old')],
          put: [
            { key: ck('cat'), type: 'ConceptNode', name: 'cat' },
            { key: ck('animal'), type: 'ConceptNode', name: 'animal', av: { sti: 3, lti: 0, vlti: 0 } },
            { key: ik('cat', 'animal'), type: 'InheritanceLink', outgoing: [ck('cat'), ck('animal')], tv: { type: 'stv', strength: 1, confidence: 1 } },
          ],
        });
        expect(r).toMatchObject({ added: 2, updated: 1, removed: [ck('old')] });
        expect(r.keys).toEqual([ck('cat'), ck('animal'), ik('cat', 'animal')]);
        expect(await store.getAtom(b, ck('cat'))).toEqual({ key: ck('cat'), type: 'ConceptNode', name: 'cat' });
        expect((await store.getAtom(b, ik('cat', 'animal')))?.tv).toEqual({ type: 'stv', strength: 1, confidence: 1 });
      });

      test('a wrong key, a missing outgoing atom, an unknown type or a bad value refuses the whole change', async () => {
        const b = await baseWith([concept('keep')]);
        const before = await dumpBase(store, b);
        const bad: StoredAtom[][] = [
          [{ key: ck('x'), type: 'ConceptNode', name: 'y' }],
          [{ key: ik('a', 'b'), type: 'InheritanceLink', outgoing: [ck('a'), ck('b')] }],
          [{ key: nodeKey('NoSuchNode', 'x'), type: 'NoSuchNode', name: 'x' }],
          [{ key: ck('x'), type: 'ConceptNode', name: 'x', tv: { type: 'stv', strength: 5, confidence: 1 } }],
          [{ key: ck('x'), type: 'ConceptNode', name: 'x', outgoing: [] }],
          [{ key: ck('x'), type: 'ConceptNode', name: 'x', values: [{ key: concept('k'), value: { kind: 'float', items: ['no'] } as never }] }],
        ];
        for (const put of bad) {
          await expectCode(store.applyChanges(b, { remove: [ck('keep')], put: [{ key: ck('fine'), type: 'ConceptNode', name: 'fine' }, ...put] }), 'INVALID_ATOM');
        }
        await expectCode(store.applyChanges(b, { remove: [ck('nope')] }), 'ATOM_NOT_FOUND');
        expect(await dumpBase(store, b)).toEqual(before);
        expect((await store.getBase(b)).journalSeq).toBe(1);
      });
    });

    describe('journal', () => {
      test('every change is journaled in order with the full state of the atom', async () => {
        const b = await baseWith();
        await store.upsertAtoms(b, [inherit('cat', 'animal')]);
        await store.upsertAtoms(b, [concept('cat', { tv: { type: 'stv', strength: 0.5, confidence: 0.5 } })]);
        await store.removeAtoms(b, [ck('cat')], { recursive: true });
        const j = await store.readJournal(b);
        // Within one change: atoms before links, then by key.
        const [first, second] = [ck('animal'), ck('cat')].sort(cmp);
        expect(j.map((e) => [e.seq, e.kind, e.atom.key])).toEqual([
          [1, 'add', first],
          [2, 'add', second],
          [3, 'add', ik('cat', 'animal')],
          [4, 'values', ck('cat')],
          [5, 'remove', ik('cat', 'animal')],
          [6, 'remove', ck('cat')],
        ]);
        expect(j[3].atom).toEqual({ key: ck('cat'), type: 'ConceptNode', name: 'cat', tv: { type: 'stv', strength: 0.5, confidence: 0.5 } });
        expect(j[4].atom.outgoing).toEqual([ck('cat'), ck('animal')]);
        for (let i = 1; i < j.length; i++) expect(Date.parse(j[i].at)).toBeGreaterThanOrEqual(Date.parse(j[i - 1].at));
        expect((await store.getBase(b)).journalSeq).toBe(6);
      });

      test('readJournal pages with afterSeq and limit', async () => {
        const b = await baseWith(Array.from({ length: 25 }, (_, i) => concept(`n${i}`)));
        expect((await store.readJournal(b, { afterSeq: 10, limit: 5 })).map((e) => e.seq)).toEqual([11, 12, 13, 14, 15]);
        expect((await store.readJournal(b, { afterSeq: 24 })).map((e) => e.seq)).toEqual([25]);
        expect(await store.readJournal(b, { afterSeq: 25 })).toEqual([]);
        await expectCode(store.readJournal(b, { limit: 0 }), 'INVALID_ARGUMENT');
      });

      test('concurrent writers get distinct, gap-free sequence numbers', async () => {
        const b = await baseWith();
        await Promise.all(Array.from({ length: 8 }, (_, w) => store.upsertAtoms(b, Array.from({ length: 5 }, (_, i) => concept(`w${w}-${i}`)))));
        const j = await store.readJournal(b, { limit: 100 });
        expect(j.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
        expect((await store.getBase(b)).atomCount).toBe(40);
      });
    });

    describe('point-in-time restore', () => {
      /** A base with a history: returns the base and its dumps after each step with the journal position. */
      async function withHistory(): Promise<{ b: string; states: { seq: number; at: string; atoms: StoredAtom[] }[] }> {
        const b = await baseWith();
        const states: { seq: number; at: string; atoms: StoredAtom[] }[] = [];
        const mark = async () => {
          const j = await store.readJournal(b, { afterSeq: Math.max(0, (await store.getBase(b)).journalSeq - 1) });
          states.push({ seq: (await store.getBase(b)).journalSeq, at: j[0]?.at ?? new Date(0).toISOString(), atoms: await dumpBase(store, b) });
        };
        await mark();
        await store.upsertAtoms(b, [inherit('cat', 'animal', { tv: { type: 'stv', strength: 0.9, confidence: 0.9 } }), inherit('dog', 'animal')]);
        await mark();
        await store.upsertAtoms(b, [concept('cat', { values: [{ key: concept('k'), value: { kind: 'float', items: [1, 2] } }] })]);
        await mark();
        await store.removeAtoms(b, [ck('dog')], { recursive: true });
        await mark();
        await store.upsertAtoms(b, [inherit('cat', 'animal', { tv: { type: 'stv', strength: 0.1, confidence: 0.1 } }), concept('bird')]);
        await mark();
        return { b, states };
      }

      test('into a new base: the state after any journal position', async () => {
        const { b, states } = await withHistory();
        for (const s of states) {
          const into = fresh('pit');
          const r = await store.restoreToPoint(b, { seq: s.seq }, { into });
          expect(r.base).toBe(into);
          expect(await dumpBase(store, into)).toEqual(s.atoms);
          expect((await store.getBase(into)).atomCount).toBe(s.atoms.length);
        }
        expect(await dumpBase(store, b)).toEqual(states[states.length - 1].atoms);
      });

      test('by timestamp', async () => {
        const { b, states } = await withHistory();
        const into = fresh('pit-at');
        await store.restoreToPoint(b, { at: new Date(Date.now() + 60_000) }, { into });
        expect(await dumpBase(store, into)).toEqual(states[states.length - 1].atoms);
        const early = fresh('pit-early');
        await store.restoreToPoint(b, { at: '2000-01-01T00:00:00Z' }, { into: early });
        expect(await dumpBase(store, early)).toEqual([]);
        const j = await store.readJournal(b);
        const third = fresh('pit-third');
        // Everything committed at or before the time of entry `seq` of state 2.
        const at = j[states[2].seq - 1].at;
        await store.restoreToPoint(b, { at }, { into: third });
        const lastAtThatTime = j.filter((e) => Date.parse(e.at) <= Date.parse(at)).pop()!.seq;
        const fromSeq = fresh('pit-seq');
        await store.restoreToPoint(b, { seq: lastAtThatTime }, { into: fromSeq });
        expect(await dumpBase(store, third)).toEqual(await dumpBase(store, fromSeq));
      });

      test('in place: the base goes back, the restore is journaled and can itself be undone', async () => {
        const { b, states } = await withHistory();
        const last = states[states.length - 1];
        const r = await store.restoreToPoint(b, { seq: states[2].seq });
        expect(r.base).toBe(b);
        expect(r.journalSeq).toBeGreaterThan(last.seq);
        expect(r.added + r.updated + r.removed).toBeGreaterThan(0);
        expect(await dumpBase(store, b)).toEqual(states[2].atoms);
        expect((await store.getBase(b)).atomCount).toBe(states[2].atoms.length);
        await store.restoreToPoint(b, { seq: last.seq });
        expect(await dumpBase(store, b)).toEqual(last.atoms);
      });

      test('uses snapshots on the way and still replays exactly', async () => {
        const { b, states } = await withHistory();
        await store.createSnapshot(b, 'mid');
        await store.upsertAtoms(b, [concept('after-snapshot')]);
        const all = await dumpBase(store, b);
        const into = fresh('pit-snap');
        await store.restoreToPoint(b, { seq: (await store.getBase(b)).journalSeq }, { into });
        expect(await dumpBase(store, into)).toEqual(all);
        const before = fresh('pit-before-snap');
        await store.restoreToPoint(b, { seq: states[1].seq }, { into: before });
        expect(await dumpBase(store, before)).toEqual(states[1].atoms);
      });

      test('a point outside the journal is INVALID_ARGUMENT; a taken target name is BASE_EXISTS', async () => {
        const { b } = await withHistory();
        const seq = (await store.getBase(b)).journalSeq;
        await expectCode(store.restoreToPoint(b, { seq: seq + 1 }), 'INVALID_ARGUMENT');
        await expectCode(store.restoreToPoint(b, { seq: -1 }), 'INVALID_ARGUMENT');
        await expectCode(store.restoreToPoint(b, { at: 'not a date' }), 'INVALID_ARGUMENT');
        await expectCode(store.restoreToPoint(b, { seq: 0 }, { into: b }), 'BASE_EXISTS');
      });
    });

    describe('snapshots', () => {
      test('create, list, get, delete; names are unique per base', async () => {
        const b = await baseWith([inherit('cat', 'animal')]);
        const s1 = await store.createSnapshot(b, 'one', { description: 'first' });
        expect(s1).toMatchObject({ base: b, name: 'one', description: 'first', journalSeq: 3, atomCount: 3 });
        await store.upsertAtoms(b, [concept('more')]);
        const s2 = await store.createSnapshot(b, 'two');
        expect(s2).toMatchObject({ journalSeq: 4, atomCount: 4, description: '' });
        expect((await store.listSnapshots(b)).map((s) => s.name)).toEqual(['one', 'two']);
        expect(await store.getSnapshot(b, 'one')).toEqual(s1);
        await expectCode(store.createSnapshot(b, 'one'), 'SNAPSHOT_EXISTS');
        await expectCode(store.createSnapshot(b, 'bad name'), 'INVALID_ARGUMENT');
        await store.deleteSnapshot(b, 'one');
        await expectCode(store.getSnapshot(b, 'one'), 'SNAPSHOT_NOT_FOUND');
        await expectCode(store.deleteSnapshot(b, 'one'), 'SNAPSHOT_NOT_FOUND');
        await expectCode(store.restoreSnapshot(b, 'one'), 'SNAPSHOT_NOT_FOUND');
        await expectCode(async () => {
          for await (const x of store.exportAtoms(b, { snapshot: 'one' })) void x;
        }, 'SNAPSHOT_NOT_FOUND');
        // Another base may use the same snapshot name.
        const other = await baseWith();
        await store.createSnapshot(other, 'two');
      });

      test('a snapshot keeps the atoms of its moment; restore in place or into a new base', async () => {
        const b = await baseWith([inherit('cat', 'animal', { tv: { type: 'stv', strength: 0.4, confidence: 0.4 } })]);
        const at = await dumpBase(store, b);
        await store.createSnapshot(b, 'before');
        await store.upsertAtoms(b, [inherit('cat', 'animal', { tv: { type: 'stv', strength: 0.8, confidence: 0.8 } }), concept('new')]);
        await store.removeAtoms(b, [ck('animal')], { recursive: true });
        expect(await dumpBase(store, b, 'before')).toEqual(at);
        const into = fresh('from-snap');
        expect((await store.restoreSnapshot(b, 'before', { into })).base).toBe(into);
        expect(await dumpBase(store, into)).toEqual(at);
        const seq = (await store.getBase(b)).journalSeq;
        const r = await store.restoreSnapshot(b, 'before');
        expect(r).toMatchObject({ base: b, removed: 1 });
        expect(r.journalSeq).toBeGreaterThan(seq);
        expect(await dumpBase(store, b)).toEqual(at);
        expect((await store.getBase(b)).atomCount).toBe(at.length);
        await expectCode(store.restoreSnapshot(b, 'before', { into }), 'BASE_EXISTS');
      });
    });

    describe('backup and restore', () => {
      /** The backup's lines, each with its newline. */
      async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
        let text = '';
        for await (const c of chunks) text += c;
        expect(text.endsWith('\n')).toBe(true);
        return text.split(/(?<=\n)/);
      }

      test('a full backup of two bases restores atom by atom with values, under new names', async () => {
        const a = await baseWith([
          inherit('cat', 'animal', { tv: { type: 'ctv', strength: 0.9, confidence: 0.5, count: 800 }, av: { sti: 1, lti: 2, vlti: 0 } }),
          concept('v', { values: [{ key: concept('k'), value: { kind: 'link', items: [{ kind: 'atom', atom: concept('x') }, { kind: 'string', items: ['s'] }] } }] }),
        ]);
        const b = await baseWith(Array.from({ length: 2500 }, (_, i) => inherit(`n${i}`, `n${i + 1}`)));
        await store.createBase(fresh('not-in-backup'));
        const lines = await collect(writeBackup(store, { bases: [a, b] }));
        const header = JSON.parse(lines[0]);
        expect(header).toMatchObject({ format: 'ai-opencog-backup', version: 1 });
        const heads = lines.map((l) => JSON.parse(l)).filter((x) => x.base);
        expect(heads.map((h) => [h.base.name, h.base.atomCount])).toEqual([
          [a, (await store.getBase(a)).atomCount],
          [b, 5001],
        ]);
        const names = { [a]: fresh('restored-a'), [b]: fresh('restored-b') };
        const restored = await restoreBackup(store, lines, { rename: (n) => names[n] });
        expect(restored.map((r) => r.name)).toEqual([names[a], names[b]]);
        expect(await dumpBase(store, names[a])).toEqual(await dumpBase(store, a));
        expect(await dumpBase(store, names[b])).toEqual(await dumpBase(store, b));
        expect((await store.getBase(names[b])).atomCount).toBe(5001);
      });

      test('backup files: written, synced and read back', async () => {
        const a = await baseWith([inherit('file', 'backup', { tv: { type: 'stv', strength: 0.5, confidence: 0.25 } })]);
        const dir = mkdtempSync(path.join(tmpdir(), 'ai-opencog-backup-'));
        try {
          const file = path.join(dir, 'kb.jsonl');
          await writeBackupFile(store, file, { bases: [a] });
          const copy = fresh('from-file');
          await restoreBackupFile(store, file, { rename: () => copy });
          expect(await dumpBase(store, copy)).toEqual(await dumpBase(store, a));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });

      test('a backup reports the atoms written after each batch, and stops when aborted, leaving no snapshot', async () => {
        const a = await baseWith([inherit('p', 'q'), inherit('q', 'r'), concept('s')]);
        const seen: number[] = [];
        await collect(writeBackup(store, { bases: [a], batchSize: 2, onProgress: (n) => seen.push(n) }));
        expect(seen.length).toBeGreaterThan(1);
        expect(seen.at(-1)).toBe((await store.getBase(a)).atomCount);
        const controller = new AbortController();
        const stopped = collect(writeBackup(store, { bases: [a], batchSize: 2, signal: controller.signal, onProgress: () => controller.abort(new Error('stop')) }));
        await expect(stopped).rejects.toThrow('stop');
        expect(await store.listSnapshots(a)).toEqual([]);
      });

      test('restoring over an existing base needs replace; lines may arrive split anywhere', async () => {
        const a = await baseWith([inherit('x', 'y')]);
        const text = (await collect(writeBackup(store, { bases: [a] }))).join('');
        const chunks = text.match(/[\s\S]{1,37}/g)!;
        await expectCode(restoreBackup(store, chunks), 'BASE_EXISTS');
        await store.upsertAtoms(a, [concept('extra')]);
        await restoreBackup(store, chunks, { replace: true });
        expect((await dumpBase(store, a)).map((r) => r.name ?? r.type)).not.toContain('extra');
        expect((await store.getBase(a)).atomCount).toBe(3);
      });

      test('a corrupt or truncated backup is INVALID_BACKUP and leaves every base as it was', async () => {
        const a = await baseWith([inherit('x', 'y'), concept('z')]);
        const lines = await collect(writeBackup(store, { bases: [a] }));
        await store.upsertAtoms(a, [concept('since')]);
        const before = await dumpBase(store, a);
        const target = fresh('never');
        const variants: string[][] = [
          lines.slice(0, -1),
          [lines[0], lines[1], '{not json\n', ...lines.slice(2)],
          lines.map((l) => l.replace(/"name":"z"/, '"name":"zz"')),
          ['{"format":"something-else","version":1}\n', ...lines.slice(1)],
          [],
        ];
        for (const v of variants) {
          await expectCode(restoreBackup(store, v, { replace: true }), 'INVALID_BACKUP');
          await expectCode(restoreBackup(store, v, { rename: () => target }), 'INVALID_BACKUP');
        }
        expect(await dumpBase(store, a)).toEqual(before);
        await expectCode(store.getBase(target), 'BASE_NOT_FOUND');
        const left = (await store.listBases()).filter((x) => (x.name.startsWith(a) && x.name !== a) || x.name.startsWith('restoring-'));
        expect(left).toEqual([]);
      });
    });

    describe('AtomSpace sync', () => {
      function sampleSpace(): AtomSpace {
        const space = new AtomSpace({ types });
        const cat = space.addNode('ConceptNode', 'cat', stv(0.9, 0.8));
        const animal = space.addNode('ConceptNode', 'animal');
        space.addLink('InheritanceLink', [cat, animal], stv(0.7, 0.6));
        space.addLink('SetLink', [animal, cat]);
        space.setAttentionValue(animal, av(5, 1, 0));
        space.setValue(cat, space.addNode('PredicateNode', 'weights'), new FloatValue([1, 2, 3]));
        space.setValue(cat, space.addNode('PredicateNode', 'name'), new StringValue(['Felis']));
        space.setValue(animal, space.addNode('PredicateNode', 'related'), new LinkValue([cat, new FloatValue([4])]));
        space.addNode('GeneNode', 'BRCA1');
        return space;
      }

      test('saveSpaceToBase then loadBaseIntoSpace gives the same atoms and values', async () => {
        const space = sampleSpace();
        const b = await baseWith();
        const saved = await saveSpaceToBase(store, b, space, { batchSize: 3 });
        expect(saved.atoms).toBe(space.size);
        expect((await store.getBase(b)).atomCount).toBe(space.size);
        const back = new AtomSpace({ types });
        const loaded = await loadBaseIntoSpace(store, b, back, { batchSize: 2 });
        expect(loaded.atoms).toBe(space.size);
        expect(describeSpace(back)).toEqual(describeSpace(space));
      });

      test('saveSpaceToBase with mirror makes the base equal to the space', async () => {
        const b = await baseWith([concept('only-in-base'), inherit('cat', 'elsewhere')]);
        const space = sampleSpace();
        await saveSpaceToBase(store, b, space, { mirror: true });
        const back = new AtomSpace({ types });
        await loadBaseIntoSpace(store, b, back);
        expect(describeSpace(back)).toEqual(describeSpace(space));
      });

      test('SpaceChangeRecorder writes what changed in the space since the last flush', async () => {
        const space = sampleSpace();
        const b = await baseWith();
        await saveSpaceToBase(store, b, space);
        const recorder = new SpaceChangeRecorder(space);
        expect(recorder.pending).toBe(0);
        const cat = space.getNode('ConceptNode', 'cat')!;
        const dog = space.addNode('ConceptNode', 'dog');
        space.addLink('InheritanceLink', [dog, space.getNode('ConceptNode', 'animal')!]);
        space.setTruthValue(cat, stv(0.1, 0.2));
        space.setValue(cat, space.getNode('PredicateNode', 'name')!, undefined);
        space.remove(space.getNode('GeneNode', 'BRCA1')!);
        const tmp = space.addNode('ConceptNode', 'tmp');
        space.remove(tmp);
        expect(recorder.pending).toBeGreaterThan(0);
        const r = await recorder.flush(store, b);
        expect(r.added).toBe(2);
        expect(recorder.pending).toBe(0);
        const back = new AtomSpace({ types });
        await loadBaseIntoSpace(store, b, back);
        expect(describeSpace(back)).toEqual(describeSpace(space));
        expect((await recorder.flush(store, b)).journalSeq).toBe(r.journalSeq);
        recorder.dispose();
      });

      test('a cancelled load or save is ABORTED; the load leaves the space unchanged', async () => {
        const b = await baseWith([inherit('cat', 'animal')]);
        const controller = new AbortController();
        controller.abort();
        const target = new AtomSpace({ types });
        await expectCode(loadBaseIntoSpace(store, b, target, { signal: controller.signal }), 'ABORTED');
        expect(target.size).toBe(0);
        await expectCode(saveSpaceToBase(store, b, sampleSpace(), { signal: controller.signal }), 'ABORTED');
        expect((await store.getBase(b)).atomCount).toBe(3);
      });

      test('loadBaseIntoSpace into a space with another registry that lacks a type is UNKNOWN_TYPE', async () => {
        const b = await baseWith([{ type: 'GeneNode', name: 'g' }]);
        await expectCode(loadBaseIntoSpace(store, b, new AtomSpace({ types: new TypeRegistry() })), 'UNKNOWN_TYPE');
      });
    });

    describe('the OpenCog datasets', () => {
      const files = readdirSync(DATASETS_DIR).filter((f) => f.endsWith('.scm')).sort();

      test('there are the three files', () => {
        expect(files).toEqual(['Mid-level-ontology.scm', 'dpedia.scm', 'sample_dataset.scm']);
      });

      test.each(files)('%s: saved to a base and loaded back, the same atoms; counts per type agree', async (file) => {
        const space = new AtomSpace({ types });
        await loadAtomese(space, createReadStream(path.join(DATASETS_DIR, file), { encoding: 'utf8', highWaterMark: 1 << 20 }), { file });
        const b = await baseWith([], 'dataset');
        await saveSpaceToBase(store, b, space, { batchSize: 5000 });
        expect(await store.countByType(b)).toEqual(space.typeHistogram().map(({ type, count }) => ({ type: type.name, count })));
        expect((await store.getBase(b)).atomCount).toBe(space.size);
        const back = new AtomSpace({ types });
        await loadBaseIntoSpace(store, b, back, { batchSize: 5000 });
        expect(back.size).toBe(space.size);
        expect(describeSpace(back)).toEqual(describeSpace(space));
      }, 600_000);
    });

    describe('durability', () => {
      test('after close and reopen everything is there; a closed store refuses calls with STORE_CLOSED', async () => {
        const b = fresh('durable');
        await store.createBase(b, { description: 'kept' });
        await store.upsertAtoms(b, [inherit('cat', 'animal', { tv: { type: 'stv', strength: 0.3, confidence: 0.7 } })]);
        await store.createSnapshot(b, 'snap');
        await store.removeAtoms(b, [ck('cat')], { recursive: true });
        const atoms = await dumpBase(store, b);
        const journal = await store.readJournal(b);
        const info = await store.getBase(b);
        const closed = store;
        await closed.close();
        await expectCode(closed.getBase(b), 'STORE_CLOSED');
        await expectCode(closed.upsertAtoms(b, [concept('x')]), 'STORE_CLOSED');
        await closed.close();
        store = await open();
        expect(await store.getBase(b)).toEqual(info);
        expect(await dumpBase(store, b)).toEqual(atoms);
        expect(await store.readJournal(b)).toEqual(journal);
        expect((await store.listSnapshots(b)).map((s) => s.name)).toEqual(['snap']);
        expect(await dumpBase(store, b, 'snap')).toHaveLength(3);
      });
    });
  });
}

