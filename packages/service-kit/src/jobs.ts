import { randomUUID } from 'node:crypto';
import {
  isJobFinished,
  ServiceError,
  type ErrorInfo,
  type Job,
  type JobEventMessage,
  type JobProgress,
  type JobStatusName,
} from '@ai-opencog/protocol';
import type { Logger } from 'pino';
import { settlesWithin } from './deadline';
import { logFailure } from './errors';
import type { ServiceMetrics } from './metrics';

export interface JobContext {
  /** Aborted when the job is cancelled, exceeds its time limit, or the service stops. */
  signal: AbortSignal;
  /** Reports progress: `done` of `total` units (0 total: not known), and what it is doing. */
  progress(done: number, total: number, message?: string): void;
  /** Logs with the job's id and kind. */
  log: Logger;
}

export type JobFunction<T> = (ctx: JobContext) => Promise<T>;

export interface JobStartOptions {
  /** The job fails with TIMEOUT (and its signal aborts) after running this long. */
  timeLimitMs?: number;
}

export interface JobManagerOptions {
  logger: Logger;
  /** Jobs running at once; the others wait in a queue. */
  maxConcurrent: number;
  /** Jobs waiting at most; beyond, `start` throws TOO_MANY_JOBS. */
  maxQueued?: number;
  /** How long a finished job stays queryable (default 1 hour). */
  retentionMs?: number;
  /** Finished jobs kept at most; the oldest go first (default 1000). */
  maxRetained?: number;
  /** Progress events of one job at most this often (default 100 ms); the latest is always kept. */
  progressIntervalMs?: number;
  metrics?: ServiceMetrics;
  now?: () => number;
}

interface JobRecord {
  id: string;
  kind: string;
  status: JobStatusName;
  progress?: JobProgress;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  result?: unknown;
  error?: ErrorInfo;
  run: JobFunction<unknown>;
  timeLimitMs?: number;
  controller: AbortController;
  /** Resolves when the job's function has returned or thrown (it may outlive a cancel). */
  settled?: Promise<void>;
  /** True once the function has returned or thrown. */
  exited: boolean;
  lastProgressEvent: number;
}

export type JobListener = (event: JobEventMessage) => void;

/**
 * Runs long operations as jobs: `start` returns an id at once; the job waits for a free slot
 * (at most `maxConcurrent` run), reports progress, and ends succeeded, failed or cancelled.
 * Its events are the protocol's job stream messages, ready for the WebSocket. A cancelled or
 * timed-out job is final at once, though its function may take a moment to notice the signal;
 * its slot is freed only when the function returns, so that no more than `maxConcurrent` jobs
 * ever really run.
 */
export class JobManager {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly queue: JobRecord[] = [];
  private readonly listeners = new Set<JobListener>();
  private active = 0;
  private accepting = true;
  private readonly now: () => number;

  constructor(private readonly options: JobManagerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A manager sized by the common JOBS_* variables of serviceConfigSchema. */
  static fromConfig(
    config: { JOBS_MAX_CONCURRENT: number; JOBS_MAX_QUEUED: number; JOBS_RETENTION_MS: number },
    logger: Logger,
    metrics?: ServiceMetrics,
  ): JobManager {
    return new JobManager({
      logger,
      maxConcurrent: config.JOBS_MAX_CONCURRENT,
      maxQueued: config.JOBS_MAX_QUEUED,
      retentionMs: config.JOBS_RETENTION_MS,
      ...(metrics ? { metrics } : {}),
    });
  }

  /** Queues a job and returns its id. */
  start<T>(kind: string, run: JobFunction<T>, options: JobStartOptions = {}): string {
    this.evict();
    if (!this.accepting) throw new ServiceError('UNAVAILABLE', 'the service is shutting down');
    if (this.queue.length >= (this.options.maxQueued ?? 100)) {
      throw new ServiceError('TOO_MANY_JOBS', `${this.queue.length} jobs are already waiting; try again later`);
    }
    const job: JobRecord = {
      id: randomUUID(),
      kind,
      status: 'queued',
      createdAt: this.now(),
      run: run as JobFunction<unknown>,
      timeLimitMs: options.timeLimitMs,
      controller: new AbortController(),
      exited: false,
      lastProgressEvent: 0,
    };
    this.jobs.set(job.id, job);
    this.queue.push(job);
    this.pump();
    return job.id;
  }

  get(id: string): Job | undefined {
    this.evict();
    const job = this.jobs.get(id);
    return job && view(job);
  }

  /** The job, or JOB_NOT_FOUND. */
  require(id: string): Job {
    const job = this.get(id);
    if (!job) throw new ServiceError('JOB_NOT_FOUND', `no job ${id}`);
    return job;
  }

  /** Jobs, newest first. */
  list(filter: { status?: JobStatusName; kind?: string; limit?: number } = {}): Job[] {
    this.evict();
    return [...this.jobs.values()]
      .filter((j) => (filter.status === undefined || j.status === filter.status) && (filter.kind === undefined || j.kind === filter.kind))
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, filter.limit ?? Infinity)
      .map(view);
  }

  /** Cancels a queued or running job (a finished one is left as it is); JOB_NOT_FOUND if unknown. */
  cancel(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new ServiceError('JOB_NOT_FOUND', `no job ${id}`);
    if (!isJobFinished(job.status)) this.finish(job, 'cancelled', undefined, undefined, new ServiceError('QUERY_ABORTED', 'the job was cancelled'));
    return view(job);
  }

  subscribe(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get runningCount(): number {
    return this.active;
  }

  get queuedCount(): number {
    return this.queue.length;
  }

  /**
   * Stops taking jobs, cancels the queued ones, and waits for the running ones until the
   * deadline; then cancels those left and gives them a moment to notice. Resolves true when
   * every job ended by itself in time.
   */
  async shutdown(timeoutMs: number): Promise<boolean> {
    this.accepting = false;
    for (const job of [...this.queue]) this.cancel(job.id);
    const running = () => [...this.jobs.values()].filter((j) => j.settled !== undefined && !j.exited);
    const inTime = await settlesWithin(Promise.all(running().map((j) => j.settled)), timeoutMs);
    if (inTime) return true;
    const left = running();
    for (const job of left) this.cancel(job.id);
    await settlesWithin(Promise.all(left.map((j) => j.settled)), Math.min(1_000, timeoutMs));
    return false;
  }

  private pump(): void {
    while (this.active < this.options.maxConcurrent && this.queue.length > 0) {
      this.launch(this.queue.shift()!);
    }
  }

  private launch(job: JobRecord): void {
    this.active++;
    job.status = 'running';
    job.startedAt = this.now();
    this.options.metrics?.jobsRunning.inc({ kind: job.kind });
    const log = this.options.logger.child({ jobId: job.id, jobKind: job.kind });
    const timer =
      job.timeLimitMs === undefined
        ? undefined
        : setTimeout(() => {
            this.finish(job, 'failed', undefined, new ServiceError('TIMEOUT', `the job ran longer than its limit of ${job.timeLimitMs} ms`));
          }, job.timeLimitMs);
    const context: JobContext = { signal: job.controller.signal, progress: (d, t, m) => this.progress(job, d, t, m), log };
    // The function starts on a later turn of the event loop, so that the request that started
    // the job is answered first even when the job begins with synchronous work.
    job.settled = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => (job.status === 'running' ? job.run(context) : undefined))
      .then(
        (result) => this.finish(job, 'succeeded', result),
        (error: unknown) => this.finish(job, 'failed', undefined, logFailure(log, error, 'job failed')),
      )
      .finally(() => {
        job.exited = true;
        clearTimeout(timer);
        this.active--;
        this.options.metrics?.jobsRunning.dec({ kind: job.kind });
        this.pump();
      });
  }

  private progress(job: JobRecord, done: number, total: number, message?: string): void {
    if (job.status !== 'running' || !Number.isFinite(done) || !Number.isFinite(total) || done < 0 || total < 0) return;
    job.progress = message === undefined ? { done, total } : { done, total, message: message.slice(0, 1_000) };
    const now = this.now();
    if (now - job.lastProgressEvent < (this.options.progressIntervalMs ?? 100) && !(total > 0 && done >= total)) return;
    job.lastProgressEvent = now;
    this.emit({ type: 'job-progress', jobId: job.id, kind: job.kind, progress: job.progress });
  }

  /** Makes a job final (once: later outcomes of a cancelled or timed-out job are dropped). */
  private finish(job: JobRecord, status: 'succeeded' | 'failed' | 'cancelled', result?: unknown, error?: ServiceError, reason?: ServiceError): void {
    if (isJobFinished(job.status)) return;
    const wasQueued = job.status === 'queued';
    job.status = status;
    job.finishedAt = this.now();
    if (status === 'succeeded') job.result = result;
    if (error) job.error = error.toInfo();
    if (status !== 'succeeded') job.controller.abort(reason ?? error);
    if (wasQueued) this.queue.splice(this.queue.indexOf(job), 1);
    this.options.metrics?.jobsFinished.inc({ kind: job.kind, status });
    const base = { jobId: job.id, kind: job.kind };
    this.emit(
      status === 'succeeded'
        ? { type: 'job-finished', ...base, result }
        : status === 'failed'
          ? { type: 'job-failed', ...base, error: job.error! }
          : { type: 'job-cancelled', ...base },
    );
  }

  private emit(event: JobEventMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.error({ err: error }, 'job event listener failed');
      }
    }
  }

  /** Drops finished jobs past their retention, and the oldest beyond the count kept. */
  private evict(): void {
    const now = this.now();
    const retention = this.options.retentionMs ?? 3_600_000;
    const finished: JobRecord[] = [];
    for (const job of this.jobs.values()) {
      if (job.finishedAt === undefined) continue;
      if (now - job.finishedAt > retention) this.jobs.delete(job.id);
      else finished.push(job);
    }
    const excess = finished.length - (this.options.maxRetained ?? 1_000);
    if (excess > 0) {
      finished.sort((a, b) => a.finishedAt! - b.finishedAt!);
      for (const job of finished.slice(0, excess)) this.jobs.delete(job.id);
    }
  }
}

/** A job as the protocol shows it. */
function view(job: JobRecord): Job {
  const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    ...(job.progress ? { progress: job.progress } : {}),
    createdAt: iso(job.createdAt)!,
    ...(job.startedAt !== undefined ? { startedAt: iso(job.startedAt) } : {}),
    ...(job.finishedAt !== undefined ? { finishedAt: iso(job.finishedAt) } : {}),
    ...(job.status === 'succeeded' ? { result: job.result } : {}),
    ...(job.error ? { error: job.error } : {}),
  };
}
