import type { JobEventMessage } from '@ai-opencog/protocol';
import { createLogger, JobManager, ServiceMetrics, type JobManagerOptions } from '../src';
import { AtomSpaceError, sleep } from './support/demo-service';
import { call, LogSink, startDemo, TOKENS, type Running } from './support/harness';

function manager(options: Partial<JobManagerOptions> = {}) {
  const logs = new LogSink();
  const jobs = new JobManager({ logger: createLogger({ service: 'test', destination: logs }), maxConcurrent: 2, progressIntervalMs: 0, ...options });
  const events: JobEventMessage[] = [];
  jobs.subscribe((e) => events.push(e));
  return { jobs, events, logs };
}

/** Resolves once the job has an event of this type. */
function eventOf(jobs: JobManager, jobId: string, type: JobEventMessage['type']): Promise<JobEventMessage> {
  return new Promise((resolve) => {
    const stop = jobs.subscribe((e) => {
      if (e.jobId === jobId && e.type === type) {
        stop();
        resolve(e);
      }
    });
  });
}

/** Resolves once the job has finished (at once if it already has). */
async function settled(jobs: JobManager, jobId: string): Promise<void> {
  while (!['succeeded', 'failed', 'cancelled'].includes(jobs.get(jobId)!.status)) await sleep(5);
}

describe('JobManager', () => {
  it('returns an id at once, reports progress, and keeps the result', async () => {
    const { jobs, events } = manager();
    const id = jobs.start('count', async ({ progress }) => {
      for (let i = 1; i <= 3; i++) {
        await sleep(5);
        progress(i, 3, `counted ${i}`);
      }
      return { counted: 3 };
    });
    expect(jobs.get(id)).toMatchObject({ id, kind: 'count', status: 'running' });
    await eventOf(jobs, id, 'job-finished');
    expect(events.map((e) => e.type)).toEqual(['job-progress', 'job-progress', 'job-progress', 'job-finished']);
    expect(events[2]).toEqual({ type: 'job-progress', jobId: id, kind: 'count', progress: { done: 3, total: 3, message: 'counted 3' } });
    expect(jobs.get(id)).toMatchObject({
      status: 'succeeded',
      result: { counted: 3 },
      progress: { done: 3, total: 3 },
      createdAt: expect.any(String),
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
    });
  });

  it('throttles progress events but always keeps the latest progress', async () => {
    const { jobs, events } = manager({ progressIntervalMs: 10_000 });
    const id = jobs.start('many', async ({ progress }) => {
      for (let i = 1; i <= 100; i++) progress(i, 200);
    });
    await eventOf(jobs, id, 'job-finished');
    expect(events.filter((e) => e.type === 'job-progress')).toHaveLength(1);
    expect(jobs.get(id)!.progress).toEqual({ done: 100, total: 200 });
  });

  it('a failed job carries the error code of what it threw', async () => {
    const { jobs, logs } = manager();
    const parse = jobs.start('p', async () => {
      throw new AtomSpaceError('INVALID_QUERY', 'a GetLink needs a body');
    });
    const bug = jobs.start('b', async () => {
      throw new Error('null pointer in the miner');
    });
    await settled(jobs, parse);
    await settled(jobs, bug);
    expect(jobs.get(parse)!.error).toEqual({ code: 'INVALID_QUERY', message: 'a GetLink needs a body' });
    expect(jobs.get(bug)!.error).toEqual({ code: 'INTERNAL', message: 'internal error' });
    expect(logs.find((l) => l.jobId === bug && l.msg === 'job failed')[0]!.err).toMatchObject({ message: 'null pointer in the miner' });
  });

  it('cancel aborts the signal and is final at once; the slot frees when the function returns', async () => {
    const { jobs, events } = manager({ maxConcurrent: 1 });
    let sawAbort = false;
    const first = jobs.start('slow', async ({ signal }) => {
      await sleep(10_000, signal).catch(() => (sawAbort = true));
      await sleep(20);
      return 'too late';
    });
    const second = jobs.start('next', async () => 'ran');
    expect(jobs.get(second)!.status).toBe('queued');
    await sleep(5);
    expect(jobs.cancel(first).status).toBe('cancelled');
    expect(jobs.get(second)!.status).toBe('queued');
    await eventOf(jobs, second, 'job-finished');
    expect(sawAbort).toBe(true);
    expect(jobs.get(first)).toMatchObject({ status: 'cancelled' });
    expect(jobs.get(first)).not.toHaveProperty('result');
    expect(events.filter((e) => e.jobId === first).map((e) => e.type)).toEqual(['job-cancelled']);
  });

  it('runs at most maxConcurrent jobs; the others wait in order; a full queue refuses', async () => {
    const { jobs } = manager({ maxConcurrent: 2, maxQueued: 2 });
    const order: string[] = [];
    const work = (name: string) => async () => {
      order.push(`start ${name}`);
      await sleep(20);
      order.push(`end ${name}`);
    };
    const ids = ['a', 'b', 'c', 'd'].map((n) => jobs.start(n, work(n)));
    expect(ids.map((id) => jobs.get(id)!.status)).toEqual(['running', 'running', 'queued', 'queued']);
    expect(jobs.runningCount).toBe(2);
    expect(() => jobs.start('e', work('e'))).toThrow(expect.objectContaining({ code: 'TOO_MANY_JOBS', status: 503 }));
    await eventOf(jobs, ids[3]!, 'job-finished');
    expect(order.slice(0, 2)).toEqual(['start a', 'start b']);
    expect(order.indexOf('start c')).toBeGreaterThan(order.indexOf('end a') - 1);
    expect(order.filter((o) => o.startsWith('start'))).toEqual(['start a', 'start b', 'start c', 'start d']);
  });

  it('a job over its time limit fails with TIMEOUT and its signal aborts', async () => {
    const { jobs } = manager();
    let reason: unknown;
    const id = jobs.start(
      'long',
      async ({ signal }) => {
        await sleep(10_000, signal).catch((e) => (reason = e));
      },
      { timeLimitMs: 30 },
    );
    await eventOf(jobs, id, 'job-failed');
    expect(jobs.get(id)).toMatchObject({ status: 'failed', error: { code: 'TIMEOUT' } });
    await sleep(5);
    expect(reason).toMatchObject({ code: 'TIMEOUT' });
  });

  it('evicts finished jobs after the retention time, and the oldest beyond maxRetained', async () => {
    let now = 0;
    const { jobs } = manager({ retentionMs: 1_000, maxRetained: 2, now: () => now });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      now += 10;
      const id = jobs.start('quick', async () => i);
      await eventOf(jobs, id, 'job-finished');
      ids.push(id);
    }
    expect(jobs.list().map((j) => j.id)).toEqual([ids[2], ids[1]]);
    now += 2_000;
    expect(jobs.get(ids[2]!)).toBeUndefined();
    expect(() => jobs.require(ids[2]!)).toThrow(expect.objectContaining({ code: 'JOB_NOT_FOUND' }));
  });

  it('lists newest first, filtered by status and kind', async () => {
    let now = 0;
    const { jobs } = manager({ maxConcurrent: 1, now: () => ++now });
    const a = jobs.start('mine', () => sleep(50));
    const b = jobs.start('chain', async () => undefined);
    const c = jobs.start('mine', async () => undefined);
    expect(jobs.list().map((j) => j.id)).toEqual([c, b, a]);
    expect(jobs.list({ kind: 'mine' }).map((j) => j.id)).toEqual([c, a]);
    expect(jobs.list({ status: 'queued', limit: 1 }).map((j) => j.id)).toEqual([c]);
    jobs.cancel(a);
    await jobs.shutdown(1_000);
  });

  it('keeps the jobs-running gauge and finished counter', async () => {
    const metrics = new ServiceMetrics({ service: 'test', defaultMetrics: false });
    const { jobs } = manager({ metrics });
    const valueOf = async (name: string, labels: Record<string, string>) =>
      (await metrics.registry.getSingleMetric(name)!.get()).values.find((v) =>
        Object.entries(labels).every(([k, l]) => v.labels[k] === l),
      )?.value;
    const id = jobs.start('mine', () => sleep(30));
    expect(await valueOf('jobs_running', { kind: 'mine' })).toBe(1);
    await settled(jobs, id);
    await sleep(1);
    expect(await valueOf('jobs_running', { kind: 'mine' })).toBe(0);
    expect(await valueOf('jobs_finished_total', { kind: 'mine', status: 'succeeded' })).toBe(1);
  });

  it('shutdown cancels queued jobs, waits for running ones, then cancels those left', async () => {
    const { jobs } = manager({ maxConcurrent: 2 });
    const finishing = jobs.start('short', () => sleep(20));
    const stuck = jobs.start('stuck', ({ signal }) => sleep(10_000, signal));
    const waiting = jobs.start('queued', async () => undefined);
    expect(await jobs.shutdown(100)).toBe(false);
    expect(jobs.get(finishing)!.status).toBe('succeeded');
    expect(jobs.get(stuck)!.status).toBe('cancelled');
    expect(jobs.get(waiting)!.status).toBe('cancelled');
    expect(() => jobs.start('late', async () => undefined)).toThrow(expect.objectContaining({ code: 'UNAVAILABLE' }));
  });
});

// Integration: jobs over HTTP through the demo service on 127.0.0.1:0.
describe('jobs over HTTP', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startDemo({ env: { JOBS_MAX_CONCURRENT: '1', JOBS_MAX_QUEUED: '1' } });
  });
  afterAll(() => running.close());

  it('202 with a job id at once, then status with progress, then the result', async () => {
    const started = await call(running, 'POST', '/v1/work', { token: TOKENS.write, body: { steps: 3, stepMs: 20 } });
    expect(started.status).toBe(202);
    const { jobId } = started.json;
    const during = await call(running, 'GET', `/v1/jobs/${jobId}`, { token: TOKENS.read });
    expect(during.json.status).toBe('running');
    await settled(running.jobs, jobId);
    const after = await call(running, 'GET', `/v1/jobs/${jobId}`, { token: TOKENS.read });
    expect(after.json).toMatchObject({ status: 'succeeded', result: { steps: 3 }, progress: { done: 3, total: 3, message: 'step 3' } });
  });

  it('cancel over HTTP; unknown jobs are 404 JOB_NOT_FOUND; a full queue is 503 TOO_MANY_JOBS', async () => {
    const first = await call(running, 'POST', '/v1/work', { token: TOKENS.write, body: { steps: 100, stepMs: 50 } });
    const second = await call(running, 'POST', '/v1/work', { token: TOKENS.write, body: { steps: 1, stepMs: 0 } });
    const third = await call(running, 'POST', '/v1/work', { token: TOKENS.write, body: { steps: 1, stepMs: 0 } });
    expect([first.status, second.status, third.status]).toEqual([202, 202, 503]);
    expect(third.json.error.code).toBe('TOO_MANY_JOBS');
    const cancelled = await call(running, 'POST', `/v1/jobs/${first.json.jobId}/cancel`, { token: TOKENS.write });
    expect(cancelled.json.status).toBe('cancelled');
    const readOnly = await call(running, 'POST', `/v1/jobs/${second.json.jobId}/cancel`, { token: TOKENS.read });
    expect(readOnly.status).toBe(403);
    const missing = await call(running, 'GET', '/v1/jobs/no-such-job', { token: TOKENS.read });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('JOB_NOT_FOUND');
    await settled(running.jobs, second.json.jobId);
    const list = await call(running, 'GET', '/v1/jobs?status=cancelled', { token: TOKENS.read });
    expect(list.json.jobs.map((j: { id: string }) => j.id)).toContain(first.json.jobId);
  });
});
