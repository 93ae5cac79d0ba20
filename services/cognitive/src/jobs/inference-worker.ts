/*
 * The entry point of the worker thread a reasoning, mining or attention job runs in: it rebuilds
 * the space from the snapshot, runs the task and posts back its result and the changes it made
 * (or its error). The job's AbortSignal reaches it as a shared flag, read by the kernel's limits
 * between steps, since the worker's own event loop is busy while the task runs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TypeRegistry } from '@ai-opencog/atomspace';
import { runInferenceTask } from './inference-tasks';
import { restoreSpace } from './space-snapshot';
import { toWorkerError, type WorkerInput, type WorkerMessage } from './worker-messages';

const PROGRESS_INTERVAL_MS = 50;

function main(port: NonNullable<typeof parentPort>, input: WorkerInput): void {
  const post = (message: WorkerMessage) => port.postMessage(message);
  const flag = new Int32Array(input.abortFlag);
  // The kernel, the chainers, the miner and ECAN read only `aborted`.
  const signal = {
    get aborted() {
      return Atomics.load(flag, 0) !== 0;
    },
  } as AbortSignal;
  let lastProgress = 0;
  try {
    const types = new TypeRegistry();
    types.declareAll(input.types);
    const space = restoreSpace(input.snapshot, types);
    const output = runInferenceTask(space, input.task, {
      signal,
      maxResultItems: input.maxResultItems,
      progress: (done, total, message) => {
        const now = performance.now();
        if (now - lastProgress < PROGRESS_INTERVAL_MS && !(total > 0 && done >= total)) return;
        lastProgress = now;
        post({ type: 'progress', done, total, ...(message !== undefined ? { message } : {}) });
      },
    });
    post({ type: 'done', ...output });
  } catch (error) {
    post({ type: 'error', error: toWorkerError(error) });
  }
}

if (parentPort) main(parentPort, workerData as WorkerInput);
