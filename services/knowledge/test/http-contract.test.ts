import { CONTENT_TYPES, knowledgeRoutes, type JobEventMessage } from '@ai-opencog/protocol';
import { WebSocket } from 'ws';
import { isInternalBase } from '../src/bases/internal-bases';
import { errorOf, startTestService, TOKENS, type TestService } from './support/harness';
import { inheritanceLines, upload } from './support/upload';

// Integration: the service in this process on 127.0.0.1:0 with PGlite in a temporary folder, small
// body limits; real HTTP (fetch, node:http) and WebSocket (ws) clients.
describe('the knowledge service over HTTP and WebSocket', () => {
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService({ env: { BODY_LIMIT: '64kb', STREAM_BODY_LIMIT: '256kb', IMPORT_BATCH_SIZE: '100' } });
    await t.write.createBase({ name: 'kb' });
    await t.write.addBaseAtoms('kb', { atomese: '(Inheritance (stv 0.9 0.8) (Concept "cat") (Concept "animal"))' });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  const json = (method: string, path: string, body?: unknown, token: string | null = TOKENS.admin) =>
    t.fetch(path, { method, token, headers: { 'content-type': 'application/json' }, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
  const errorBody = async (response: Response) => ((await response.json()) as { error: { code: string; message: string; details?: Record<string, unknown> } }).error;

  describe('authentication and roles', () => {
    it('answers 401 UNAUTHORIZED without a token or with an unknown one', async () => {
      const none = await t.fetch('/v1/bases', { token: null });
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toContain('Bearer');
      expect(await errorBody(none)).toMatchObject({ code: 'UNAUTHORIZED' });
      const wrong = await t.fetch('/v1/bases', { token: 'not-a-token-we-know-of' });
      expect(wrong.status).toBe(401);
      expect(await errorBody(wrong)).toMatchObject({ code: 'UNAUTHORIZED' });
    });

    it('answers 403 FORBIDDEN when the token\'s role is below the route\'s', async () => {
      const cases: [string, string, unknown, string][] = [
        ['POST', '/v1/bases', { name: 'x' }, TOKENS.read],
        ['POST', '/v1/bases/kb/atoms', { atomese: '(Concept "x")' }, TOKENS.read],
        ['DELETE', '/v1/bases/kb', undefined, TOKENS.write],
        ['GET', '/v1/admin/backups', undefined, TOKENS.write],
        ['POST', '/v1/admin/restore', { from: 'journal', base: 'kb', sequence: 0, overwrite: true }, TOKENS.write],
        ['GET', '/v1/admin/journal/kb', undefined, TOKENS.write],
      ];
      for (const [method, path, body, token] of cases) {
        const response = await json(method, path, body, token);
        expect([method, path, response.status]).toEqual([method, path, 403]);
        expect(await errorBody(response)).toMatchObject({ code: 'FORBIDDEN' });
      }
    });

    it('serves every route of the protocol\'s table (no route answers 404 NOT_FOUND for its own path)', async () => {
      for (const route of Object.values(knowledgeRoutes)) {
        const path = route.path.replace(':base', 'kb').replace(':snapshot', 's').replace(':backup', 'b').replace(':jobId', 'j');
        const response = await t.fetch(path, { method: route.method, token: TOKENS.read });
        const body = response.status === 204 || response.status === 200 ? undefined : await errorBody(response);
        expect([route.method, route.path, body?.code]).not.toEqual([route.method, route.path, 'NOT_FOUND']);
        if (response.bodyUsed === false) await response.body?.cancel();
      }
    });
  });

  describe('limits and validation', () => {
    it('refuses JSON bodies over BODY_LIMIT with 413 PAYLOAD_TOO_LARGE', async () => {
      const atomese = `(Concept "${'x'.repeat(100 * 1024)}")`;
      const response = await json('POST', '/v1/bases/kb/atoms', { atomese });
      expect(response.status).toBe(413);
      expect(await errorBody(response)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    });

    it('refuses a streamed import over STREAM_BODY_LIMIT: at once when its length says so, else by failing the job', async () => {
      const big = 'x'.repeat(300 * 1024);
      const declared = await t.fetch('/v1/bases/kb/import', { method: 'POST', token: TOKENS.write, headers: { 'content-type': CONTENT_TYPES.atomese }, body: big });
      expect(declared.status).toBe(413);
      expect(await errorBody(declared)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });

      const lines = [...inheritanceLines(60_000, 200, 'big')];
      const chunked = upload(`${t.url}/v1/bases/kb/import`, TOKENS.write, CONTENT_TYPES.atomese, lines);
      const job = await t.write.waitForJob(await chunked.jobId, { intervalMs: 50 });
      expect(job).toMatchObject({ status: 'failed', error: { code: 'PAYLOAD_TOO_LARGE' } });
      // The service cut the upload: the client could not send it all.
      expect((await chunked.done).bytes).toBeLessThan(Buffer.byteLength(lines.join('')));
      expect((await t.read.getBase('kb')).atomCount).toBe(3);

      const backup = await t.fetch('/v1/admin/backups/too-big', { method: 'PUT', headers: { 'content-type': CONTENT_TYPES.jsonLines }, body: big });
      expect(backup.status).toBe(413);
    });

    it('answers 400 VALIDATION_FAILED naming the field for bad parameters, queries and bodies', async () => {
      const cases: [string, string, unknown, string][] = [
        ['GET', `/v1/bases/${'a'.repeat(65)}`, undefined, 'params.base'],
        ['GET', '/v1/bases/-dash', undefined, 'params.base'],
        ['POST', '/v1/bases', { name: 'ok', colour: 'blue' }, 'body'],
        ['POST', '/v1/bases', { name: 'has space' }, 'body.name'],
        ['GET', '/v1/bases/kb/atoms?limit=5000', undefined, 'query.limit'],
        ['GET', '/v1/bases/kb/atoms?cursor=abc&offset=3', undefined, 'query.cursor'],
        ['GET', '/v1/bases/kb/atoms?match=fuzzy', undefined, 'query.match'],
        ['POST', '/v1/bases/kb/atoms', { atomese: '(Concept "a")', atoms: [] }, 'body'],
        ['POST', '/v1/bases/kb/import?atomic=maybe', { atomese: '(Concept "a")' }, 'query.atomic'],
        ['GET', '/v1/bases/kb/export?format=xml', undefined, 'query.format'],
        ['POST', '/v1/admin/restore', { from: 'journal', base: 'kb', sequence: 1, timestamp: new Date().toISOString() }, 'body.timestamp'],
        ['POST', '/v1/admin/restore', { from: 'tape', base: 'kb' }, 'body.from'],
        ['GET', '/v1/jobs?limit=0', undefined, 'query.limit'],
      ];
      for (const [method, path, body, where] of cases) {
        const response = await json(method, path, body);
        const error = await errorBody(response);
        expect([method, path, response.status, error.code]).toEqual([method, path, 400, 'VALIDATION_FAILED']);
        expect(error.message.startsWith(where)).toBe(true);
      }
      const notJson = await json('POST', '/v1/bases', '{"name":');
      expect(notJson.status).toBe(400);
      expect(await errorBody(notJson)).toMatchObject({ code: 'BAD_REQUEST' });
    });

    it('answers 415 for a body type the route does not take, and 404 NOT_FOUND off the routes', async () => {
      const plain = await t.fetch('/v1/bases/kb/import', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '(Concept "a")' });
      expect(plain.status).toBe(415);
      expect(await errorBody(plain)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      const nowhere = await t.fetch('/v1/nowhere');
      expect(nowhere.status).toBe(404);
      expect(await errorBody(nowhere)).toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('the WebSocket stream', () => {
    it('refuses a connection without a known token (401)', async () => {
      const status = await new Promise<number>((resolve) => {
        const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/stream`);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => undefined);
      });
      expect(status).toBe(401);
    });

    it('answers pings, refuses space subscriptions and unknown jobs with an error message', async () => {
      const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/stream?token=${TOKENS.read}`);
      const messages: Record<string, unknown>[] = [];
      ws.on('message', (data) => messages.push(JSON.parse(String(data)) as Record<string, unknown>));
      await new Promise((resolve) => ws.once('open', resolve));
      ws.send(JSON.stringify({ type: 'ping', id: 'p1' }));
      ws.send(JSON.stringify({ type: 'subscribe-space', id: 's1', space: 'kb' }));
      ws.send(JSON.stringify({ type: 'subscribe-job', id: 'j1', jobId: 'no-such-job' }));
      ws.send('not json');
      await waitFor(() => messages.length >= 4);
      expect(messages).toEqual(
        expect.arrayContaining([
          { type: 'pong', id: 'p1' },
          expect.objectContaining({ type: 'error', id: 's1', error: expect.objectContaining({ code: 'BAD_REQUEST' }) }),
          expect.objectContaining({ type: 'error', id: 'j1', error: expect.objectContaining({ code: 'JOB_NOT_FOUND' }) }),
          expect.objectContaining({ type: 'error', error: expect.objectContaining({ code: 'BAD_REQUEST' }) }),
        ]),
      );
      ws.close();
    });

    it('reports an import\'s progress (bytes and atoms) and its cancellation; a cancelled import changes nothing', async () => {
      const before = await (await t.read.exportAtoms('kb', { format: 'jsonl' })).text();
      const lines = [...inheritanceLines(1_500, 25, 'slow')];
      const total = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
      const slow = upload(`${t.url}/v1/bases/kb/import`, TOKENS.write, CONTENT_TYPES.atomese, lines, { pauseMs: 30, contentLength: total });
      const jobId = await slow.jobId;
      const stream = t.stream();
      const events: JobEventMessage[] = [];
      const subscription = stream.subscribeJob(jobId, (m) => events.push(m));
      await subscription.ready;
      await waitFor(() => events.filter((e) => e.type === 'job-progress').length >= 3, 20_000);
      const progress = events.filter((e): e is Extract<JobEventMessage, { type: 'job-progress' }> => e.type === 'job-progress').map((e) => e.progress);
      expect(progress.every((p) => p.total === total)).toBe(true);
      expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
      expect(progress[progress.length - 1]!.message).toMatch(/^reading: \d+ atoms read, \d+ staged$/);

      const cancelled = await t.write.cancelJob(jobId);
      expect(cancelled.status).toBe('cancelled');
      await waitFor(() => events.some((e) => e.type === 'job-cancelled'));
      const ended = await slow.done;
      expect(ended.bytes).toBeLessThan(total);
      await waitFor(async () => (await t.service.stores.bulk.listBases()).every((b) => !isInternalBase(b.name)));
      expect(await (await t.read.exportAtoms('kb', { format: 'jsonl' })).text()).toBe(before);
      expect((await t.read.getJob(jobId)).status).toBe('cancelled');
    }, 60_000);

    it('cancels an import that is still waiting for a free slot and stops its upload', async () => {
      const busy = await startTestService({ env: { JOBS_MAX_CONCURRENT: '1' } });
      try {
        await busy.write.createBase({ name: 'q' });
        const first = upload(`${busy.url}/v1/bases/q/import`, TOKENS.write, CONTENT_TYPES.atomese, inheritanceLines(2_000, 20, 'a'), { pauseMs: 20 });
        // 60 MB: more than every buffer between the client and the job can hold.
        const count = 750_000;
        const second = upload(`${busy.url}/v1/bases/q/import`, TOKENS.write, CONTENT_TYPES.atomese, inheritanceLines(count, 2_000, 'b'));
        const [a, b] = [await first.jobId, await second.jobId];
        expect((await busy.read.getJob(b)).status).toBe('queued');
        await busy.write.cancelJob(b);
        // Nobody reads a queued import's body: the upload stalls, and the cancel cuts it.
        const cut = await second.done;
        expect(cut.error).toBeDefined();
        expect(cut.bytes).toBeLessThan(count * 70); // every line is longer than 70 bytes
        await busy.write.cancelJob(a);
        await first.done;
        expect((await busy.read.getBase('q')).atomCount).toBe(0);
      } finally {
        await busy.close();
      }
    }, 60_000);
  });

  describe('health, readiness, metrics and the OpenAPI document', () => {
    it('serves /healthz and /readyz without a token, with the storage check', async () => {
      const health = await (await t.fetch('/healthz', { token: null })).json();
      expect(health).toMatchObject({ status: 'ok', service: 'knowledge' });
      const ready = await t.fetch('/readyz', { token: null });
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', checks: [{ name: 'storage:pglite', status: 'up' }] });
    });

    it('exposes storage latency, atoms per base, import throughput, cache hit ratio and job metrics', async () => {
      const { jobId } = await t.write.importAtoms('kb', { atomese: '(Concept "metered")' });
      await t.write.waitForResult(jobId, 'import', { intervalMs: 50 });
      await t.read.searchAtoms('kb', { name: 'cat' });
      await t.read.searchAtoms('kb', { name: 'cat' });
      const text = await (await t.fetch('/metrics', { token: null })).text();
      expect(text).toMatch(/storage_operation_duration_seconds_bucket\{[^}]*backend="pglite"[^}]*operation="upsertAtoms"/);
      expect(text).toMatch(/knowledge_base_atoms\{[^}]*base="kb"[^}]*\} 4/);
      expect(text).toMatch(/knowledge_import_atoms_total\{[^}]*format="atomese"[^}]*\} \d+/);
      expect(text).toMatch(/knowledge_import_duration_seconds_count\{[^}]*outcome="succeeded"/);
      expect(text).toMatch(/knowledge_import_atoms_per_second\{[^}]*\} \d/);
      expect(text).toMatch(/cache_hit_ratio\{[^}]*cache="atoms"[^}]*\} 0\.\d+/);
      expect(text).toMatch(/jobs_finished_total\{[^}]*kind="import"[^}]*status="succeeded"/);
      expect(text).toMatch(/http_requests_total\{[^}]*route="\/v1\/bases\/:base\/atoms"/);
    });

    it('serves its OpenAPI document', async () => {
      const doc = (await (await t.fetch('/v1/openapi.json', { token: null })).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/bases', '/v1/bases/{base}/import', '/v1/admin/restore']));
    });

    it('logs JSON lines with the request id', async () => {
      await t.fetch('/v1/bases', { headers: { 'x-request-id': 'trace-me-123' } });
      const line = t.logs.lines.find((l) => l.requestId === 'trace-me-123');
      expect(line).toMatchObject({ service: 'knowledge', level: 'info', res: { statusCode: 200 } });
    });
  });

  it('answers errors of the typed client with the service\'s codes', async () => {
    expect(await errorOf(t.read.getBase('nope'))).toMatchObject({ code: 'BASE_NOT_FOUND', status: 404 });
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
