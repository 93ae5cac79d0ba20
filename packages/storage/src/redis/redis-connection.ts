/** Opening Redis connections that fail fast (STORAGE_UNAVAILABLE) instead of queueing forever. */
import Redis from 'ioredis';
import { StorageError } from '../errors';

/** Prefix of every key and channel, so that one Redis can serve several systems. */
export const DEFAULT_KEY_PREFIX = 'ai-opencog:';

/** Connects to `redis://[:password@]host:port[/db]` and waits until Redis answers; STORAGE_UNAVAILABLE when it does not within a few seconds. */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 1,
    // Reconnect in the background after a lost connection, waiting at most 2 s between tries.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  // Errors also reject the command that met them; the event must not crash the process.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    redis.disconnect();
    throw redisError(e);
  }
  return redis;
}

/** A Redis failure as a StorageError. */
export function redisError(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  return new StorageError('STORAGE_UNAVAILABLE', `Redis unavailable: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

export async function closeRedis(redis: Redis): Promise<void> {
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
