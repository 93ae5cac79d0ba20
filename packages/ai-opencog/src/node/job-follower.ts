import { abortableDelay, isJobFinished, type CognitiveClient, type Job, type JobProgress } from '@ai-opencog/protocol';

/*
 * Follows a job of the cognitive service until it ends, reporting each change of its progress.
 * Polls the job route (no WebSocket to keep alive through proxies); the interval grows from 100 ms
 * to `maxIntervalMs` so that short jobs end quickly and long ones cost little.
 */

export interface FollowOptions {
  onProgress?: (progress: JobProgress) => void;
  signal?: AbortSignal;
  maxIntervalMs?: number;
}

export async function followJob(client: Pick<CognitiveClient, 'getJob'>, jobId: string, options: FollowOptions = {}): Promise<Job> {
  let interval = 100;
  let last = '';
  for (;;) {
    const job = await client.getJob(jobId, { signal: options.signal });
    if (job.progress) {
      const key = `${job.progress.done}/${job.progress.total}/${job.progress.message ?? ''}`;
      if (key !== last) {
        last = key;
        options.onProgress?.(job.progress);
      }
    }
    if (isJobFinished(job.status)) return job;
    await abortableDelay(interval, options.signal);
    interval = Math.min(options.maxIntervalMs ?? 1000, Math.round(interval * 1.5));
  }
}
