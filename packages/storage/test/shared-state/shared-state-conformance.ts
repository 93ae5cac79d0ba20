/**
 * One suite for the shared state (read cache, change bus, rate limits) and CachedAtomStore, run
 * against Redis and against the in-process equivalents. `open` is called once per simulated
 * service instance: over Redis each call is a separate connection, in process the calls share
 * one state (one process is one instance).
 */
import { TypeRegistry } from '@ai-opencog/atomspace';
import {
  CachedAtomStore,
  baseChannel,
  nodeKey,
  openPGliteStore,
  spaceChannel,
  type AtomStore,
  type ChangeMessage,
  type SharedState,
} from '../../src';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `f` holds (or fails after `ms`). */
async function eventually(f: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await tick(10);
  }
}

let n = 0;
const unique = (p: string) => `${p}-${process.pid}-${Date.now().toString(36)}-${++n}`;

export function describeSharedStateConformance(name: string, open: () => Promise<SharedState>): void {
  describe(`shared state: ${name}`, () => {
    jest.setTimeout(120_000);
    let a: SharedState;
    let b: SharedState;

    beforeAll(async () => {
      a = await open();
      b = await open();
    });

    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    describe('read cache', () => {
      test('the first read loads, later reads are answered from the cache, undefined included', async () => {
        const scope = unique('scope');
        let loads = 0;
        const load = async () => {
          loads++;
          return { answer: 42 };
        };
        expect(await a.cache.getOrLoad(scope, 'k', load)).toEqual({ answer: 42 });
        expect(await a.cache.getOrLoad(scope, 'k', load)).toEqual({ answer: 42 });
        expect(await b.cache.getOrLoad(scope, 'k', load)).toEqual({ answer: 42 });
        expect(loads).toBe(1);
        let missing = 0;
        const none = async () => {
          missing++;
          return undefined;
        };
        expect(await a.cache.getOrLoad(scope, 'none', none)).toBeUndefined();
        expect(await a.cache.getOrLoad(scope, 'none', none)).toBeUndefined();
        expect(missing).toBe(1);
      });

      test('invalidating a scope (from any instance) drops its answers and no other scope', async () => {
        const s1 = unique('s1');
        const s2 = unique('s2');
        let version = 1;
        const load = async () => version;
        await a.cache.getOrLoad(s1, 'k', load);
        await a.cache.getOrLoad(s2, 'k', load);
        version = 2;
        await b.cache.invalidate(s1);
        expect(await a.cache.getOrLoad(s1, 'k', load)).toBe(2);
        expect(await a.cache.getOrLoad(s2, 'k', load)).toBe(1);
      });

      test('an answer loaded while the scope changes is not served after the change', async () => {
        const scope = unique('race');
        let release!: () => void;
        const slow = a.cache.getOrLoad(scope, 'k', () => new Promise<string>((r) => (release = () => r('old'))));
        await eventually(() => release !== undefined);
        await b.cache.invalidate(scope);
        release();
        expect(await slow).toBe('old');
        expect(await a.cache.getOrLoad(scope, 'k', async () => 'new')).toBe('new');
      });
    });

    describe('change bus', () => {
      test('subscribers of a channel get what any instance publishes there, and only that', async () => {
        const got: ChangeMessage[] = [];
        const other: ChangeMessage[] = [];
        const base = unique('kb');
        const off = await b.changes.subscribe(baseChannel(base), (m) => got.push(m));
        const offOther = await b.changes.subscribe(spaceChannel(base), (m) => other.push(m));
        const message: ChangeMessage = { origin: 'a', kind: 'atoms', name: base, journalSeq: 3, keys: [nodeKey('ConceptNode', 'x')] };
        await a.changes.publish(baseChannel(base), message);
        await a.changes.publish(baseChannel(unique('elsewhere')), { ...message, name: 'elsewhere' });
        await eventually(() => got.length === 1);
        expect(got[0]).toEqual(message);
        await tick(50);
        expect(other).toEqual([]);
        await off();
        await offOther();
        await a.changes.publish(baseChannel(base), message);
        await tick(100);
        expect(got).toHaveLength(1);
      });

      test('several subscribers of one channel each get every message, in order', async () => {
        const ch = spaceChannel(unique('space'));
        const first: number[] = [];
        const second: number[] = [];
        const off1 = await a.changes.subscribe(ch, (m) => first.push(m.journalSeq!));
        const off2 = await b.changes.subscribe(ch, (m) => second.push(m.journalSeq!));
        for (let i = 1; i <= 5; i++) await a.changes.publish(ch, { origin: 'a', kind: 'atoms', name: 's', journalSeq: i });
        await eventually(() => first.length === 5 && second.length === 5);
        expect(first).toEqual([1, 2, 3, 4, 5]);
        expect(second).toEqual([1, 2, 3, 4, 5]);
        await off1();
        await off2();
      });
    });

    describe('rate limits', () => {
      test('hits in a window add up across instances; the window ends and counting starts again', async () => {
        const key = unique('client');
        const first = await a.rateLimits.increment(key, 300);
        expect(first.count).toBe(1);
        expect(first.resetAt).toBeGreaterThan(Date.now());
        expect(first.resetAt).toBeLessThanOrEqual(Date.now() + 300);
        expect((await b.rateLimits.increment(key, 300)).count).toBe(2);
        expect((await a.rateLimits.increment(key, 300)).count).toBe(3);
        await tick(350);
        expect((await b.rateLimits.increment(key, 300)).count).toBe(1);
      });

      test('concurrent hits are all counted; reset forgets the key', async () => {
        const key = unique('burst');
        const counts = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).rateLimits.increment(key, 10_000)));
        expect(counts.map((c) => c.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        await a.rateLimits.reset(key);
        expect((await b.rateLimits.increment(key, 10_000)).count).toBe(1);
      });
    });

    describe('CachedAtomStore', () => {
      let inner: AtomStore;
      let one: CachedAtomStore;
      let two: CachedAtomStore;

      beforeAll(async () => {
        inner = await openPGliteStore({ types: new TypeRegistry() });
        one = new CachedAtomStore(inner, { cache: a.cache, changes: a.changes, origin: 'one' });
        two = new CachedAtomStore(inner, { cache: b.cache, changes: b.changes, origin: 'two' });
      });

      afterAll(async () => {
        await inner?.close();
      });

      test('a write through one instance is seen by reads through the other, and announced on the base channel', async () => {
        const base = unique('cached');
        await one.createBase(base);
        const heard: ChangeMessage[] = [];
        const off = await b.changes.subscribe(baseChannel(base), (m) => heard.push(m));
        expect(await two.countByType(base)).toEqual([]);
        expect(await two.getAtom(base, nodeKey('ConceptNode', 'cat'))).toBeUndefined();
        const r = await one.upsertAtoms(base, [{ type: 'ConceptNode', name: 'cat' }]);
        expect(await two.countByType(base)).toEqual([{ type: 'ConceptNode', count: 1 }]);
        expect((await two.getAtom(base, nodeKey('ConceptNode', 'cat')))?.name).toBe('cat');
        expect((await two.queryAtoms(base, { namePrefix: 'c' })).atoms).toHaveLength(1);
        await one.removeAtoms(base, [nodeKey('ConceptNode', 'cat')]);
        expect(await two.countAtoms(base)).toBe(0);
        expect(await two.getAtom(base, nodeKey('ConceptNode', 'cat'))).toBeUndefined();
        await eventually(() => heard.length === 2);
        expect(heard[0]).toEqual({ origin: 'one', kind: 'atoms', name: base, journalSeq: r.journalSeq, keys: [nodeKey('ConceptNode', 'cat')] });
        expect(heard[1]).toMatchObject({ origin: 'one', kind: 'atoms', journalSeq: 2 });
        await off();
      });

      test('restores, renames and deletes drop cached answers too', async () => {
        const base = unique('cached-r');
        await one.createBase(base);
        await one.upsertAtoms(base, [{ type: 'ConceptNode', name: 'x' }]);
        expect(await two.countAtoms(base)).toBe(1);
        await one.restoreToPoint(base, { seq: 0 });
        expect(await two.countAtoms(base)).toBe(0);
        const renamed = unique('cached-n');
        await two.countAtoms(base);
        await one.renameBase(base, renamed);
        await one.createBase(base);
        await one.upsertAtoms(renamed, [{ type: 'ConceptNode', name: 'y' }]);
        expect(await two.countAtoms(base)).toBe(0);
        expect(await two.countAtoms(renamed)).toBe(1);
        await one.deleteBase(renamed);
        await expect(two.countAtoms(renamed)).rejects.toMatchObject({ code: 'BASE_NOT_FOUND' });
      });
    });
  });
}
