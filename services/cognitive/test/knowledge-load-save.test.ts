import { call, startCognitive, startKnowledge, StreamProbe, TOKENS, waitForJob, type Cognitive, type TestKnowledge } from './support/harness';

/*
 * Spaces loaded from and saved to knowledge bases through the knowledge service's HTTP API, as
 * jobs: the real knowledge service (services/knowledge on PGlite in a temp folder) when it is
 * built, else the stand-in of test/support/fake-knowledge.js. The knowledge service knows
 * GeneNode; the cognitive service does not.
 */

let knowledge: TestKnowledge;
let cog: Cognitive;
const kb = (method: string, path: string, body?: unknown) => call(knowledge.url, method, path, body === undefined ? {} : { body });

beforeAll(async () => {
  knowledge = await startKnowledge({ atomTypes: 'GeneNode:ConceptNode' });
  cog = await startCognitive({ knowledgeUrl: knowledge.url, env: { MAX_ATOMS_PER_SPACE: '40' } });
  await kb('POST', '/v1/bases', { name: 'animals' });
  await kb('POST', '/v1/bases/animals/atoms', {
    atomese: `(Inheritance (stv 0.9 0.8) (Concept "cat") (Concept "mammal"))
              (Inheritance (Concept "dog") (Concept "mammal"))
              (Evaluation (Predicate "purrs") (List (Concept "cat" (av 10 0 0))))`,
  });
});
afterAll(async () => {
  await cog.close();
  await knowledge.close();
});

describe('loading', () => {
  it('is ready when the knowledge service is', async () => {
    const ready = await call(cog.url, 'GET', '/readyz', { token: null });
    expect([ready.status, ready.json.checks]).toEqual([200, [expect.objectContaining({ name: 'knowledge', status: 'up' })]]);
  });

  it('creates a space loaded from a base, as a job with progress, values included', async () => {
    const probe = await StreamProbe.open(cog.url);
    const created = await call(cog.url, 'POST', '/v1/spaces', { token: TOKENS.write, body: { name: 'from-kb', load: { base: 'animals' } } });
    expect(created.status).toBe(201);
    expect(created.json.space).toEqual(expect.objectContaining({ name: 'from-kb', atomCount: 0 }));
    await probe.request({ type: 'subscribe-job', jobId: created.json.jobId });
    const job = await waitForJob(cog.url, created.json.jobId);
    expect([job.status, job.kind, job.result]).toEqual(['succeeded', 'load', { base: 'animals', atomCount: 8 }]);
    await probe.waitFor((m) => m.type === 'job-finished' && m.jobId === created.json.jobId);
    probe.close();
    const space = (await call(cog.url, 'GET', '/v1/spaces/from-kb')).json;
    expect([space.atomCount, space.loadedFrom]).toEqual([8, { base: 'animals' }]);
    const cat = await call(cog.url, 'POST', '/v1/spaces/from-kb/atoms/lookup', { body: { atomese: '(Concept "cat")' } });
    expect(cat.json.atom.av).toEqual({ sti: 10, lti: 0, vlti: 0 });
  });

  it('loads into an existing space, merging with what it holds', async () => {
    await call(cog.url, 'POST', '/v1/spaces', { body: { name: 'merge-into' } });
    await call(cog.url, 'POST', '/v1/spaces/merge-into/atoms', { body: { atomese: '(Concept "fish")' } });
    const started = await call(cog.url, 'POST', '/v1/spaces/merge-into/load', { body: { base: 'animals' } });
    expect(started.status).toBe(202);
    expect((await waitForJob(cog.url, started.json.jobId)).result.atomCount).toBe(9);
  });

  it('fails the load job with BASE_NOT_FOUND, and refuses snapshots (which the knowledge routes cannot export) with 400', async () => {
    await call(cog.url, 'POST', '/v1/spaces', { body: { name: 'nothing-loaded' } });
    const started = await call(cog.url, 'POST', '/v1/spaces/nothing-loaded/load', { body: { base: 'no-such-base' } });
    const job = await waitForJob(cog.url, started.json.jobId);
    expect([job.status, job.error.code]).toEqual(['failed', 'BASE_NOT_FOUND']);
    const snapshot = await call(cog.url, 'POST', '/v1/spaces', { body: { name: 'from-snapshot', load: { base: 'animals', snapshot: 'monday' } } });
    expect([snapshot.status, snapshot.json.error.code]).toEqual([400, 'BAD_REQUEST']);
    expect((await call(cog.url, 'GET', '/v1/spaces/from-snapshot')).status).toBe(404);
  });

  it('leaves the space as it was when the base does not read (an unknown type) or does not fit', async () => {
    await kb('POST', '/v1/bases', { name: 'genes' });
    await kb('POST', '/v1/bases/genes/atoms', { atomese: '(Concept "before") (Member (GeneNode "BRCA1") (Concept "genes"))' });
    await call(cog.url, 'POST', '/v1/spaces', { body: { name: 'typed' } });
    const job = await waitForJob(cog.url, (await call(cog.url, 'POST', '/v1/spaces/typed/load', { body: { base: 'genes' } })).json.jobId);
    expect([job.status, job.error.code, job.error.details.line]).toEqual(['failed', 'PARSE_ERROR', expect.any(Number)]);
    expect(job.error.message).toContain('GeneNode');
    expect((await call(cog.url, 'GET', '/v1/spaces/typed')).json.atomCount).toBe(0);

    await kb('POST', '/v1/bases', { name: 'large' });
    await kb('POST', '/v1/bases/large/atoms', { atomese: Array.from({ length: 45 }, (_, i) => `(Concept "n${i}")`).join(' ') });
    await call(cog.url, 'POST', '/v1/spaces', { body: { name: 'too-small' } });
    const tooLarge = await waitForJob(cog.url, (await call(cog.url, 'POST', '/v1/spaces/too-small/load', { body: { base: 'large' } })).json.jobId);
    expect([tooLarge.status, tooLarge.error.code]).toEqual(['failed', 'PAYLOAD_TOO_LARGE']);
    expect((await call(cog.url, 'GET', '/v1/spaces/too-small')).json.atomCount).toBe(0);
  });
});

describe('saving', () => {
  beforeAll(async () => {
    await call(cog.url, 'POST', '/v1/spaces', { body: { name: 'work' } });
    await call(cog.url, 'POST', '/v1/spaces/work/atoms', {
      body: { atomese: '(Inheritance (stv 0.5 0.5) (Concept "cat") (Concept "mammal")) (Inheritance (Concept "owl") (Concept "bird"))' },
    });
  });

  const types = async (base: string) => (await kb('GET', `/v1/bases/${base}/types`)).json;

  it('merges a space into a base: new atoms added, the space\'s values win', async () => {
    const started = await call(cog.url, 'POST', '/v1/spaces/work/save', { token: TOKENS.write, body: { base: 'animals' } });
    expect(started.status).toBe(202);
    const job = await waitForJob(cog.url, started.json.jobId);
    expect([job.status, job.kind, job.result]).toEqual(['succeeded', 'save', { base: 'animals', atomCount: 11 }]);
    const exported = await call(knowledge.url, 'GET', '/v1/bases/animals/export?format=jsonl');
    expect(exported.text).toContain('{"type":"InheritanceLink","outgoing":[{"type":"ConceptNode","name":"owl"},{"type":"ConceptNode","name":"bird"}]}');
    expect(exported.text).toContain('"tv":{"type":"stv","strength":0.5,"confidence":0.5}');
  });

  it('replaces a base: it then holds exactly the space\'s atoms, the old contents kept under another name', async () => {
    await kb('POST', '/v1/bases', { name: 'replaced' });
    await kb('POST', '/v1/bases/replaced/atoms', { atomese: '(Concept "old-atom")' });
    const job = await waitForJob(cog.url, (await call(cog.url, 'POST', '/v1/spaces/work/save', { body: { base: 'replaced', mode: 'replace' } })).json.jobId);
    expect([job.status, job.result, job.error]).toEqual(['succeeded', { base: 'replaced', atomCount: 6 }, undefined]);
    expect((await types('replaced')).total).toBe(6);
    const bases = (await kb('GET', '/v1/bases')).json.bases.map((b: { name: string }) => b.name);
    expect(bases).toContainEqual(expect.stringMatching(/^replaced\.previous-\d{8}T\d{6}Z$/));
    expect(bases.filter((n: string) => n.includes('staging'))).toEqual([]);
  });

  it('creates the base when asked, else fails with BASE_NOT_FOUND', async () => {
    const missing = await waitForJob(cog.url, (await call(cog.url, 'POST', '/v1/spaces/work/save', { body: { base: 'brand-new' } })).json.jobId);
    expect([missing.status, missing.error.code]).toEqual(['failed', 'BASE_NOT_FOUND']);
    const created = await waitForJob(cog.url, (await call(cog.url, 'POST', '/v1/spaces/work/save', { body: { base: 'brand-new', createBase: true } })).json.jobId);
    expect([created.status, created.result.atomCount]).toEqual(['succeeded', 6]);
    // And back: a space loaded from the saved base holds the same atoms.
    const again = await call(cog.url, 'POST', '/v1/spaces', { body: { name: 'round-trip', load: { base: 'brand-new' } } });
    await waitForJob(cog.url, again.json.jobId);
    const atoms = (await call(cog.url, 'GET', '/v1/spaces/round-trip/atoms?atomese=true')).json.items.map((r: { atomese: string }) => r.atomese).sort();
    const original = (await call(cog.url, 'GET', '/v1/spaces/work/atoms?atomese=true')).json.items.map((r: { atomese: string }) => r.atomese).sort();
    expect(atoms).toEqual(original);
  });

  it('fails with UNAVAILABLE when the knowledge service is gone', async () => {
    const orphan = await startCognitive({ knowledgeUrl: 'http://127.0.0.1:9' });
    try {
      await call(orphan.url, 'POST', '/v1/spaces', { body: { name: 's' } });
      const job = await waitForJob(orphan.url, (await call(orphan.url, 'POST', '/v1/spaces/s/save', { body: { base: 'x' } })).json.jobId);
      expect([job.status, job.error.code]).toEqual(['failed', 'UNAVAILABLE']);
    } finally {
      await orphan.close();
    }
  });
});
