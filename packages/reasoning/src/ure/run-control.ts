import { AtomSpaceError } from '@ai-opencog/atomspace';

/** Why a chainer stopped. Only `time-limit` leaves the result incomplete. */
export type StopReason = 'exhausted' | 'max-iterations' | 'time-limit';

/** The time limit, abort signal and progress callback of one chainer run. */
export class RunControl {
  private readonly deadline: number;

  constructor(
    readonly signal: AbortSignal | undefined,
    readonly timeLimitMs: number | undefined,
    private readonly onProgress: ((iteration: number, maximum: number) => void) | undefined,
  ) {
    if (timeLimitMs !== undefined && !(timeLimitMs >= 0)) {
      throw new AtomSpaceError('INVALID_QUERY', `timeLimitMs must be a non-negative number, got ${timeLimitMs}`);
    }
    this.deadline = timeLimitMs === undefined ? Infinity : performance.now() + timeLimitMs;
  }

  /** Throws QUERY_ABORTED once the signal is aborted. */
  checkAbort(): void {
    if (this.signal?.aborted) throw new AtomSpaceError('QUERY_ABORTED', 'the inference was aborted');
  }

  get timedOut(): boolean {
    return performance.now() > this.deadline;
  }

  /** Limits for one pattern-matcher query: the time left, and the signal. */
  queryLimits(): { signal?: AbortSignal; timeLimitMs?: number } {
    if (this.deadline === Infinity) return { signal: this.signal };
    return { signal: this.signal, timeLimitMs: Math.max(0, this.deadline - performance.now()) };
  }

  progress(iteration: number, maximum: number): void {
    this.onProgress?.(iteration, maximum);
  }
}

/** True for the error a query throws when the run's time limit passes during it. */
export function isTimeout(e: unknown): boolean {
  return e instanceof AtomSpaceError && e.code === 'QUERY_TIMEOUT';
}
