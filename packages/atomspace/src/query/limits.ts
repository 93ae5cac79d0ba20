import { AtomSpaceError } from '../errors';

/** Checks are made once every this many steps, so that the hot loops stay cheap. */
const STEPS_PER_CHECK = 256;

/**
 * The time limit and abort signal of one execution, shared by every query it runs (nested
 * queries included), and by the rule engine, miner and ECAN for their own loops. The loop calls
 * `tick()` at each step; every few hundred steps it looks at the clock and the signal, and throws
 * QUERY_TIMEOUT or QUERY_ABORTED naming `what` was stopped.
 */
export class ExecutionLimits {
  private steps = 0;
  private readonly deadline: number;

  constructor(
    private readonly signal: AbortSignal | undefined,
    private readonly timeLimitMs: number | undefined,
    private readonly what = 'the query',
  ) {
    if (timeLimitMs !== undefined && !(timeLimitMs >= 0)) {
      throw new AtomSpaceError('INVALID_QUERY', `timeLimitMs must be a non-negative number, got ${timeLimitMs}`);
    }
    this.deadline = timeLimitMs === undefined ? Infinity : performance.now() + timeLimitMs;
    // An already-aborted signal stops at once; the clock is first read by the work itself.
    if (signal?.aborted) this.check();
  }

  tick(): void {
    if (++this.steps === STEPS_PER_CHECK) {
      this.steps = 0;
      this.check();
    }
  }

  check(): void {
    if (this.signal?.aborted) throw new AtomSpaceError('QUERY_ABORTED', `${this.what} was aborted`);
    if (this.deadline !== Infinity && performance.now() > this.deadline) {
      throw new AtomSpaceError('QUERY_TIMEOUT', `${this.what} ran longer than its time limit of ${this.timeLimitMs} ms`);
    }
  }
}
