/**
 * A read cache of answers a store gives (an atom, counts, a page of search results), kept per
 * scope (a knowledge base) and dropped as a whole when the scope changes.
 *
 * Invalidation works by generation: each scope has a generation number that `invalidate` moves
 * on, and entries are stored under the generation that was current when their load began. An
 * answer loaded while a change commits is therefore never served after that change.
 */
export interface ReadCache {
  /** The cached answer for `key` in `scope`, or what `load` returns (then cached). */
  getOrLoad<T>(scope: string, key: string, load: () => Promise<T>): Promise<T>;
  /** Forgets every answer cached for `scope` (in every process sharing the cache). */
  invalidate(scope: string): Promise<void>;
  close(): Promise<void>;
}

export interface ReadCacheOptions {
  /** How long an answer is kept at most, in milliseconds (default 60,000). */
  ttlMs?: number;
}

export const DEFAULT_CACHE_TTL_MS = 60_000;

/** Cached answers wrap their value, so that `undefined` (no such atom) is cached too. */
export interface CacheEntry<T> {
  v: T;
}
