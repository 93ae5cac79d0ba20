import { ServiceError } from '@ai-opencog/protocol';
import type { Response } from 'express';
import type { Logger } from 'pino';

/**
 * Where request counts are kept: in the process here; in Redis (packages/storage) when several
 * instances must share the limit.
 */
export interface RateLimitStore {
  /** Counts one request for `key` in its current window and returns the count so far. */
  increment(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
}

/** Fixed windows in a Map; windows that have ended are swept as new ones open. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private nextSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, windowMs: number): Promise<{ count: number; resetAt: number }> {
    const now = this.now();
    if (now >= this.nextSweep) {
      for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
      this.nextSweep = now + windowMs;
    }
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return { count: window.count, resetAt: window.resetAt };
  }
}

const WINDOW_MS = 60_000;

export interface RateLimiterOptions {
  /** Requests per key per minute; 0 turns the limit off. */
  perMinute: number;
  store: RateLimitStore;
  logger: Logger;
}

/**
 * Checks one request against the limit of its key (the token's name, else the client IP),
 * setting the RateLimit-* headers; over the limit it throws RATE_LIMITED and sets Retry-After.
 * When the store fails, the request is let through: a cache outage must not stop the service.
 */
export class RateLimiter {
  constructor(private readonly options: RateLimiterOptions) {}

  async check(key: string, res: Response): Promise<void> {
    const { perMinute, store, logger } = this.options;
    if (perMinute <= 0) return;
    let window: { count: number; resetAt: number };
    try {
      window = await store.increment(key, WINDOW_MS);
    } catch (error) {
      logger.warn({ err: error }, 'rate limit store failed; request let through');
      return;
    }
    const resetSeconds = Math.max(1, Math.ceil((window.resetAt - Date.now()) / 1000));
    res.setHeader('RateLimit-Limit', String(perMinute));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, perMinute - window.count)));
    res.setHeader('RateLimit-Reset', String(resetSeconds));
    if (window.count > perMinute) {
      res.setHeader('Retry-After', String(resetSeconds));
      throw new ServiceError('RATE_LIMITED', `more than ${perMinute} requests a minute; retry in ${resetSeconds} s`, {
        limit: perMinute,
        retryAfterSeconds: resetSeconds,
      });
    }
  }
}
