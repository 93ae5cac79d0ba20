import type { TypeRegistry } from '@ai-opencog/atomspace';
import type { Logger, ReadinessCheck } from '@ai-opencog/service-kit';
import { CachedAtomStore, connectRedis, openAtomStore, openSharedState, type AtomStore, type SharedState } from '@ai-opencog/storage';
import { storageConfigOf, type KnowledgeConfig } from './config';
import type { KnowledgeMetrics } from './knowledge-metrics';
import { BulkLane } from './bulk-lane';
import { timedStore } from './timed-store';

/** The stores the service works with, and how to close them. */
export interface KnowledgeStores {
  /** The backend's name: pglite, postgres, neo4j. */
  backend: string;
  /** Reads and writes of clients' bases: through the read cache, which each write drops (and announces on the change bus). */
  store: AtomStore;
  /** Bulk reads and writes (exports, backups, staging bases): straight to the backend. */
  bulk: AtomStore;
  /** Where imports take turns with requests (PGlite: one query at a time in this thread). */
  lane: BulkLane;
  /** Redis's or the process's rate-limit counters. */
  shared: SharedState;
  readinessChecks: ReadinessCheck[];
  /** Finishes the store's writes in flight and closes it, and Redis. */
  close(): Promise<void>;
}

/**
 * Opens the backend the configuration names (through storage's factory), the shared state
 * (Redis with REDIS_URL, else in-process) and wraps the store for the service: operations timed,
 * reads cached.
 */
export async function openKnowledgeStores(config: KnowledgeConfig, types: TypeRegistry, metrics: KnowledgeMetrics, logger: Logger): Promise<KnowledgeStores> {
  const raw = await openAtomStore(storageConfigOf(config), types);
  let shared: SharedState;
  let redisProbe: Awaited<ReturnType<typeof connectRedis>> | undefined;
  try {
    shared = await openSharedState({ redisUrl: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX, cacheTtlMs: config.CACHE_TTL_MS });
    if (config.REDIS_URL) redisProbe = await connectRedis(config.REDIS_URL);
  } catch (e) {
    await raw.close();
    throw e;
  }
  const observe = metrics.storeObserver(raw.backend);
  const cached = new CachedAtomStore(raw, {
    cache: metrics.countedCache(shared.cache),
    changes: shared.changes,
    onError: (error) => logger.warn({ err: error }, 'the read cache or the change bus failed after a write; other instances may serve old answers until the cache expires'),
  });
  const readinessChecks: ReadinessCheck[] = [{ name: `storage:${raw.backend}`, check: () => raw.ping() }];
  if (redisProbe) {
    const probe = redisProbe;
    readinessChecks.push({ name: 'redis', check: async () => void (await probe.ping()) });
  }
  logger.info({ backend: raw.backend, shared: shared.kind }, 'storage open');
  const lane = new BulkLane(raw.backend === 'pglite');
  return {
    backend: raw.backend,
    store: lane.track(timedStore(cached, observe)),
    bulk: timedStore(raw, observe),
    lane,
    shared,
    readinessChecks,
    close: async () => {
      await raw.close();
      await shared.close();
      await redisProbe?.quit().catch(() => undefined);
    },
  };
}
