import { ERROR_STATUS } from '@ai-opencog/protocol';
import { call, startDemo, TOKENS, type Running } from './support/harness';

// Integration: every error path of the demo service on 127.0.0.1:0, over real HTTP.
describe('error answers', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startDemo({ env: { BODY_LIMIT: '1kb', REQUEST_TIMEOUT_MS: '300' } });
  });
  afterAll(() => running.close());

  const expectErrorBody = (r: { json: any; headers: Headers }, code: string) => {
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(r.json)).toEqual(['error']);
    expect(r.json.error.code).toBe(code);
    expect(typeof r.json.error.message).toBe('string');
  };

  it('400 VALIDATION_FAILED names each bad field with the zod issues', async () => {
    const r = await call(running, 'POST', '/v1/things', { body: { name: '', size: 500, colour: 'red' } });
    expect(r.status).toBe(400);
    expectErrorBody(r, 'VALIDATION_FAILED');
    expect(r.json.error.message).toMatch(/^body\.\w+: .+ \(and 2 more\)$/);
    expect(r.json.error.details.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ location: 'body', path: ['name'], code: 'too_small' }),
        expect.objectContaining({ location: 'body', path: ['size'], code: 'too_big', message: expect.stringContaining('100') }),
        expect.objectContaining({ location: 'body', path: [], code: 'unrecognized_keys', message: expect.stringContaining('colour') }),
      ]),
    );
  });

  it('400 VALIDATION_FAILED for bad path parameters and query strings too', async () => {
    const params = await call(running, 'GET', `/v1/things/${'x'.repeat(30)}`);
    expect(params.status).toBe(400);
    expect(params.json.error.details.issues[0]).toMatchObject({ location: 'params', path: ['name'] });
    const query = await call(running, 'GET', '/v1/export?count=many');
    expect(query.status).toBe(400);
    expect(query.json.error.details.issues[0]).toMatchObject({ location: 'query', path: ['count'] });
  });

  it('400 when a required body is missing, BAD_REQUEST when it is not JSON, and JSON nested too deep', async () => {
    const missing = await call(running, 'POST', '/v1/things');
    expect(missing.status).toBe(400);
    expectErrorBody(missing, 'VALIDATION_FAILED');
    const garbled = await call(running, 'POST', '/v1/things', { body: '{"name": ' });
    expect(garbled.status).toBe(400);
    expectErrorBody(garbled, 'BAD_REQUEST');
    const deep = await call(running, 'POST', '/v1/things', { body: '['.repeat(300) + ']'.repeat(300) });
    expect(deep.status).toBe(400);
    expect(deep.json.error.details.issues[0].code).toBe('too_deep');
  });

  it('401 without a token', async () => {
    const r = await call(running, 'GET', '/v1/things/apple', { token: null });
    expect(r.status).toBe(401);
    expectErrorBody(r, 'UNAUTHORIZED');
  });

  it('403 for a role too low', async () => {
    const r = await call(running, 'POST', '/v1/things', { token: TOKENS.read, body: { name: 'pear', size: 1 } });
    expect(r.status).toBe(403);
    expectErrorBody(r, 'FORBIDDEN');
  });

  it('404 NOT_FOUND for unknown routes and unknown methods of known paths', async () => {
    for (const [method, path] of [
      ['GET', '/nowhere'],
      ['GET', '/v1/things'],
      ['PUT', '/v1/things/apple'],
    ] as const) {
      const r = await call(running, method, path);
      expect(r.status).toBe(404);
      expectErrorBody(r, 'NOT_FOUND');
      expect(r.json.error.message).toBe(`no route for ${method} ${path}`);
    }
  });

  it('413 PAYLOAD_TOO_LARGE over BODY_LIMIT', async () => {
    const r = await call(running, 'POST', '/v1/things', { body: { name: 'x'.repeat(2000), size: 1 } });
    expect(r.status).toBe(413);
    expectErrorBody(r, 'PAYLOAD_TOO_LARGE');
    expect(r.json.error.details).toEqual({ limit: 1024 });
  });

  it('415 for a body of a type the route does not take', async () => {
    const r = await call(running, 'POST', '/v1/things', { body: 'name=pear', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(415);
    expectErrorBody(r, 'UNSUPPORTED_MEDIA_TYPE');
    expect(r.json.error.details.accepted).toEqual(['application/json']);
  });

  it('500 INTERNAL without a stack or the message in the body, logged with the stack', async () => {
    const r = await call(running, 'POST', '/v1/fail', { body: { kind: 'plain' } });
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    expect(r.text).not.toContain('secret detail');
    expect(r.text).not.toMatch(/at .*\.ts:\d+/);
    const logged = running.logs.find((l) => l.requestId === r.headers.get('x-request-id') && l.msg === 'request failed')[0]!;
    expect((logged.err as { stack: string }).stack).toMatch(/secret detail of a bug\n\s+at /);
  });

  it('500 when a handler answers something its response schema does not allow', async () => {
    const r = await call(running, 'POST', '/v1/fail', { body: { kind: 'bad-response' } });
    expect(r.status).toBe(500);
    expect(r.json.error.code).toBe('INTERNAL');
  });

  it('maps kernel errors by code: PARSE_ERROR keeps file, line and column', async () => {
    const parse = await call(running, 'POST', '/v1/fail', { body: { kind: 'parse' } });
    expect(parse.status).toBe(400);
    expect(parse.json.error).toEqual({
      code: 'PARSE_ERROR',
      message: 'kb.scm:3:14: unknown type FooLink',
      details: { file: 'kb.scm', line: 3, column: 14, reason: 'unknown type FooLink' },
    });
    const incoming = await call(running, 'POST', '/v1/fail', { body: { kind: 'has-incoming' } });
    expect(incoming.status).toBe(ERROR_STATUS.HAS_INCOMING);
    expect(incoming.json.error.code).toBe('HAS_INCOMING');
  });

  it('a ServiceError thrown by a handler keeps its code, status and details', async () => {
    const r = await call(running, 'POST', '/v1/fail', { body: { kind: 'service' } });
    expect(r.status).toBe(409);
    expect(r.json.error).toEqual({ code: 'CONFLICT', message: 'already there', details: { name: 'x' } });
  });

  it('504 TIMEOUT when a request outlasts REQUEST_TIMEOUT_MS, and its signal aborts', async () => {
    const r = await call(running, 'POST', '/v1/slow', { body: { ms: 2_000 } });
    expect(r.status).toBe(504);
    expectErrorBody(r, 'TIMEOUT');
  });
});
