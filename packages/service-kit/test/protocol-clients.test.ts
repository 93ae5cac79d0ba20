import { Readable } from 'node:stream';
import {
  cognitiveOpenApi,
  cognitiveRoutes,
  CognitiveClient,
  CONTENT_TYPES,
  knowledgeRoutes,
  KnowledgeClient,
  openApiPath,
  ServiceError,
} from '@ai-opencog/protocol';
import { fakeCognitive, fakeKnowledge } from './support/fake-services';
import { startService, TOKENS, type Running } from './support/harness';

const cat = { type: 'ConceptNode', name: 'cat' };
const animal = { type: 'ConceptNode', name: 'animal' };

async function rejection(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    return error as ServiceError;
  }
  throw new Error('expected a ServiceError');
}

// Integration: the protocol's clients against services of the kit built from the real route
// tables with fake handlers (test/support/fake-services.ts), on 127.0.0.1:0.
describe('CognitiveClient against a cognitive service of the kit', () => {
  let running: Running;
  let client: CognitiveClient;
  beforeAll(async () => {
    running = await startService({ name: 'cognitive', routes: cognitiveRoutes, handlers: fakeCognitive, openApi: cognitiveOpenApi() });
    client = new CognitiveClient({ baseUrl: running.baseUrl, token: TOKENS.write });
  });
  afterAll(() => running.close());

  it('creates, lists, gets and drops spaces', async () => {
    const created = await client.createSpace({ name: 'scratch', description: 'try things' });
    expect(created).toEqual({ space: { name: 'scratch', description: 'try things', atomCount: 0, createdAt: expect.any(String) } });
    const loaded = await client.createSpace({ name: 'from-kb', load: { base: 'animals' } });
    expect(loaded.jobId).toEqual(expect.any(String));
    expect(await client.waitForResult(loaded.jobId!, 'load', { intervalMs: 10 })).toEqual({ base: 'animals', atomCount: 0 });
    expect((await client.listSpaces()).spaces.map((s) => s.name)).toEqual(['scratch', 'from-kb']);
    expect(await client.dropSpace('from-kb')).toBeUndefined();
    const gone = await rejection(client.getSpace('from-kb'));
    expect([gone.code, gone.status, gone.message]).toEqual(['SPACE_NOT_FOUND', 404, 'no space from-kb']);
  });

  it('adds atoms and pages through them with a cursor', async () => {
    await client.createSpace({ name: 'paging' });
    const added = await client.addAtoms('paging', { atoms: [cat, animal, { type: 'InheritanceLink', outgoing: [cat, animal] }] });
    expect(added.count).toBe(3);
    const first = await client.listAtoms('paging', { limit: 2, atomese: true });
    expect(first.items.map((r) => r.atomese)).toEqual(['(ConceptNode "cat")', '(ConceptNode "animal")']);
    expect(first.total).toBe(3);
    const second = await client.listAtoms('paging', { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((r) => r.atom.type)).toEqual(['InheritanceLink']);
    expect(second.nextCursor).toBeUndefined();
    const atom = await client.getAtom('paging', second.items[0]!.handle, { incoming: true });
    expect(atom.atom.outgoing).toEqual([cat, animal]);
    expect(await client.removeAtom('paging', atom.handle, { recursive: true })).toEqual({ removed: 1 });
    expect((await client.getSpace('paging')).typeCounts).toEqual([{ type: 'ConceptNode', count: 2 }]);
  });

  it('turns error bodies into ServiceErrors with code, status and details', async () => {
    const invalid = await rejection(client.createSpace({ name: 'no spaces allowed' }));
    expect([invalid.code, invalid.status]).toEqual(['VALIDATION_FAILED', 400]);
    expect(invalid.details!.issues).toEqual([expect.objectContaining({ location: 'body', path: ['name'] })]);
    const parse = await rejection(client.addAtoms('scratch', { atomese: '(Concept "cat")', file: 'cats.scm' }));
    expect([parse.code, parse.status, parse.details]).toEqual(['PARSE_ERROR', 400, { file: 'cats.scm', line: 1, column: 2 }]);
    const conflict = await rejection(client.createSpace({ name: 'scratch' }));
    expect([conflict.code, conflict.status]).toEqual(['CONFLICT', 409]);
    const reader = new CognitiveClient({ baseUrl: running.baseUrl, token: TOKENS.read });
    const forbidden = await rejection(reader.createSpace({ name: 'mine' }));
    expect([forbidden.code, forbidden.status]).toEqual(['FORBIDDEN', 403]);
    const anonymous = new CognitiveClient({ baseUrl: running.baseUrl });
    expect((await rejection(anonymous.listSpaces())).code).toBe('UNAUTHORIZED');
  });

  it('runs a query and reads either result form', async () => {
    await client.createSpace({ name: 'q' });
    await client.addAtoms('q', { atoms: [cat] });
    const set = await client.runQuery('q', { query: '(Get (Variable "$x"))' });
    expect(set.kind === 'set' && set.atoms).toEqual([cat]);
    const tv = await client.runQuery('q', { query: '(Satisfaction (Variable "$x"))' });
    expect(tv.kind === 'tv' && tv.tv.strength).toBe(1);
  });

  it('starts a chaining job and waits for its typed result; a failed job throws its error', async () => {
    await client.createSpace({ name: 'reasoning' });
    const { jobId } = await client.forwardChain('reasoning', { ruleBase: 'pln-rbs', source: '(Concept "cat")', maximumIterations: 2, trace: true });
    const result = await client.waitForResult(jobId, 'forward-chain', { intervalMs: 10 });
    expect(result.iterations).toBe(2);
    expect(result.results[0]!.atomese).toBe('(InheritanceLink (ConceptNode "cat") (ConceptNode "animal"))');
    expect(result.trace![0]!.rule).toBe('deduction-inheritance-rule');
    expect((await client.getJob(jobId)).progress).toEqual({ done: 2, total: 2 });
    const mining = await client.mine('reasoning', { minsup: 2 });
    const failed = await rejection(client.waitForResult(mining.jobId, 'mine', { intervalMs: 10 }));
    expect([failed.code, failed.message]).toEqual(['INVALID_QUERY', 'the initial pattern is not a LambdaLink']);
    expect((await client.listJobs({ kind: 'mine' })).jobs.map((j) => j.status)).toEqual(['failed']);
  });

  it('reads health and readiness', async () => {
    expect(await client.health()).toMatchObject({ status: 'ok', service: 'cognitive' });
    expect(await client.readiness()).toEqual({ status: 'ready', service: 'cognitive', checks: [] });
  });

  it('the service serves the OpenAPI document with every route of the table', async () => {
    const document = (await (await fetch(`${running.baseUrl}/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const route of Object.values(cognitiveRoutes)) {
      expect(document.paths[openApiPath(route.path)]?.[route.method.toLowerCase()]).toBeDefined();
    }
  });
});

describe('KnowledgeClient against a knowledge service of the kit', () => {
  let running: Running;
  let client: KnowledgeClient;
  beforeAll(async () => {
    running = await startService({ name: 'knowledge', routes: knowledgeRoutes, handlers: fakeKnowledge });
    client = new KnowledgeClient({ baseUrl: running.baseUrl, token: TOKENS.admin });
  });
  afterAll(() => running.close());

  it('creates, renames and deletes knowledge bases', async () => {
    expect(await client.createBase({ name: 'animals' })).toMatchObject({ name: 'animals', atomCount: 0 });
    expect(await client.updateBase('animals', { name: 'fauna', description: 'beasts' })).toMatchObject({ name: 'fauna', description: 'beasts' });
    expect((await client.listBases()).bases.map((b) => b.name)).toEqual(['fauna']);
    expect((await rejection(client.getBase('animals'))).code).toBe('BASE_NOT_FOUND');
    const writer = new KnowledgeClient({ baseUrl: running.baseUrl, token: TOKENS.write });
    expect((await rejection(writer.deleteBase('fauna'))).code).toBe('FORBIDDEN');
    await client.deleteBase('fauna');
    expect((await client.listBases()).bases).toEqual([]);
  });

  it('imports a streamed Atomese body as a job and exports it line by line', async () => {
    await client.createBase({ name: 'stream' });
    const body = Readable.toWeb(Readable.from(['(Concept "a")\n(Con', 'cept "b")\n', '(Concept "c")\n'])) as ReadableStream<Uint8Array>;
    const { jobId } = await client.importAtoms('stream', { contentType: CONTENT_TYPES.atomese, body }, { file: 'abc.scm' });
    expect(await client.waitForResult(jobId, 'import', { intervalMs: 10 })).toEqual({ count: 3, atomCount: 3 });
    expect(running.logs.find((l) => l.msg === 'import')[0]).toMatchObject({ file: 'abc.scm', lines: 3, contentType: 'text/x-scheme' });
    const exported = await client.exportAtoms('stream');
    expect(exported.contentType).toMatch(/^text\/x-scheme/);
    const lines: string[] = [];
    for await (const line of exported.lines()) lines.push(line);
    expect(lines).toEqual(['(Concept "a")', '(Concept "b")', '(Concept "c")']);
    const json = await client.importAtoms('stream', { atoms: [cat] });
    expect(await client.waitForResult(json.jobId, 'import', { intervalMs: 10 })).toEqual({ count: 1, atomCount: 4 });
  });

  it('uploads and downloads a backup, and restores to a point in time', async () => {
    const uploaded = await client.uploadBackup('nightly', '{"base":"x"}\n{"atom":1}\n');
    expect(uploaded).toMatchObject({ name: 'nightly', atomCount: 2, sizeBytes: 24 });
    expect(await (await client.downloadBackup('nightly')).text()).toBe('{"base":"x"}\n{"atom":1}\n');
    expect((await rejection(client.downloadBackup('weekly'))).code).toBe('BACKUP_NOT_FOUND');
    const { jobId } = await client.restore({ from: 'journal', base: 'stream', sequence: 3, target: 'stream-at-3' });
    expect(await client.waitForResult(jobId, 'restore', { intervalMs: 10 })).toEqual({ bases: [{ name: 'stream-at-3', atomCount: 0 }] });
    const invalid = await rejection(client.restore({ from: 'journal', base: 'stream' }));
    expect(invalid.details!.issues).toEqual([expect.objectContaining({ message: 'give the point to restore to: a timestamp or a sequence number' })]);
  });

  it('a 415 for a content type the route does not take', async () => {
    const error = await rejection(client.importAtoms('stream', { contentType: 'text/csv', body: 'a,b\n' }));
    expect([error.code, error.status]).toEqual(['UNSUPPORTED_MEDIA_TYPE', 415]);
  });
});
