import { call, startDemo, TOKENS, type Running } from './support/harness';

// Integration: the demo service on 127.0.0.1:0 with its pino output captured.
describe('request ids and logs', () => {
  let running: Running;
  beforeEach(async () => {
    running = await startDemo();
  });
  afterEach(() => running.close());

  it('makes a request id, echoes it in x-request-id and puts it on every log line of the request', async () => {
    const r = await call(running, 'GET', '/v1/things/apple', { token: TOKENS.read });
    const id = r.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const lines = running.logs.find((l) => l.requestId === id);
    expect(lines.map((l) => l.msg)).toEqual(['looking up a thing', expect.stringMatching(/^GET \/v1\/things\/apple 200 \d+ms$/)]);
    for (const line of lines) expect(line).toMatchObject({ service: 'demo', version: '1.2.3', level: expect.any(String) });
  });

  it('keeps a sane incoming x-request-id and replaces an insane one', async () => {
    const kept = await call(running, 'GET', '/v1/things/apple', { token: TOKENS.read, headers: { 'x-request-id': 'trace-42.a' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-42.a');
    expect(running.logs.find((l) => l.requestId === 'trace-42.a')).toHaveLength(2);
    const replaced = await call(running, 'GET', '/v1/things/apple', { token: TOKENS.read, headers: { 'x-request-id': 'a b<script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one JSON object a line, with no tokens or headers in it', async () => {
    await call(running, 'GET', '/v1/things/apple?token=sneaky-token-value', { token: TOKENS.read });
    const all = running.logs.raw.join('\n');
    expect(all).not.toContain(TOKENS.read);
    expect(all).not.toContain('sneaky-token-value');
    expect(all).not.toContain('authorization');
    const completion = running.logs.find((l) => typeof l.msg === 'string' && (l.msg as string).startsWith('GET /v1/things/apple'))[0]!;
    expect(completion.req).toEqual({ method: 'GET', url: '/v1/things/apple?token=[redacted]', remoteAddress: expect.any(String) });
    expect(completion.res).toEqual({ statusCode: 200 });
  });

  it('does not log probes of /healthz, /readyz and /metrics', async () => {
    const before = running.logs.lines.length;
    await call(running, 'GET', '/healthz', { token: null });
    await call(running, 'GET', '/readyz', { token: null });
    await call(running, 'GET', '/metrics', { token: null });
    expect(running.logs.lines.length).toBe(before);
  });

  it('logs 4xx at warn and 5xx at error', async () => {
    const missing = await call(running, 'GET', '/v1/things/pear', { token: TOKENS.read });
    const broken = await call(running, 'POST', '/v1/fail', { body: { kind: 'plain' } });
    const levelsOf = (id: string | null) => running.logs.find((l) => l.requestId === id).map((l) => l.level);
    expect(levelsOf(missing.headers.get('x-request-id'))).toEqual(['info', 'warn']);
    expect(levelsOf(broken.headers.get('x-request-id'))).toEqual(['error', 'error']);
  });
});
