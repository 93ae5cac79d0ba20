/**
 * What the instances of a service share besides the database: the read cache, the change bus and
 * the rate-limit counters. In Redis when a URL is configured; in this process otherwise (embedded
 * mode, one instance).
 */
import type { ReadCache } from './cache';
import type { ChangeBus } from './change-bus';
import { MemoryCache } from './in-process/memory-cache';
import { MemoryChangeBus } from './in-process/memory-pubsub';
import { MemoryRateLimitStore } from './in-process/memory-rate-limit';
import type { RateLimitStore } from './rate-limit';
import { RedisCache } from './redis/redis-cache';
import { closeRedis, connectRedis } from './redis/redis-connection';
import { RedisChangeBus } from './redis/redis-pubsub';
import { RedisRateLimitStore } from './redis/redis-rate-limit';

export interface SharedStateConfig {
  /** `redis://host:port`; absent: in-process. */
  redisUrl?: string;
  /** Prefix of Redis keys and channels (default `ai-opencog:`). */
  keyPrefix?: string;
  /** Cache TTL in milliseconds (default 60,000). */
  cacheTtlMs?: number;
}

export interface SharedState {
  /** `redis` or `in-process`. */
  readonly kind: 'redis' | 'in-process';
  readonly cache: ReadCache;
  readonly changes: ChangeBus;
  readonly rateLimits: RateLimitStore;
  close(): Promise<void>;
}

/** Opens the shared state: STORAGE_UNAVAILABLE when a Redis URL is given and Redis does not answer. */
export async function openSharedState(config: SharedStateConfig = {}): Promise<SharedState> {
  if (!config.redisUrl) {
    return withClose('in-process', new MemoryCache({ ttlMs: config.cacheTtlMs }), new MemoryChangeBus(), new MemoryRateLimitStore());
  }
  const url = config.redisUrl;
  const opened = await Promise.allSettled([connectRedis(url), connectRedis(url), connectRedis(url)]);
  const failed = opened.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(opened.map((r) => (r.status === 'fulfilled' ? closeRedis(r.value) : undefined)));
    throw failed.reason;
  }
  const [a, b, c] = opened.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof connectRedis>>>).value);
  const keyPrefix = config.keyPrefix;
  return withClose(
    'redis',
    new RedisCache(a, { keyPrefix, ttlMs: config.cacheTtlMs }),
    new RedisChangeBus(b, { keyPrefix }),
    new RedisRateLimitStore(c, { keyPrefix }),
  );
}

function withClose(kind: SharedState['kind'], cache: ReadCache, changes: ChangeBus, rateLimits: RateLimitStore): SharedState {
  return {
    kind,
    cache,
    changes,
    rateLimits,
    close: async () => {
      await Promise.all([cache.close(), changes.close(), rateLimits.close()]);
    },
  };
}
