import { sleep } from './support/demo-service';
import { call, startDemo, type Running } from './support/harness';

// Integration: each test starts the demo service (test/support/demo-service.ts) on 127.0.0.1:0.
describe('health, readiness and metrics', () => {
  let running: Running | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('/healthz answers 200 without a token', async () => {
    running = await startDemo();
    const r = await call(running, 'GET', '/healthz', { token: null });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'ok', service: 'demo', version: '1.2.3' });
    expect(r.json.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('/readyz lists every check with its state and latency, 200 when all are up', async () => {
    running = await startDemo({
      readinessChecks: [
        { name: 'storage', check: async () => undefined },
        { name: 'redis', check: () => sleep(20) },
      ],
    });
    const r = await call(running, 'GET', '/readyz', { token: null });
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('ready');
    expect(r.json.checks).toEqual([
      { name: 'storage', status: 'up', latencyMs: expect.any(Number) },
      { name: 'redis', status: 'up', latencyMs: expect.any(Number) },
    ]);
    expect(r.json.checks[1].latencyMs).toBeGreaterThanOrEqual(15);
  });

  it('/readyz answers 503 when a check fails or outlasts its time limit', async () => {
    let aborted = false;
    running = await startDemo({
      readinessChecks: [
        { name: 'storage', check: async () => undefined },
        { name: 'postgres', check: async () => Promise.reject(new Error('connect ECONNREFUSED')) },
        {
          name: 'neo4j',
          timeoutMs: 50,
          check: async (signal) => {
            signal.addEventListener('abort', () => (aborted = true));
            await sleep(5_000, signal).catch(() => undefined);
          },
        },
      ],
    });
    const r = await call(running, 'GET', '/readyz', { token: null });
    expect(r.status).toBe(503);
    expect(r.json.status).toBe('unavailable');
    const byName = Object.fromEntries(r.json.checks.map((c: { name: string }) => [c.name, c]));
    expect(byName.storage.status).toBe('up');
    expect(byName.postgres).toMatchObject({ status: 'down', error: 'connect ECONNREFUSED' });
    expect(byName.neo4j).toMatchObject({ status: 'down', error: 'no answer within 50 ms' });
    expect(aborted).toBe(true);
  });

  it('/metrics has the default metrics and the HTTP metrics labelled by route pattern', async () => {
    running = await startDemo();
    await call(running, 'GET', '/v1/things/apple', { token: 'read-token-0123456789' });
    await call(running, 'GET', '/v1/things/pear', { token: 'read-token-0123456789' });
    await call(running, 'GET', '/v1/no/such/route');
    const r = await call(running, 'GET', '/metrics', { token: null });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(r.text).toContain('process_cpu_user_seconds_total');
    expect(r.text).toContain('nodejs_heap_size_total_bytes');
    expect(r.text).toMatch(/http_requests_total\{method="GET",route="\/v1\/things\/:name",status="200",service="demo"\} 1/);
    expect(r.text).toMatch(/http_requests_total\{method="GET",route="\/v1\/things\/:name",status="404",service="demo"\} 1/);
    expect(r.text).toMatch(/http_requests_total\{method="GET",route="unmatched",status="404",service="demo"\} 1/);
    expect(r.text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",service="demo",method="GET",route="\/v1\/things\/:name",status="200"\}/);
    expect(r.text).toMatch(/http_request_errors_total\{method="GET",route="\/v1\/things\/:name",status="404",code="NOT_FOUND",service="demo"\} 1/);
    // Raw URLs never become labels.
    expect(r.text).not.toContain('route="/v1/things/apple"');
    expect(r.text).not.toContain('/v1/no/such/route');
  });

  it('a service adds its own metrics through the small API', async () => {
    running = await startDemo();
    const m = running.service.metrics;
    m.spaceAtoms.set({ space: 'scratch' }, 42);
    m.queryDuration.observe({ kind: 'get' }, 0.02);
    m.inferenceDuration.observe({ kind: 'forward-chain' }, 3);
    m.storageLatency.observe({ backend: 'pglite', operation: 'write' }, 0.004);
    m.recordCacheLookup('atoms', true);
    m.recordCacheLookup('atoms', true);
    m.recordCacheLookup('atoms', true);
    m.recordCacheLookup('atoms', false);
    m.counter({ name: 'demo_things_total', help: 'things made' }).inc(2);
    const r = await call(running, 'GET', '/metrics', { token: null });
    expect(r.text).toContain('atomspace_atoms{space="scratch",service="demo"} 42');
    expect(r.text).toContain('query_duration_seconds_count{service="demo",kind="get"} 1');
    expect(r.text).toContain('inference_duration_seconds_count{service="demo",kind="forward-chain"} 1');
    expect(r.text).toContain('storage_operation_duration_seconds_count{service="demo",backend="pglite",operation="write"} 1');
    expect(r.text).toContain('cache_requests_total{cache="atoms",result="hit",service="demo"} 3');
    expect(r.text).toContain('cache_hit_ratio{cache="atoms",service="demo"} 0.75');
    expect(r.text).toContain('demo_things_total{service="demo"} 2');
  });

  it('serves the OpenAPI document it was given, without a token', async () => {
    running = await startDemo();
    const r = await call(running, 'GET', '/v1/openapi.json', { token: null });
    expect(r.status).toBe(200);
    expect(r.json.openapi).toBe('3.1.0');
  });
});
