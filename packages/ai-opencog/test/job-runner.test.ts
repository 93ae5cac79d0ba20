import 'reflect-metadata';
import type { JobOutcome, JobRequest } from '../src/common/ai-opencog-protocol';
import { AiOpencogError } from '../src/common/ai-opencog-errors';
import { AiOpencogFrontendClient } from '../src/browser/ai-opencog-frontend-client';
import { JobRunner } from '../src/browser/job-runner';

/* The job runner with Theia's progress UI stood in for: progress reports, cancel, failures. */

function setup(awaitJob: (cancelled: () => boolean) => Promise<JobOutcome>) {
  const client = new AiOpencogFrontendClient();
  const reports: { message?: string; work?: { done: number; total: number } }[] = [];
  let onCancel: (() => void) | undefined;
  let closed = false;
  let cancelled = false;
  const infos: string[] = [];
  const runner = new JobRunner();
  Object.assign(runner, {
    client,
    service: {
      startJob: async (_r: JobRequest) => 'job-1',
      awaitJob: () => awaitJob(() => cancelled),
      cancelJob: async (id: string) => {
        expect(id).toBe('job-1');
        cancelled = true;
      },
    },
    progressService: {
      showProgress: async (_m: unknown, cancel: () => void) => {
        onCancel = cancel;
        return { report: (u: { message?: string; work?: { done: number; total: number } }) => reports.push(u), cancel: () => (closed = true) };
      },
    },
    messages: { info: (m: string) => infos.push(m) },
  });
  return { runner, client, reports, cancel: () => onCancel?.(), closed: () => closed, infos };
}

const request: JobRequest = { kind: 'mine', space: 's', minsup: 2 };
const outcome = { kind: 'mine', jobId: 'job-1', request, result: { patterns: [], complete: true } } as JobOutcome;

describe('JobRunner', () => {
  it('reports the job\'s progress in the progress UI and closes it at the end', async () => {
    const ctx = setup(async () => {
      ctx.client.onJobProgress('job-1', { done: 1, total: 4, message: 'iteration 1' });
      ctx.client.onJobProgress('other-job', { done: 9, total: 9 });
      ctx.client.onJobProgress('job-1', { done: 3, total: 0 });
      return outcome;
    });
    expect(await ctx.runner.run(request, 'Mining')).toBe(outcome);
    expect(ctx.reports).toEqual([{ message: 'iteration 1 (1/4)', work: { done: 1, total: 4 } }, { message: '3' }]);
    expect(ctx.closed()).toBe(true);
  });

  it('cancels the job in the service when the user cancels, and says so', async () => {
    const ctx = setup(async (cancelled) => {
      ctx.cancel();
      await new Promise((r) => setTimeout(r, 10));
      expect(cancelled()).toBe(true);
      throw AiOpencogError('the job was cancelled', { code: 'QUERY_ABORTED', status: 503 });
    });
    expect(await ctx.runner.run(request, 'Mining')).toBeUndefined();
    expect(ctx.infos).toEqual(['Mining: cancelled.']);
  });

  it('passes a failure on', async () => {
    const ctx = setup(async () => {
      throw AiOpencogError('no rule', { code: 'EXECUTION_ERROR', status: 422 });
    });
    await expect(ctx.runner.run(request, 'Mining')).rejects.toThrow('no rule');
    expect(ctx.closed()).toBe(true);
  });
});
