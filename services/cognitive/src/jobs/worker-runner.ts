import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AtomSpace, TypeDeclaration } from '@ai-opencog/atomspace';
import { ServiceError } from '@ai-opencog/protocol';
import type { JobContext } from '@ai-opencog/service-kit';
import type { InferenceTask, TaskOutput } from './inference-tasks';
import { snapshotSpace } from './space-snapshot';
import { fromWorkerError, type WorkerInput, type WorkerMessage } from './worker-messages';

/** How long a cancelled worker may take to notice before it is terminated. */
const STOP_GRACE_MS = 2_000;

export interface WorkerRunOptions {
  types: readonly TypeDeclaration[];
  memoryLimitMb: number;
  maxResultItems: number;
}

/**
 * The compiled worker script. From lib/ it sits beside this file; when the service runs from its
 * TypeScript sources (the tests), the compiled one in lib/ is used, which `tsc -b` builds.
 */
export function workerScript(): string {
  const beside = join(__dirname, 'inference-worker.js');
  if (existsSync(beside)) return beside;
  const compiled = join(__dirname, '..', '..', 'lib', 'jobs', 'inference-worker.js');
  if (existsSync(compiled)) return compiled;
  throw new Error(`no compiled worker script at ${beside} or ${compiled}: run tsc -b in services/cognitive`);
}

/**
 * Runs a task in a worker thread, on a snapshot of `space` taken now, so that a long inference
 * neither blocks the service nor sees changes made meanwhile. Progress goes to the job; the job's
 * signal (cancel, time limit, shutdown) stops the worker through a shared flag the kernel reads,
 * and terminates it if it has not stopped within a grace period. Resolves with the task's
 * result and changes; the caller applies them.
 */
export function runInWorker(space: AtomSpace, task: InferenceTask, job: JobContext, options: WorkerRunOptions): Promise<TaskOutput> {
  const abortFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(abortFlag);
  const input: WorkerInput = {
    task,
    snapshot: snapshotSpace(space),
    types: [...options.types],
    abortFlag,
    maxResultItems: options.maxResultItems,
  };
  return new Promise<TaskOutput>((resolve, reject) => {
    if (job.signal.aborted) return reject(stopped(job.signal));
    const worker = new Worker(workerScript(), {
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryLimitMb },
    });
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      job.signal.removeEventListener('abort', onAbort);
      outcome();
      void worker.terminate();
    };
    const onAbort = () => {
      Atomics.store(flag, 0, 1);
      killTimer = setTimeout(() => settle(() => reject(stopped(job.signal))), STOP_GRACE_MS);
    };
    job.signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') job.progress(message.done, message.total, message.message);
      else if (message.type === 'done') settle(() => resolve({ result: message.result, changes: message.changes }));
      else {
        const error = fromWorkerError(message.error);
        if (!error) job.log.error({ err: message.error }, 'the job failed in its worker');
        settle(() => reject(error ?? new ServiceError('INTERNAL', 'internal error')));
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        settle(() => reject(new ServiceError('EXECUTION_ERROR', `the job ran out of its memory limit of ${options.memoryLimitMb} MB`, { memoryLimitMb: options.memoryLimitMb })));
      } else {
        job.log.error({ err: error }, 'the worker of the job failed');
        settle(() => reject(new ServiceError('INTERNAL', 'internal error')));
      }
    });
    worker.on('exit', (code) => {
      settle(() => reject(job.signal.aborted ? stopped(job.signal) : new ServiceError('INTERNAL', `the worker of the job exited with code ${code}`)));
    });
  });
}

function stopped(signal: AbortSignal): ServiceError {
  return signal.reason instanceof ServiceError ? signal.reason : new ServiceError('QUERY_ABORTED', 'the job was stopped');
}
