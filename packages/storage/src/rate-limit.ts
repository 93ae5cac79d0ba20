/**
 * Rate-limit counters: fixed windows per key (a client, a route), shared by every instance of a
 * service so that a limit holds across them.
 */
export interface RateLimitStore {
  /**
   * Counts one hit for `key`. The first hit opens a window of `windowMs`; hits in it add up; once
   * it ends the count starts again. Returns the count including this hit and when the window ends.
   */
  increment(key: string, windowMs: number): Promise<RateLimitCount>;
  /** Forgets `key`'s window. */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export interface RateLimitCount {
  count: number;
  /** Epoch milliseconds at which the window ends. */
  resetAt: number;
}
