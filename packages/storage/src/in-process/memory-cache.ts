/** The read cache of one process (no Redis): entries in a bounded map, oldest dropped first. */
import { DEFAULT_CACHE_TTL_MS, type ReadCache, type ReadCacheOptions } from '../cache';

export interface MemoryCacheOptions extends ReadCacheOptions {
  /** Most entries kept (default 10,000). */
  maxEntries?: number;
}

export class MemoryCache implements ReadCache {
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly generations = new Map<string, number>();
  private readonly entries = new Map<string, { value: unknown; expires: number }>();

  constructor(options: MemoryCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_CACHE_TTL_MS;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  async getOrLoad<T>(scope: string, key: string, load: () => Promise<T>): Promise<T> {
    const entryKey = `${this.generations.get(scope) ?? 0}\0${scope}\0${key}`;
    const hit = this.entries.get(entryKey);
    if (hit && hit.expires > Date.now()) return hit.value as T;
    const value = await load();
    this.entries.delete(entryKey);
    this.entries.set(entryKey, { value, expires: Date.now() + this.ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  async invalidate(scope: string): Promise<void> {
    const gen = this.generations.get(scope) ?? 0;
    this.generations.set(scope, gen + 1);
    const prefix = `${gen}\0${scope}\0`;
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
