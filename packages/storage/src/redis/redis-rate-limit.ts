/** Rate-limit counters in Redis: INCR, and on the first hit PEXPIRE, in one atomic script. */
import type Redis from 'ioredis';
import type { RateLimitCount, RateLimitStore } from '../rate-limit';
import { closeRedis, DEFAULT_KEY_PREFIX, redisError } from './redis-connection';

const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

export class RedisRateLimitStore implements RateLimitStore {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    options: { keyPrefix?: string } = {},
  ) {
    this.prefix = `${options.keyPrefix ?? DEFAULT_KEY_PREFIX}ratelimit:`;
  }

  async increment(key: string, windowMs: number): Promise<RateLimitCount> {
    try {
      const [count, ttl] = (await this.redis.eval(INCREMENT, 1, this.prefix + key, Math.max(1, Math.round(windowMs)))) as [number, number];
      return { count, resetAt: Date.now() + ttl };
    } catch (e) {
      throw redisError(e);
    }
  }

  async reset(key: string): Promise<void> {
    try {
      await this.redis.del(this.prefix + key);
    } catch (e) {
      throw redisError(e);
    }
  }

  close(): Promise<void> {
    return closeRedis(this.redis);
  }
}
