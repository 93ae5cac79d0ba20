import { call, startCognitive, TOKENS, type Cognitive } from './support/harness';

let cog: Cognitive;
beforeAll(async () => {
  cog = await startCognitive({ env: { QUERY_TIME_LIMIT_MS: '2000', QUERY_MAX_RESULTS: '1000' } });
  await call(cog.url, 'POST', '/v1/spaces', { body: { name: 'q' } });
  await call(cog.url, 'POST', '/v1/spaces/q/atoms', {
    body: {
      atomese: `
        (Inheritance (stv 0.95 0.9) (Concept "cat") (Concept "mammal"))
        (Inheritance (Concept "dog") (Concept "mammal"))
        (Inheritance (Concept "whale") (Concept "mammal"))
        (Inheritance (Concept "mammal") (Concept "animal"))`,
    },
  });
  // A space where a four-clause query of independent variables searches 200^4 groundings; with
  // the equalities of the slow query below (a = 7a + 1 mod 200) none of them is a result.
  await call(cog.url, 'POST', '/v1/spaces', { body: { name: 'big' } });
  const links = Array.from({ length: 200 }, (_, i) => `(Inheritance (Concept "c${i}") (Concept "c${(i * 7 + 1) % 200}"))`).join('\n');
  await call(cog.url, 'POST', '/v1/spaces/big/atoms', { body: { atomese: links } });
});
afterAll(() => cog.close());

const query = (space: string, body: unknown) => call(cog.url, 'POST', `/v1/spaces/${space}/query`, { token: TOKENS.write, body });

describe('query', () => {
  it('runs a GetLink: the atoms found, as JSON and as one SetLink, leaving the space as it was', async () => {
    const before = (await call(cog.url, 'GET', '/v1/spaces/q')).json.atomCount;
    const r = await query('q', { query: '(Get (Inheritance (Variable "$x") (Concept "mammal")))' });
    expect(r.status).toBe(200);
    expect(r.json.kind).toBe('set');
    expect(r.json.complete).toBe(true);
    expect(r.json.atoms.map((a: { name: string }) => a.name).sort()).toEqual(['cat', 'dog', 'whale']);
    expect(r.json.atomese).toMatch(/^\(SetLink\n/);
    expect((await call(cog.url, 'GET', '/v1/spaces/q')).json.atomCount).toBe(before);
  });

  it('runs a SatisfactionLink: a truth value', async () => {
    const yes = await query('q', { query: '(Satisfaction (Inheritance (Variable "$x") (Concept "animal")))' });
    expect(yes.json).toEqual({ kind: 'tv', complete: true, tv: { type: 'stv', strength: 1, confidence: 1 } });
    const no = await query('q', { query: '(Satisfaction (Inheritance (Variable "$x") (Concept "plant")))' });
    expect(no.json.tv.strength).toBe(0);
  });

  it('runs a BindLink and adds what it rewrites to the space', async () => {
    const r = await query('q', {
      query: '(Bind (Inheritance (Variable "$x") (Concept "mammal")) (Evaluation (Predicate "has-fur") (Variable "$x")))',
    });
    expect(r.status).toBe(200);
    expect(r.json.atoms).toHaveLength(3);
    const found = await call(cog.url, 'POST', '/v1/spaces/q/atoms/lookup', { body: { atomese: '(Evaluation (Predicate "has-fur") (Concept "dog"))' } });
    expect(found.status).toBe(200);
    const bind = await call(cog.url, 'POST', '/v1/spaces/q/atoms/lookup', { body: { atomese: '(Variable "$x")' } });
    expect(bind.status).toBe(404);
  });

  it('stops at the result limit: complete false', async () => {
    const r = await query('big', { query: '(Get (Inheritance (Variable "$x") (Variable "$y")))', maxResults: 3 });
    expect([r.json.complete, r.json.atoms.length]).toEqual([false, 3]);
    // QUERY_MAX_RESULTS bounds what a request asks for.
    const small = await startCognitive({ env: { QUERY_MAX_RESULTS: '5' } });
    try {
      await call(small.url, 'POST', '/v1/spaces', { body: { name: 'big' } });
      await call(small.url, 'POST', '/v1/spaces/big/atoms', { body: { atomese: '(Inheritance (Concept "a") (Concept "b")) (Inheritance (Concept "b") (Concept "c")) (Concept "d") (Concept "e")' } });
      const capped = await call(small.url, 'POST', '/v1/spaces/big/query', { body: { query: '(Get (Variable "$x"))', maxResults: 100 } });
      expect([capped.json.complete, capped.json.atoms.length]).toEqual([false, 5]);
    } finally {
      await small.close();
    }
  });

  it('stops a query over its time limit with 504 QUERY_TIMEOUT, and the service answers the next request', async () => {
    const slow = `(Get (VariableList (Variable "$a") (Variable "$b") (Variable "$c") (Variable "$d") (Variable "$e") (Variable "$f") (Variable "$g") (Variable "$h"))
      (And (Inheritance (Variable "$a") (Variable "$b")) (Inheritance (Variable "$c") (Variable "$d"))
           (Inheritance (Variable "$e") (Variable "$f")) (Inheritance (Variable "$g") (Variable "$h"))
           (Equal (Variable "$a") (Variable "$h")) (Equal (Variable "$b") (Variable "$c")) (Equal (Variable "$d") (Variable "$e"))
           (Equal (Variable "$f") (Variable "$g")) (Equal (Variable "$a") (Variable "$c"))))`;
    const before = (await call(cog.url, 'GET', '/v1/spaces/big')).json.atomCount;
    const started = Date.now();
    const r = await query('big', { query: slow, timeLimitMs: 300, maxResults: 1_000_000 });
    expect([r.status, r.json.error.code]).toEqual([504, 'QUERY_TIMEOUT']);
    expect(Date.now() - started).toBeLessThan(1_500);
    // The configured limit bounds a longer one asked for.
    const capped = await query('big', { query: slow, timeLimitMs: 600_000 });
    expect(capped.json.error.code).toBe('QUERY_TIMEOUT');
    expect(capped.json.error.message).toContain('2000 ms');
    expect((await call(cog.url, 'GET', '/healthz', { token: null })).status).toBe(200);
    expect((await call(cog.url, 'GET', '/v1/spaces/big')).json.atomCount).toBe(before);
    const next = await query('q', { query: '(Get (Inheritance (Variable "$x") (Concept "animal")))' });
    expect(next.json.atoms).toEqual([{ type: 'ConceptNode', name: 'mammal' }]);
  });

  it('answers 400 for what is not a query or does not parse', async () => {
    const notQuery = await query('q', { query: '(Concept "cat")' });
    expect([notQuery.status, notQuery.json.error.code]).toEqual([400, 'INVALID_QUERY']);
    const bad = await query('q', { query: '(Get (Inheritance (Variable "$x") (Concept "mammal"))' });
    expect([bad.status, bad.json.error.code, bad.json.error.details.file]).toEqual([400, 'PARSE_ERROR', 'query']);
    const unknownKey = await query('q', { query: '(Get (Variable "$x"))', limit: 3 });
    expect([unknownKey.status, unknownKey.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('times queries by kind in the metrics', async () => {
    const metrics = await call(cog.url, 'GET', '/metrics', { token: null });
    expect(metrics.text).toMatch(/query_duration_seconds_count\{[^}]*kind="get"[^}]*\} [1-9]/);
    expect(metrics.text).toMatch(/query_duration_seconds_count\{[^}]*kind="bind"[^}]*\} 1/);
  });
});
