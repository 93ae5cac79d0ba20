import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CognitiveClient, KnowledgeClient, ServiceError } from '../src';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Reply = (req: Seen, res: ServerResponse) => void;

/** A scripted HTTP server on 127.0.0.1:0: each request gets the next reply and is recorded. */
async function scripted(...replies: Reply[]): Promise<{ server: Server; baseUrl: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      const s = { method: req.method!, url: req.url!, headers: req.headers, body };
      seen.push(s);
      const reply = replies.shift();
      if (reply) reply(s, res);
      else res.writeHead(500).end('no reply scripted');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const json = (status: number, body: unknown): Reply => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

async function rejection(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    return error as ServiceError;
  }
  throw new Error('expected a ServiceError');
}

const space = { name: 'scratch', atomCount: 0, createdAt: '2025-06-01T12:00:00.000Z' };

// Integration: the clients against a scripted node:http server on 127.0.0.1:0.
describe('the HTTP clients', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('builds the URL from the path, encoded params and query, and sends the token and JSON', async () => {
    const s = await scripted(json(200, { items: [], total: 0 }), json(201, { space }));
    server = s.server;
    const client = new CognitiveClient({ baseUrl: `${s.baseUrl}/`, token: 'tok-123' });
    await client.listAtoms('my.space', { type: 'ConceptNode', subtypes: false, limit: 5 });
    await client.createSpace({ name: 'scratch' });
    expect(s.seen[0]).toMatchObject({ method: 'GET', url: '/v1/spaces/my.space/atoms?type=ConceptNode&subtypes=false&limit=5', body: '' });
    expect(s.seen[0]!.headers).toMatchObject({ authorization: 'Bearer tok-123', accept: 'application/json' });
    expect(s.seen[1]).toMatchObject({ method: 'POST', url: '/v1/spaces', body: '{"name":"scratch"}' });
    expect(s.seen[1]!.headers['content-type']).toBe('application/json');
  });

  it('keeps a path prefix of the base URL and encodes parameters', async () => {
    const s = await scripted(json(200, { ...space, typeCounts: [] }));
    server = s.server;
    await new CognitiveClient({ baseUrl: `${s.baseUrl}/cognitive` }).getSpace('a b/c');
    expect(s.seen[0]!.url).toBe('/cognitive/v1/spaces/a%20b%2Fc');
    expect(s.seen[0]!.headers.authorization).toBeUndefined();
  });

  it('returns the response as the schema parses it', async () => {
    const s = await scripted(json(201, { space, jobId: 'j1', extra: 'ignored by older clients' }), (_req, res) => res.writeHead(204).end());
    server = s.server;
    const client = new CognitiveClient({ baseUrl: s.baseUrl });
    expect(await client.createSpace()).toEqual({ space, jobId: 'j1' });
    expect(await client.dropSpace('scratch')).toBeUndefined();
  });

  it('throws a ServiceError with the code, status, message and details of an error body', async () => {
    const body = { error: { code: 'VALIDATION_FAILED', message: 'body.name: bad', details: { issues: [{ location: 'body', path: ['name'], code: 'x', message: 'bad' }] } } };
    const s = await scripted(json(400, body), json(429, { error: { code: 'RATE_LIMITED', message: 'slow down' } }));
    server = s.server;
    const client = new CognitiveClient({ baseUrl: s.baseUrl });
    const invalid = await rejection(client.createSpace({ name: 'x' }));
    expect([invalid.code, invalid.status, invalid.message, invalid.details]).toEqual(['VALIDATION_FAILED', 400, 'body.name: bad', body.error.details]);
    const limited = await rejection(client.listSpaces());
    expect([limited.code, limited.status]).toEqual(['RATE_LIMITED', 429]);
  });

  it('gives a code from the status when the error body is not the protocol\'s (a proxy page)', async () => {
    const s = await scripted((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>'));
    server = s.server;
    const error = await rejection(new CognitiveClient({ baseUrl: s.baseUrl }).listSpaces());
    expect([error.code, error.status, error.message]).toEqual(['UNAVAILABLE', 502, '<html>Bad Gateway</html>']);
  });

  it('refuses a success body that breaks the schema, or is not JSON', async () => {
    const s = await scripted(json(200, { spaces: [{ name: 'bad name', atomCount: -1 }] }), (_req, res) => res.writeHead(200).end('hello'));
    server = s.server;
    const client = new CognitiveClient({ baseUrl: s.baseUrl });
    const broken = await rejection(client.listSpaces());
    expect(broken.code).toBe('INTERNAL');
    expect(broken.message).toMatch(/^unexpected GET \/v1\/spaces from the service: /);
    expect(broken.details!.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: ['spaces', '0', 'atomCount'] })]));
    expect((await rejection(client.listSpaces())).message).toBe('the service answered 200 with a body that is not JSON');
  });

  it('network failures are UNAVAILABLE with status 0; a slow service is TIMEOUT; a caller\'s abort rejects as fetch does', async () => {
    const down = await rejection(new CognitiveClient({ baseUrl: 'http://127.0.0.1:1' }).listSpaces());
    expect([down.code, down.status]).toEqual(['UNAVAILABLE', 0]);
    expect(down.message).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:1\/v1\/spaces: /);

    const s = await scripted((_req, res) => setTimeout(() => json(200, { spaces: [] })(_req, res), 300));
    server = s.server;
    const slow = await rejection(new CognitiveClient({ baseUrl: s.baseUrl, timeoutMs: 50 }).listSpaces());
    expect([slow.code, slow.status]).toEqual(['TIMEOUT', 0]);

    const controller = new AbortController();
    const pending = new CognitiveClient({ baseUrl: s.baseUrl }).listSpaces({ signal: controller.signal });
    controller.abort(new Error('user cancelled'));
    await expect(pending).rejects.toThrow('user cancelled');
  });

  it('uses an injected fetch', async () => {
    const calls: string[] = [];
    const fetch = async (url: string) => {
      calls.push(url);
      return new Response(JSON.stringify({ bases: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    expect(await new KnowledgeClient({ baseUrl: 'http://kb.example', fetch }).listBases()).toEqual({ bases: [] });
    expect(calls).toEqual(['http://kb.example/v1/bases']);
  });

  it('polls a job until it ends and returns its typed result', async () => {
    const job = { id: 'j1', kind: 'import', createdAt: space.createdAt };
    const s = await scripted(
      json(200, { ...job, status: 'queued' }),
      json(200, { ...job, status: 'running', progress: { done: 1, total: 2 } }),
      json(200, { ...job, status: 'succeeded', result: { count: 2, atomCount: 2 } }),
      json(200, { ...job, status: 'failed', error: { code: 'PARSE_ERROR', message: 'a.scm:1:1: bad', details: { line: 1, column: 1 } } }),
      json(200, { ...job, status: 'cancelled' }),
    );
    server = s.server;
    const client = new KnowledgeClient({ baseUrl: s.baseUrl });
    expect(await client.waitForResult('j1', 'import', { intervalMs: 5 })).toEqual({ count: 2, atomCount: 2 });
    expect(s.seen.map((r) => r.url)).toEqual(['/v1/jobs/j1', '/v1/jobs/j1', '/v1/jobs/j1']);
    const failed = await rejection(client.waitForResult('j1', 'import'));
    expect([failed.code, failed.status, failed.details]).toEqual(['PARSE_ERROR', 400, { line: 1, column: 1 }]);
    expect((await rejection(client.waitForResult('j1', 'import'))).code).toBe('QUERY_ABORTED');
  });

  it('streams a raw request body and a raw response body', async () => {
    const s = await scripted(json(202, { jobId: 'j2' }), (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write('{"type":"ConceptNode","name":"a"}\n{"type":"Concept');
      setTimeout(() => res.end('Node","name":"b"}\n'), 20);
    });
    server = s.server;
    const client = new KnowledgeClient({ baseUrl: s.baseUrl });
    const chunks = ['(Concept "a")\n', '(Concept "b")\n'];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(new TextEncoder().encode(next));
        else controller.close();
      },
    });
    expect(await client.importAtoms('kb', { contentType: 'text/x-scheme', body }, { file: 'ab.scm', atomic: false })).toEqual({ jobId: 'j2' });
    expect(s.seen[0]).toMatchObject({ method: 'POST', url: '/v1/bases/kb/import?file=ab.scm&atomic=false', body: '(Concept "a")\n(Concept "b")\n' });
    expect(s.seen[0]!.headers['content-type']).toBe('text/x-scheme');
    const exported = await client.exportAtoms('kb', { format: 'jsonl' });
    expect(s.seen[1]!.url).toBe('/v1/bases/kb/export?format=jsonl');
    const lines: unknown[] = [];
    for await (const line of exported.lines()) lines.push(JSON.parse(line));
    expect(lines).toEqual([{ type: 'ConceptNode', name: 'a' }, { type: 'ConceptNode', name: 'b' }]);
  });

  it('reads readiness also when the service answers 503', async () => {
    const report = { status: 'unavailable', service: 'knowledge', checks: [{ name: 'postgres', status: 'down', latencyMs: 2000, error: 'timeout' }] };
    const s = await scripted(json(503, report), json(200, { status: 'ok', service: 'knowledge', version: '0.1.0', uptimeSeconds: 3 }));
    server = s.server;
    const client = new KnowledgeClient({ baseUrl: s.baseUrl });
    expect(await client.readiness()).toEqual(report);
    expect((await client.health()).status).toBe('ok');
  });
});
