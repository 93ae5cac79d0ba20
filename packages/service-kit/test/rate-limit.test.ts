import { MemoryRateLimitStore, type RateLimitStore } from '../src';
import { call, startDemo, TOKENS, type Running } from './support/harness';

describe('rate limits', () => {
  // Integration: the demo service on 127.0.0.1:0 with RATE_LIMIT_PER_MINUTE=3.
  describe('over HTTP', () => {
    let running: Running | undefined;
    afterEach(async () => {
      await running?.close();
      running = undefined;
    });

    it('429 RATE_LIMITED with Retry-After past the limit, per token', async () => {
      running = await startDemo({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const r = await call(running, 'GET', '/v1/things/apple', { token: TOKENS.read });
        statuses.push(r.status);
        expect(r.headers.get('ratelimit-remaining')).toBe(String(2 - i));
      }
      const limited = await call(running, 'GET', '/v1/things/apple', { token: TOKENS.read });
      expect([...statuses, limited.status]).toEqual([200, 200, 200, 429]);
      expect(limited.json.error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(limited.json.error.details).toEqual({ limit: 3, retryAfterSeconds: Number(limited.headers.get('retry-after')) });
      // Another token has its own count; open routes are not counted.
      expect((await call(running, 'GET', '/v1/things/apple', { token: TOKENS.write })).status).toBe(200);
      expect((await call(running, 'GET', '/healthz', { token: TOKENS.read })).status).toBe(200);
    });

    it('counts by client IP when authentication is off', async () => {
      running = await startDemo({ env: { RATE_LIMIT_PER_MINUTE: '1', AUTH_MODE: 'off' } });
      expect((await call(running, 'GET', '/v1/things/apple', { token: null })).status).toBe(200);
      expect((await call(running, 'GET', '/v1/things/apple', { token: TOKENS.write })).status).toBe(429);
    });

    it('lets requests through when the store fails, with a warning', async () => {
      const broken: RateLimitStore = { increment: () => Promise.reject(new Error('redis down')) };
      running = await startDemo({ env: { RATE_LIMIT_PER_MINUTE: '1' }, rateLimitStore: broken });
      expect((await call(running, 'GET', '/v1/things/apple', { token: TOKENS.read })).status).toBe(200);
      expect((await call(running, 'GET', '/v1/things/apple', { token: TOKENS.read })).status).toBe(200);
      expect(running.logs.find((l) => l.msg === 'rate limit store failed; request let through')).toHaveLength(2);
    });
  });

  describe('MemoryRateLimitStore', () => {
    it('counts in fixed windows per key and starts over when a window ends', async () => {
      let now = 1_000;
      const store = new MemoryRateLimitStore(() => now);
      expect(await store.increment('a', 60_000)).toEqual({ count: 1, resetAt: 61_000 });
      expect(await store.increment('a', 60_000)).toEqual({ count: 2, resetAt: 61_000 });
      expect(await store.increment('b', 60_000)).toEqual({ count: 1, resetAt: 61_000 });
      now = 61_000;
      expect(await store.increment('a', 60_000)).toEqual({ count: 1, resetAt: 121_000 });
    });
  });
});
