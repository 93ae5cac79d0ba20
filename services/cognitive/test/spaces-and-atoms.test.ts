import { call, startCognitive, TOKENS, type Cognitive } from './support/harness';

let cog: Cognitive;
beforeAll(async () => {
  cog = await startCognitive({ env: { MAX_ATOMS_PER_SPACE: '50', BODY_LIMIT: '64kb' } });
});
afterAll(() => cog.close());

const ANIMALS = `
; a small taxonomy
(InheritanceLink (stv 0.9 0.8) (ConceptNode "cat") (ConceptNode "mammal"))
(Inheritance (Concept "dog") (Concept "mammal"))
(InheritanceLink (ConceptNode "mammal") (ConceptNode "animal"))`;

async function newSpace(name: string, atomese?: string) {
  const created = await call(cog.url, 'POST', '/v1/spaces', { body: { name, description: `test ${name}` } });
  expect(created.status).toBe(201);
  if (atomese !== undefined) {
    const added = await call(cog.url, 'POST', `/v1/spaces/${name}/atoms`, { body: { atomese } });
    expect(added.status).toBe(200);
  }
}

describe('spaces', () => {
  it('creates, lists, describes and drops a space', async () => {
    await newSpace('zoo', ANIMALS);
    const list = await call(cog.url, 'GET', '/v1/spaces', { token: TOKENS.read });
    expect(list.status).toBe(200);
    expect(list.json.spaces).toEqual([expect.objectContaining({ name: 'zoo', description: 'test zoo', atomCount: 7 })]);
    const detail = await call(cog.url, 'GET', '/v1/spaces/zoo');
    expect(detail.json.typeCounts).toEqual([
      { type: 'ConceptNode', count: 4 },
      { type: 'InheritanceLink', count: 3 },
    ]);
    expect((await call(cog.url, 'DELETE', '/v1/spaces/zoo')).status).toBe(204);
    expect((await call(cog.url, 'GET', '/v1/spaces/zoo')).json.error.code).toBe('SPACE_NOT_FOUND');
  });
});

describe('spaces: errors', () => {
  it('answers 404 SPACE_NOT_FOUND for every route of an unknown space', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/v1/spaces/nowhere'],
      ['DELETE', '/v1/spaces/nowhere'],
      ['POST', '/v1/spaces/nowhere/atoms', { atomese: '(Concept "a")' }],
      ['GET', '/v1/spaces/nowhere/atoms'],
      ['POST', '/v1/spaces/nowhere/atoms/lookup', { atomese: '(Concept "a")' }],
      ['GET', `/v1/spaces/nowhere/atoms/${'a'.repeat(64)}`],
      ['DELETE', `/v1/spaces/nowhere/atoms/${'a'.repeat(64)}`],
      ['POST', '/v1/spaces/nowhere/query', { query: '(Get (Inheritance (Variable "$x") (Concept "a")))' }],
      ['POST', '/v1/spaces/nowhere/forward-chain', { rules: ['inheritance-deduction-rule'], source: '(Concept "a")' }],
      ['POST', '/v1/spaces/nowhere/backward-chain', { rules: ['inheritance-deduction-rule'], target: '(Concept "a")' }],
      ['POST', '/v1/spaces/nowhere/mine', { minsup: 1 }],
      ['POST', '/v1/spaces/nowhere/attention', { cycles: 1 }],
      ['POST', '/v1/spaces/nowhere/load', { base: 'kb' }],
      ['POST', '/v1/spaces/nowhere/save', { base: 'kb' }],
    ];
    for (const [method, path, body] of routes) {
      const answer = await call(cog.url, method, path, body === undefined ? {} : { body });
      expect([method, path, answer.status, answer.json?.error?.code]).toEqual([method, path, 404, 'SPACE_NOT_FOUND']);
    }
  });

  it('refuses a second space of the same name (409) and a bad name (400)', async () => {
    await newSpace('twice');
    expect((await call(cog.url, 'POST', '/v1/spaces', { body: { name: 'twice' } })).json.error.code).toBe('CONFLICT');
    const bad = await call(cog.url, 'POST', '/v1/spaces', { body: { name: '../etc' } });
    expect([bad.status, bad.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('names a space when the request does not', async () => {
    const created = await call(cog.url, 'POST', '/v1/spaces', { body: {} });
    expect(created.status).toBe(201);
    expect(created.json.space.name).toMatch(/^space-[0-9a-f]{8}$/);
    expect(created.json.jobId).toBeUndefined();
  });

  it('needs a token (401) of the right role (403)', async () => {
    const none = await call(cog.url, 'GET', '/v1/spaces', { token: null });
    expect([none.status, none.json.error.code, none.headers.get('www-authenticate')]).toEqual([401, 'UNAUTHORIZED', 'Bearer realm="ai-opencog"']);
    const wrong = await call(cog.url, 'GET', '/v1/spaces', { token: 'not-a-known-token-000' });
    expect([wrong.status, wrong.json.error.code]).toEqual([401, 'UNAUTHORIZED']);
    const reader = await call(cog.url, 'POST', '/v1/spaces', { token: TOKENS.read, body: { name: 'by-reader' } });
    expect([reader.status, reader.json.error.code]).toEqual([403, 'FORBIDDEN']);
    const query = await call(cog.url, 'POST', '/v1/spaces/twice/query', { token: TOKENS.read, body: { query: '(Get (Variable "$x"))' } });
    expect(query.status).toBe(403);
  });
});

describe('atoms', () => {
  beforeAll(() => newSpace('atoms', ANIMALS));

  it('adds Atomese and answers the handles, JSON and count of the top-level atoms', async () => {
    const added = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms', {
      token: TOKENS.write,
      body: { atomese: '(Inheritance (stv 0.7 0.6) (Concept "bird") (Concept "animal")) (Concept "bird")' },
    });
    expect(added.status).toBe(200);
    expect(added.json.count).toBe(2);
    expect(added.json.truncated).toBe(false);
    expect(added.json.atoms[0]).toEqual({
      handle: expect.stringMatching(/^[0-9a-f]{64}$/),
      atom: {
        type: 'InheritanceLink',
        tv: { type: 'stv', strength: 0.7, confidence: 0.6 },
        outgoing: [
          { type: 'ConceptNode', name: 'bird' },
          { type: 'ConceptNode', name: 'animal' },
        ],
      },
    });
    // Handles are content keys: the same atom has the same handle.
    const again = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms', { body: { atoms: [{ type: 'ConceptNode', name: 'bird' }] } });
    expect(again.json.atoms[0].handle).toBe(added.json.atoms[1].handle);
  });

  it('adds JSON atoms, short type names included, with their values', async () => {
    const added = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms', {
      body: {
        atoms: [
          {
            type: 'Evaluation',
            tv: { strength: 1, confidence: 0.5 },
            outgoing: [
              { type: 'Predicate', name: 'can-fly' },
              { type: 'ListLink', outgoing: [{ type: 'Concept', name: 'bird' }] },
            ],
          },
        ],
      },
    });
    expect(added.status).toBe(200);
    const detail = await call(cog.url, 'GET', `/v1/spaces/atoms/atoms/${added.json.atoms[0].handle}?atomese=true`);
    expect(detail.json.atomese).toBe('(EvaluationLink (stv 1 0.5) (PredicateNode "can-fly") (ListLink (ConceptNode "bird")))');
    expect(detail.json.incomingCount).toBe(0);
  });

  it('answers PARSE_ERROR with the line and column, and keeps the space as it was (all or nothing)', async () => {
    const before = (await call(cog.url, 'GET', '/v1/spaces/atoms')).json.atomCount;
    const bad = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms', {
      body: { atomese: '(Concept "fish")\n(Inheritance (Concept "fish")\n   (Concept "animal")))', file: 'fish.scm' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('PARSE_ERROR');
    expect(bad.json.error.details).toEqual({ file: 'fish.scm', line: 3, column: 23, reason: expect.any(String) });
    expect(bad.json.error.message).toMatch(/^fish\.scm:3:23: /);
    const unknownType = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms', { body: { atomese: '(Concept "fish")\n  (GeneNode "x")' } });
    expect([unknownType.status, unknownType.json.error.code, unknownType.json.error.details?.line]).toEqual([400, 'PARSE_ERROR', 2]);
    const badJson = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms', {
      body: { atoms: [{ type: 'ConceptNode', name: 'fish' }, { type: 'NoSuchLink', outgoing: [] }] },
    });
    expect([badJson.status, badJson.json.error.code]).toEqual([400, 'INVALID_ATOM']);
    expect(badJson.json.error.message).toContain('$.atoms[1]');
    expect((await call(cog.url, 'GET', '/v1/spaces/atoms')).json.atomCount).toBe(before);
    const fish = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms/lookup', { body: { atomese: '(Concept "fish")' } });
    expect(fish.json.error.code).toBe('ATOM_NOT_FOUND');
  });

  it('refuses bodies that are not JSON, not an atom input, or too large', async () => {
    const notJson = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms', { body: '{"atomese": ' });
    expect([notJson.status, notJson.json.error.code]).toEqual([400, 'BAD_REQUEST']);
    const both = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms', { body: { atomese: '(Concept "a")', atoms: [] } });
    expect([both.status, both.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const huge = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms', { body: { atomese: `(Concept "${'x'.repeat(100_000)}")` } });
    expect([huge.status, huge.json.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const text = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms', { body: '(Concept "a")', headers: { 'content-type': 'text/x-scheme' } });
    expect([text.status, text.json.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('refuses atoms beyond the space limit with PAYLOAD_TOO_LARGE, adding none of them', async () => {
    await newSpace('small');
    const many = Array.from({ length: 60 }, (_, i) => `(Concept "c${i}")`).join('\n');
    const over = await call(cog.url, 'POST', '/v1/spaces/small/atoms', { body: { atomese: many } });
    expect([over.status, over.json.error.code, over.json.error.details]).toEqual([413, 'PAYLOAD_TOO_LARGE', { maxAtoms: 50, atoms: 0, adding: 60 }]);
    expect((await call(cog.url, 'GET', '/v1/spaces/small')).json.atomCount).toBe(0);
  });

  it('lists atoms a page at a time, all of them or by type (with or without subtypes)', async () => {
    const all = await call(cog.url, 'GET', '/v1/spaces/atoms/atoms?limit=3', { token: TOKENS.read });
    expect(all.status).toBe(200);
    expect(all.json.items).toHaveLength(3);
    expect(all.json.items[0].atom).toEqual({ type: 'ConceptNode', name: 'cat' });
    const total = all.json.total as number;
    const seen = [...all.json.items];
    let cursor = all.json.nextCursor as string | undefined;
    while (cursor) {
      const page = await call(cog.url, 'GET', `/v1/spaces/atoms/atoms?limit=3&cursor=${encodeURIComponent(cursor)}`);
      seen.push(...page.json.items);
      cursor = page.json.nextCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((r) => r.handle)).size).toBe(total);

    const links = await call(cog.url, 'GET', '/v1/spaces/atoms/atoms?type=Link&atomese=true&limit=100');
    expect(links.json.items.every((r: { atom: { outgoing?: unknown } }) => r.atom.outgoing !== undefined)).toBe(true);
    expect(links.json.items[0].atomese).toBe('(InheritanceLink (stv 0.9 0.8) (ConceptNode "cat") (ConceptNode "mammal"))');
    const exact = await call(cog.url, 'GET', '/v1/spaces/atoms/atoms?type=Link&subtypes=false');
    expect(exact.json.total).toBe(0);
    const offset = await call(cog.url, 'GET', '/v1/spaces/atoms/atoms?type=ConceptNode&offset=1&limit=1');
    expect(offset.json.items[0].atom.name).toBe('mammal');
    const badType = await call(cog.url, 'GET', '/v1/spaces/atoms/atoms?type=NoSuchNode');
    expect([badType.status, badType.json.error.code]).toEqual([400, 'UNKNOWN_TYPE']);
    const badCursor = await call(cog.url, 'GET', '/v1/spaces/atoms/atoms?cursor=xyz');
    expect([badCursor.status, badCursor.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('looks atoms up by Atomese, JSON or handle without adding them', async () => {
    const byAtomese = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms/lookup', { token: TOKENS.read, body: { atomese: '(Concept "mammal")' } });
    expect(byAtomese.status).toBe(200);
    expect(byAtomese.json).toEqual({ handle: expect.any(String), atom: { type: 'ConceptNode', name: 'mammal' }, incomingCount: 3 });
    const byJson = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms/lookup', { body: { atom: { type: 'Concept', name: 'mammal' } } });
    expect(byJson.json.handle).toBe(byAtomese.json.handle);
    const byHandle = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms/lookup', { body: { handle: byAtomese.json.handle } });
    expect(byHandle.json.atom.name).toBe('mammal');
    const size = (await call(cog.url, 'GET', '/v1/spaces/atoms')).json.atomCount;
    const missing = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms/lookup', { body: { atomese: '(Inheritance (Concept "cow") (Concept "mammal"))' } });
    expect([missing.status, missing.json.error.code]).toEqual([404, 'ATOM_NOT_FOUND']);
    expect((await call(cog.url, 'GET', '/v1/spaces/atoms')).json.atomCount).toBe(size);
    const badParse = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms/lookup', { body: { atomese: '(Concept "cow"' } });
    expect([badParse.status, badParse.json.error.code]).toEqual([400, 'PARSE_ERROR']);
  });

  it('gets an atom with its incoming set', async () => {
    const mammal = await call(cog.url, 'POST', '/v1/spaces/atoms/atoms/lookup', { body: { atomese: '(Concept "mammal")' } });
    const detail = await call(cog.url, 'GET', `/v1/spaces/atoms/atoms/${mammal.json.handle}?incoming=true&atomese=true`, { token: TOKENS.read });
    expect(detail.status).toBe(200);
    expect(detail.json.incomingCount).toBe(3);
    expect(detail.json.incoming.map((r: { atomese: string }) => r.atomese)).toContain('(InheritanceLink (ConceptNode "mammal") (ConceptNode "animal"))');
    const unknown = await call(cog.url, 'GET', `/v1/spaces/atoms/atoms/${'0'.repeat(64)}`);
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'ATOM_NOT_FOUND']);
    const badHandle = await call(cog.url, 'GET', '/v1/spaces/atoms/atoms/not%20a%20handle');
    expect([badHandle.status, badHandle.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('removes an atom: HAS_INCOMING (409) while links hold it, recursively with its links', async () => {
    await newSpace('removal', ANIMALS);
    const mammal = await call(cog.url, 'POST', '/v1/spaces/removal/atoms/lookup', { body: { atomese: '(Concept "mammal")' } });
    const refused = await call(cog.url, 'DELETE', `/v1/spaces/removal/atoms/${mammal.json.handle}`, { token: TOKENS.write });
    expect([refused.status, refused.json.error.code, refused.json.error.details]).toEqual([409, 'HAS_INCOMING', { incomingCount: 3 }]);
    const removed = await call(cog.url, 'DELETE', `/v1/spaces/removal/atoms/${mammal.json.handle}?recursive=true`);
    expect([removed.status, removed.json]).toEqual([200, { removed: 4 }]);
    expect((await call(cog.url, 'GET', '/v1/spaces/removal')).json.atomCount).toBe(3);
    const cat = await call(cog.url, 'POST', '/v1/spaces/removal/atoms/lookup', { body: { atomese: '(Concept "cat")' } });
    expect((await call(cog.url, 'DELETE', `/v1/spaces/removal/atoms/${cat.json.handle}`)).json).toEqual({ removed: 1 });
    const gone = await call(cog.url, 'DELETE', `/v1/spaces/removal/atoms/${cat.json.handle}`);
    expect([gone.status, gone.json.error.code]).toEqual([404, 'ATOM_NOT_FOUND']);
  });
});

describe('operational routes', () => {
  it('serves health, the OpenAPI document and metrics with the atoms per space', async () => {
    expect((await call(cog.url, 'GET', '/healthz', { token: null })).json).toEqual(expect.objectContaining({ status: 'ok', service: 'cognitive' }));
    const openapi = await call(cog.url, 'GET', '/v1/openapi.json', { token: null });
    expect(openapi.json.paths['/v1/spaces/{space}/query']).toBeDefined();
    const metrics = await call(cog.url, 'GET', '/metrics', { token: null });
    expect(metrics.text).toMatch(/atomspace_atoms\{[^}]*space="atoms"[^}]*\} \d+/);
    expect(metrics.text).toContain('http_requests_total');
  });

  it('is not ready while the knowledge service cannot be reached', async () => {
    const ready = await call(cog.url, 'GET', '/readyz', { token: null });
    expect(ready.status).toBe(503);
    expect(ready.json.checks).toEqual([expect.objectContaining({ name: 'knowledge', status: 'down' })]);
  });

  it('answers 404 NOT_FOUND for a route it does not have', async () => {
    const answer = await call(cog.url, 'GET', '/v1/nothing-here');
    expect([answer.status, answer.json.error.code]).toEqual([404, 'NOT_FOUND']);
  });
});
