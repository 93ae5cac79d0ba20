import { MemoryChangeBus, RedisChangeBus, connectRedis, type ChangeBus } from '@ai-opencog/storage';
import { SPACES_CHANNEL } from '../src';
import { call, eventually, startCognitive, StreamProbe, waitForJob, type Cognitive } from './support/harness';

/*
 * Two instances of the service serving the same spaces: every change made through one (API,
 * jobs) reaches the other over the change bus, without echoes. With TEST_REDIS_URL set, the two
 * share a real Redis (each its own connections, as two processes would); always, they share the
 * in-process bus too.
 */

const REDIS_URL = process.env.TEST_REDIS_URL;

interface Pair {
  a: Cognitive;
  b: Cognitive;
  /** A bus on which a test can watch what the instances publish. */
  observer: ChangeBus;
  /** Makes another bus joined to the same Redis (or the in-process bus itself). */
  join(): Promise<ChangeBus>;
  close(): Promise<void>;
}

async function pair(kind: 'in-process' | 'redis'): Promise<Pair> {
  if (kind === 'in-process') {
    const bus = new MemoryChangeBus();
    const a = await startCognitive({ changeBus: bus });
    const b = await startCognitive({ changeBus: bus });
    return { a, b, observer: bus, join: async () => bus, close: async () => void (await Promise.all([a.close(), b.close()])) };
  }
  // The instances open their own Redis connections from REDIS_URL, as in production; the space
  // names of this run are its own, so that others sharing the Redis do not disturb it.
  const buses: ChangeBus[] = [];
  const join = async () => {
    const bus = new RedisChangeBus(await connectRedis(REDIS_URL!));
    buses.push(bus);
    return bus;
  };
  const a = await startCognitive({ env: { REDIS_URL: REDIS_URL! } });
  const b = await startCognitive({ env: { REDIS_URL: REDIS_URL! } });
  return {
    a,
    b,
    observer: await join(),
    join,
    close: async () => {
      await Promise.all([a.close(), b.close()]);
      await Promise.all(buses.map((bus) => bus.close()));
    },
  };
}

const size = async (cog: Cognitive, space: string) => (await call(cog.url, 'GET', `/v1/spaces/${space}`)).json?.atomCount;

const KINDS: ('in-process' | 'redis')[] = REDIS_URL ? ['in-process', 'redis'] : ['in-process'];

for (const kind of KINDS) {
  describe(`two instances sharing spaces (${kind} bus)`, () => {
    const S = kind === 'redis' ? `run${process.pid}-` : '';
    let p: Pair;
    beforeAll(async () => {
      p = await pair(kind);
    });
    afterAll(() => p.close());

    it('shares spaces and atoms made through either instance, values and removals included', async () => {
      const { a, b } = p;
      expect((await call(a.url, 'POST', '/v1/spaces', { body: { name: `${S}shared`, description: 'both' } })).status).toBe(201);
      await eventually(async () => (await call(b.url, 'GET', `/v1/spaces/${S}shared`)).status === 200, 5_000, 'the space on b');
      expect((await call(b.url, 'GET', `/v1/spaces/${S}shared`)).json.description).toBe('both');

      const probe = await StreamProbe.open(b.url);
      await probe.request({ type: 'subscribe-space', space: `${S}shared` });
      const added = await call(a.url, 'POST', `/v1/spaces/${S}shared/atoms`, { body: { atomese: '(Inheritance (stv 0.9 0.8) (Concept "cat") (Concept "mammal"))' } });
      await eventually(async () => (await size(b, `${S}shared`)) === 3, 5_000, 'the atoms on b');
      // The same handle names the atom on both.
      const onB = await call(b.url, 'GET', `/v1/spaces/${S}shared/atoms/${added.json.atoms[0].handle}`);
      expect(onB.json.atom).toEqual(added.json.atoms[0].atom);
      await probe.waitFor((m) => m.type === 'atom-added' && m.handle === added.json.atoms[0].handle);
      probe.close();

      // Changes made on b come back to a; values are set exactly.
      await call(b.url, 'POST', `/v1/spaces/${S}shared/atoms`, { body: { atomese: '(Concept "cat" (stv 0.2 0.3)) (Concept "dog")' } });
      await eventually(async () => (await size(a, `${S}shared`)) === 4, 5_000, 'b\'s atoms on a');
      const cat = await call(a.url, 'POST', `/v1/spaces/${S}shared/atoms/lookup`, { body: { atomese: '(Concept "cat")' } });
      expect(cat.json.atom.tv).toEqual({ type: 'stv', strength: 0.2, confidence: 0.3 });

      await call(a.url, 'DELETE', `/v1/spaces/${S}shared/atoms/${cat.json.handle}?recursive=true`);
      await eventually(async () => (await size(b, `${S}shared`)) === 2, 5_000, 'the removal on b');
      expect((await call(b.url, 'GET', `/v1/spaces/${S}shared/atoms/${cat.json.handle}`)).status).toBe(404);
    });

    it('shares what jobs conclude', async () => {
      const { a, b } = p;
      await call(a.url, 'POST', '/v1/spaces', { body: { name: `${S}reasoned` } });
      await call(a.url, 'POST', `/v1/spaces/${S}reasoned/atoms`, { body: { atomese: '(Inheritance (stv 1 1) (Concept "A") (Concept "B")) (Inheritance (stv 1 1) (Concept "B") (Concept "C"))' } });
      const job = await call(a.url, 'POST', `/v1/spaces/${S}reasoned/forward-chain`, { body: { rules: ['inheritance-deduction-rule'], source: '(Inheritance (Concept "A") (Concept "B"))', maximumIterations: 5 } });
      expect((await waitForJob(a.url, job.json.jobId)).status).toBe('succeeded');
      const ac = await eventually(async () => {
        const r = await call(b.url, 'POST', `/v1/spaces/${S}reasoned/atoms/lookup`, { body: { atomese: '(Inheritance (Concept "A") (Concept "C"))' } });
        return r.status === 200 ? r : undefined;
      }, 5_000, 'the conclusion on b');
      expect(ac!.json.atom.tv).toBeDefined();
    });

    it('does not echo: each instance publishes only its own changes, once', async () => {
      const { a, b } = p;
      await call(a.url, 'POST', '/v1/spaces', { body: { name: `${S}echo` } });
      await eventually(async () => (await call(b.url, 'GET', `/v1/spaces/${S}echo`)).status === 200, 5_000, 'the space on b');
      const published = { a: 0, b: 0, other: 0 };
      const stop = await p.observer.subscribe(SPACES_CHANNEL, (message) => {
        if (message.name !== `${S}echo` || message.kind !== 'atoms') return;
        published[message.origin === a.service.replicator.origin ? 'a' : message.origin === b.service.replicator.origin ? 'b' : 'other']++;
      });
      await call(a.url, 'POST', `/v1/spaces/${S}echo/atoms`, { body: { atomese: '(Concept "x") (Concept "y")' } });
      await eventually(async () => (await size(b, `${S}echo`)) === 2, 5_000, 'the atoms on b');
      await new Promise((resolve) => setTimeout(resolve, 200));
      await stop();
      expect(published).toEqual({ a: 1, b: 0, other: 0 });
    });

    if (kind === 'redis') {
      it('checks Redis in /readyz', async () => {
        const ready = await call(p.a.url, 'GET', '/readyz', { token: null });
        expect(ready.json.checks).toContainEqual(expect.objectContaining({ name: 'redis', status: 'up' }));
      });
    }

    it('drops a space on both', async () => {
      const { a, b } = p;
      await call(b.url, 'DELETE', `/v1/spaces/${S}shared`);
      await eventually(async () => (await call(a.url, 'GET', `/v1/spaces/${S}shared`)).status === 404, 5_000, 'the drop on a');
    });

    it('gives an instance that starts later the spaces the others hold', async () => {
      const { a } = p;
      await call(a.url, 'POST', '/v1/spaces', { body: { name: `${S}early` } });
      await call(a.url, 'POST', `/v1/spaces/${S}early/atoms`, { body: { atomese: '(Concept "before-c-started")' } });
      const c = await startCognitive({ changeBus: await p.join() });
      try {
        await eventually(async () => (await size(c, `${S}early`)) === 1, 5_000, 'the early space on c');
      } finally {
        await c.close();
      }
    });
  });
}
