import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { installShutdown } from '../src';
import { sleep } from './support/demo-service';
import { call, startDemo, TOKENS, type Running } from './support/harness';

// Integration: the demo service on 127.0.0.1:0, shut down in-process with an injected exit.
describe('graceful shutdown (in process)', () => {
  let running: Running;
  beforeEach(async () => {
    running = await startDemo({ stream: {} });
  });
  afterEach(() => running.close().catch(() => undefined));

  function install(timeoutMs: number, hooks: { name: string; run(): Promise<void> | void }[] = []) {
    const exits: number[] = [];
    const shutdown = installShutdown(running.server, {
      timeoutMs,
      logger: running.service.logger,
      jobs: running.jobs,
      streams: [running.stream!],
      hooks,
      exit: (code) => exits.push(code),
      signals: [],
    });
    return { shutdown, exits };
  }

  it('finishes the request in flight and the running job, closes streams, runs hooks, then exits 0', async () => {
    const order: string[] = [];
    const { shutdown, exits } = install(5_000, [{ name: 'flush', run: async () => void order.push('flush') }]);
    const ws = new WebSocket(`${running.baseUrl.replace('http', 'ws')}/v1/stream?token=${TOKENS.read}`);
    await new Promise((resolve) => ws.once('open', resolve));
    const wsClosed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const job = await call(running, 'POST', '/v1/work', { token: TOKENS.write, body: { steps: 3, stepMs: 60 } });
    const slow = call(running, 'POST', '/v1/slow', { body: { ms: 250 } }).then((r) => (order.push('request answered'), r));
    await sleep(50);

    const code = await shutdown.shutdown('test');
    expect(code).toBe(0);
    expect(exits).toEqual([0]);
    expect((await slow).status).toBe(200);
    expect((await slow).json).toEqual({ waited: 250 });
    expect(running.jobs.get(job.json.jobId)).toMatchObject({ status: 'succeeded', result: { steps: 3 } });
    expect(await wsClosed).toBe(1001);
    expect(order).toEqual(['request answered', 'flush']);
    // No new connections once shutting down.
    const port = (running.server.address() as AddressInfo | null)?.port;
    expect(port).toBeUndefined();
    expect(running.logs.find((l) => l.msg === 'shut down')[0]).toMatchObject({ code: 0 });
  });

  it('cancels jobs that outlast the time limit and exits 1', async () => {
    const { shutdown, exits } = install(300);
    const started = await call(running, 'POST', '/v1/work', { token: TOKENS.write, body: { steps: 100, stepMs: 100 } });
    await sleep(20);
    const t0 = Date.now();
    expect(await shutdown.shutdown('test')).toBe(1);
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect(exits).toEqual([1]);
    expect(running.jobs.get(started.json.jobId)!.status).toBe('cancelled');
  });

  it('exits 1 when a hook fails, after running the others', async () => {
    const ran: string[] = [];
    const { shutdown } = install(1_000, [
      { name: 'storage', run: () => Promise.reject(new Error('disk full')) },
      { name: 'cache', run: () => void ran.push('cache') },
    ]);
    expect(await shutdown.shutdown('test')).toBe(1);
    expect(ran).toEqual(['cache']);
    expect(running.logs.find((l) => l.hook === 'storage')[0]).toMatchObject({ level: 'error', err: { message: 'disk full' } });
  });

  it('shuts down once however often it is asked', async () => {
    const { shutdown, exits } = install(1_000);
    const [a, b] = await Promise.all([shutdown.shutdown('one'), shutdown.shutdown('two')]);
    expect([a, b, exits]).toEqual([0, 0, [0]]);
    expect(shutdown.shuttingDown).toBe(true);
  });
});
