import { call, startDemo, TOKENS, type Running } from './support/harness';

// Integration: bearer tokens and roles against the demo service on 127.0.0.1:0.
describe('authentication and roles', () => {
  describe('with AUTH_MODE=tokens (the default)', () => {
    let running: Running;
    beforeAll(async () => {
      running = await startDemo();
    });
    afterAll(() => running.close());

    it('401 UNAUTHORIZED for a missing, unknown or malformed token, with WWW-Authenticate', async () => {
      const cases: Record<string, string>[] = [{}, { authorization: 'Bearer not-a-known-token-1234' }, { authorization: `Basic ${TOKENS.admin}` }];
      for (const headers of cases) {
        const r = await call(running, 'GET', '/v1/things/apple', { token: null, headers });
        expect(r.status).toBe(401);
        expect(r.json.error.code).toBe('UNAUTHORIZED');
        expect(r.headers.get('www-authenticate')).toBe('Bearer realm="ai-opencog"');
      }
    });

    it('does not take a token from the query string on HTTP routes', async () => {
      const r = await call(running, 'GET', `/v1/things/apple?token=${TOKENS.admin}`, { token: null });
      expect(r.status).toBe(401);
    });

    it('orders roles read < write < admin', async () => {
      const expectations: [string, string, string, unknown, number][] = [
        [TOKENS.read, 'GET', '/v1/things/apple', undefined, 200],
        [TOKENS.read, 'POST', '/v1/things', { name: 'r', size: 1 }, 403],
        [TOKENS.write, 'POST', '/v1/things', { name: 'w', size: 1 }, 201],
        [TOKENS.write, 'GET', '/v1/things/w', undefined, 200],
        [TOKENS.write, 'DELETE', '/v1/things/w', undefined, 403],
        [TOKENS.admin, 'DELETE', '/v1/things/w', undefined, 204],
        [TOKENS.admin, 'POST', '/v1/things', { name: 'a', size: 1 }, 201],
      ];
      for (const [token, method, path, body, status] of expectations) {
        const r = await call(running, method, path, { token, body });
        expect({ token, method, path, status: r.status }).toEqual({ token, method, path, status });
      }
    });

    it('403 FORBIDDEN says which role is needed', async () => {
      const r = await call(running, 'DELETE', '/v1/things/apple', { token: TOKENS.write });
      expect(r.json.error).toEqual({ code: 'FORBIDDEN', message: 'this needs the admin role; the token of writer has write' });
    });

    it('leaves /healthz, /readyz and /metrics open', async () => {
      for (const path of ['/healthz', '/readyz', '/metrics']) {
        expect((await call(running, 'GET', path, { token: null })).status).toBe(200);
      }
    });
  });

  describe('with AUTH_MODE=off', () => {
    let running: Running;
    beforeAll(async () => {
      running = await startDemo({ env: { AUTH_MODE: 'off', API_TOKENS: '' } });
    });
    afterAll(() => running.close());

    it('lets every caller in as admin', async () => {
      const r = await call(running, 'DELETE', '/v1/things/apple', { token: null });
      expect(r.status).toBe(204);
    });

    it('warns at start', () => {
      expect(running.logs.find((l) => l.level === 'warn' && String(l.msg).startsWith('authentication is off'))).toHaveLength(1);
    });
  });
});
