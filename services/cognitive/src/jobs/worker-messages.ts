import type { TypeDeclaration } from '@ai-opencog/atomspace';
import { KERNEL_ERROR_CODES, ServiceError, isErrorCode, type KernelErrorCode } from '@ai-opencog/protocol';
import type { AtomChange } from '../spaces/atom-changes';
import type { InferenceResult, InferenceTask } from './inference-tasks';
import type { SpaceSnapshot } from './space-snapshot';

/** What the service hands the worker thread of a job. */
export interface WorkerInput {
  task: InferenceTask;
  snapshot: SpaceSnapshot;
  /** The user types of the service's registry, declared in the worker's registry too. */
  types: TypeDeclaration[];
  /** Int32 flag: set to 1 when the job is cancelled or times out. */
  abortFlag: SharedArrayBuffer;
  maxResultItems: number;
}

/** An error as it crosses the thread boundary. */
export interface WorkerError {
  name: string;
  code?: string;
  message: string;
  details?: Record<string, unknown>;
  stack?: string;
}

/** What the worker sends back. */
export type WorkerMessage =
  | { type: 'progress'; done: number; total: number; message?: string }
  | { type: 'done'; result: InferenceResult; changes: AtomChange[] }
  | { type: 'error'; error: WorkerError };

/** The error a worker reports: kernel errors with their code (and parse positions), ServiceErrors as they are. */
export function toWorkerError(error: unknown): WorkerError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const e = error as Error & { code?: unknown; details?: unknown; file?: unknown; line?: unknown; column?: unknown; reason?: unknown };
  const details =
    e instanceof ServiceError
      ? e.details
      : typeof e.line === 'number' && typeof e.column === 'number'
        ? { line: e.line, column: e.column, ...(typeof e.file === 'string' ? { file: e.file } : {}), ...(typeof e.reason === 'string' ? { reason: e.reason } : {}) }
        : undefined;
  return {
    name: e instanceof ServiceError ? 'ServiceError' : e.name,
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    message: e.message,
    ...(details ? { details: details as Record<string, unknown> } : {}),
    ...(e.stack ? { stack: e.stack } : {}),
  };
}

/** The ServiceError of an error a worker reported; undefined when it is not one the protocol names (a bug). */
export function fromWorkerError(error: WorkerError): ServiceError | undefined {
  if (error.name === 'ServiceError' && isErrorCode(error.code)) return new ServiceError(error.code, error.message, error.details);
  if (error.code !== undefined && Object.prototype.hasOwnProperty.call(KERNEL_ERROR_CODES, error.code)) {
    return new ServiceError(KERNEL_ERROR_CODES[error.code as KernelErrorCode], error.message, error.details);
  }
  return undefined;
}
