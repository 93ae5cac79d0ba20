import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TypeRegistry } from '@ai-opencog/atomspace';
import { cognitiveOpenApi, cognitiveRoutes, KnowledgeClient } from '@ai-opencog/protocol';
import {
  attachStream,
  createServiceApp,
  JobManager,
  ServiceMetrics,
  type Logger,
  type RateLimitStore,
  type ReadinessCheck,
  type RunningService,
} from '@ai-opencog/service-kit';
import { connectRedis, MemoryChangeBus, RedisChangeBus, RedisRateLimitStore, type ChangeBus } from '@ai-opencog/storage';
import type { CognitiveConfig } from './config';
import { cognitiveHandlers } from './http/cognitive-handlers';
import { CognitiveJobs } from './jobs/cognitive-jobs';
import { KnowledgeSync } from './knowledge/knowledge-sync';
import { followSpaceSizes } from './spaces/space-metrics';
import { SpaceReplicator } from './spaces/space-replicator';
import { SpaceStream } from './spaces/space-stream';
import { WorkingMemory } from './spaces/working-memory';

export const SERVICE_NAME = 'cognitive';
export const SERVICE_VERSION = '0.1.0';

export interface CognitiveServiceOptions {
  config: CognitiveConfig;
  logger: Logger;
  /**
   * The change bus to share spaces on. Default: Redis pub/sub when REDIS_URL is set, else a bus
   * of this instance alone. Tests pass one in-process bus to several instances.
   */
  changeBus?: ChangeBus;
  /** Validate every JSON response against its schema (tests). */
  checkResponses?: boolean;
}

/** A running cognitive service; its shutdown hooks publish what is pending and close the bus and Redis. */
export interface CognitiveService extends RunningService {
  memory: WorkingMemory;
  metrics: ServiceMetrics;
  replicator: SpaceReplicator;
}

/**
 * Builds the cognitive service from its configuration and starts listening: working memory
 * with the service's type registry, the change bus (Redis or in-process) and the replicator,
 * the knowledge service's client, the jobs, the express app of protocol's `cognitiveRoutes`
 * (service-kit), and the WebSocket stream on the same server.
 */
export async function startCognitiveService(options: CognitiveServiceOptions): Promise<CognitiveService> {
  const { config, logger } = options;
  const types = new TypeRegistry();
  types.declareAll(config.ATOM_TYPES_FILE);
  const memory = new WorkingMemory(types, { maxSpaces: config.MAX_SPACES, maxAtomsPerSpace: config.MAX_ATOMS_PER_SPACE });
  const metrics = new ServiceMetrics({ service: SERVICE_NAME });

  const shared = await openSharedBus(config, options.changeBus);
  const readinessChecks: ReadinessCheck[] = [];
  const knowledge = new KnowledgeClient({
    baseUrl: config.KNOWLEDGE_URL,
    ...(config.KNOWLEDGE_TOKEN !== undefined ? { token: config.KNOWLEDGE_TOKEN } : {}),
    timeoutMs: config.KNOWLEDGE_TIMEOUT_MS,
  });
  readinessChecks.push({
    name: 'knowledge',
    check: async (signal) => {
      const readiness = await knowledge.readiness({ signal });
      if (readiness.status !== 'ready') throw new Error(`the knowledge service at ${config.KNOWLEDGE_URL} is ${readiness.status}`);
    },
  });
  if (shared.ping) readinessChecks.push({ name: 'redis', check: shared.ping });

  const jobs = JobManager.fromConfig(config, logger, metrics);
  const cognitiveJobs = new CognitiveJobs({
    jobs,
    memory,
    knowledge: new KnowledgeSync(knowledge, memory),
    metrics,
    types: config.ATOM_TYPES_FILE,
    limits: { timeLimitMs: config.JOB_TIME_LIMIT_MS, memoryLimitMb: config.JOB_MEMORY_LIMIT_MB, maxResultItems: config.JOB_MAX_RESULT_ITEMS },
  });

  const replicator = new SpaceReplicator(memory, shared.bus, logger);
  await replicator.start();
  const spaceStream = new SpaceStream(memory);
  const stopSizes = followSpaceSizes(memory, metrics);

  const service = createServiceApp({
    name: SERVICE_NAME,
    version: SERVICE_VERSION,
    config,
    logger,
    routes: cognitiveRoutes,
    handlers: cognitiveHandlers({
      memory,
      jobs,
      cognitiveJobs,
      metrics,
      query: { timeLimitMs: config.QUERY_TIME_LIMIT_MS, maxResults: config.QUERY_MAX_RESULTS },
    }),
    readinessChecks,
    metrics,
    openApi: cognitiveOpenApi(),
    ...(shared.rateLimits ? { rateLimitStore: shared.rateLimits } : {}),
    ...(options.checkResponses ? { checkResponses: true } : {}),
  });
  let server: Server;
  try {
    server = await service.start();
  } catch (error) {
    await replicator.close();
    await shared.close();
    throw error;
  }
  const stream = attachStream(server, {
    authenticator: service.authenticator,
    logger,
    jobs,
    heartbeatMs: config.WS_HEARTBEAT_MS,
    onMessage: spaceStream.onMessage,
    onClose: spaceStream.onClose,
  });

  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  let closing: Promise<void> | undefined;
  const closeShared = async () => {
    await replicator.close();
    spaceStream.close();
    stopSizes();
    await shared.close();
    memory.clear();
  };
  return {
    server,
    url: `http://${host}:${port}`,
    stream,
    jobs,
    memory,
    metrics,
    replicator,
    shutdownHooks: [{ name: 'change bus', run: closeShared }],
    close: () =>
      (closing ??= (async () => {
        for (const job of jobs.list()) if (job.status === 'queued' || job.status === 'running') jobs.cancel(job.id);
        await stream.close();
        await jobs.shutdown(1_000);
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await closeShared();
      })()),
  };
}

interface SharedBus {
  bus: ChangeBus;
  rateLimits?: RateLimitStore;
  ping?: (signal: AbortSignal) => Promise<void>;
  close(): Promise<void>;
}

/** Redis pub/sub (and rate-limit counters, and a ping for /readyz) with REDIS_URL; an in-process bus otherwise. */
async function openSharedBus(config: CognitiveConfig, given: ChangeBus | undefined): Promise<SharedBus> {
  if (given) return { bus: given, close: async () => undefined };
  if (config.REDIS_URL === undefined) {
    const bus = new MemoryChangeBus();
    return { bus, close: () => bus.close() };
  }
  const url = config.REDIS_URL;
  const opened = await Promise.allSettled([connectRedis(url), connectRedis(url)]);
  const failed = opened.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(opened.map((r) => (r.status === 'fulfilled' ? r.value.quit().catch(() => undefined) : undefined)));
    throw failed.reason;
  }
  const [publisher, counters] = opened.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof connectRedis>>>).value) as [
    Awaited<ReturnType<typeof connectRedis>>,
    Awaited<ReturnType<typeof connectRedis>>,
  ];
  const bus = new RedisChangeBus(publisher);
  const rateLimits = new RedisRateLimitStore(counters);
  return {
    bus,
    rateLimits,
    ping: async () => {
      await publisher.ping();
    },
    close: async () => {
      await Promise.all([bus.close(), rateLimits.close()]);
    },
  };
}
