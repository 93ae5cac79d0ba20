/**
 * The read cache in Redis, shared by every instance: `<prefix>cache:gen:<scope>` holds the scope's
 * generation; answers live under `<prefix>cache:<scope>:<generation>:<key>` with a TTL, so that
 * moving the generation on (INCR) drops them all at once and they expire on their own.
 */
import type Redis from 'ioredis';
import { DEFAULT_CACHE_TTL_MS, type CacheEntry, type ReadCache, type ReadCacheOptions } from '../cache';
import { closeRedis, DEFAULT_KEY_PREFIX, redisError } from './redis-connection';

export interface RedisCacheOptions extends ReadCacheOptions {
  keyPrefix?: string;
}

export class RedisCache implements ReadCache {
  private readonly ttlMs: number;
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    options: RedisCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_CACHE_TTL_MS;
    this.prefix = `${options.keyPrefix ?? DEFAULT_KEY_PREFIX}cache:`;
  }

  /** When Redis fails, answers come from `load` directly: the cache only ever saves work. */
  async getOrLoad<T>(scope: string, key: string, load: () => Promise<T>): Promise<T> {
    let entryKey: string;
    try {
      const gen = (await this.redis.get(this.genKey(scope))) ?? '0';
      entryKey = `${this.prefix}${scope}:${gen}:${key}`;
      const hit = await this.redis.get(entryKey);
      if (hit !== null) return (JSON.parse(hit) as CacheEntry<T>).v;
    } catch {
      return load();
    }
    const value = await load();
    await this.redis.set(entryKey, JSON.stringify({ v: value } satisfies CacheEntry<T>), 'PX', this.ttlMs).catch(() => undefined);
    return value;
  }

  async invalidate(scope: string): Promise<void> {
    try {
      // The generation outlives its answers by a TTL, so that no answer can outlive it.
      await this.redis.multi().incr(this.genKey(scope)).pexpire(this.genKey(scope), this.ttlMs * 10).exec();
    } catch (e) {
      throw redisError(e);
    }
  }

  close(): Promise<void> {
    return closeRedis(this.redis);
  }

  private genKey(scope: string): string {
    return `${this.prefix}gen:${scope}`;
  }
}
