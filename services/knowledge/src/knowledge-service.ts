import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { knowledgeOpenApi, knowledgeRoutes } from '@ai-opencog/protocol';
import {
  attachStream,
  createServiceApp,
  JobManager,
  ServiceMetrics,
  type Logger,
  type RunningService,
  type ServiceApp,
  type ShutdownHook,
} from '@ai-opencog/service-kit';
import { buildTypeRegistry } from './atom-types';
import { AtomAdder } from './atoms/atom-adder';
import { AtomSearch } from './atoms/atom-search';
import { AtomeseText } from './atoms/atomese-text';
import { BackupCatalog } from './backups/backup-catalog';
import { Backups } from './backups/backups';
import { BaseCatalog } from './bases/base-catalog';
import type { KnowledgeConfig } from './config';
import { Exporter } from './export/exporter';
import { PointInTime } from './history/point-in-time';
import { Snapshots } from './history/snapshots';
import { Importer } from './import/importer';
import { recoverInternalBases } from './import/staging';
import { KnowledgeMetrics } from './knowledge-metrics';
import { adminRouter } from './routers/admin-router';
import { atomsRouter } from './routers/atoms-router';
import { basesRouter } from './routers/bases-router';
import { exportRouter } from './routers/export-router';
import { withWireErrorHandlers, type KnowledgeHandlers } from './routers/handlers';
import { importRouter } from './routers/import-router';
import { jobsRouter } from './routers/jobs-router';
import { snapshotsRouter } from './routers/snapshots-router';
import { openKnowledgeStores, type KnowledgeStores } from './store-wiring';

export const SERVICE_NAME = 'knowledge';
export const SERVICE_VERSION = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

export interface KnowledgeServiceOptions {
  config: KnowledgeConfig;
  logger: Logger;
  /** Validate every JSON answer against its route's schema (tests). */
  checkResponses?: boolean;
}

/** A knowledge service listening on HOST:PORT; its shutdown hook closes storage (its writes finish first). */
export interface KnowledgeService extends RunningService {
  app: ServiceApp;
  stores: KnowledgeStores;
}

/**
 * Builds and starts the knowledge service from its configuration: the atom types, the stores,
 * recovery of imports and restores that a dead process left, the domain objects, the routers of
 * every route of protocol's `knowledgeRoutes` (with `jobRoutes`), the app of service-kit, and the
 * WebSocket stream of job progress. main.ts adds the process's signals.
 */
export async function startKnowledgeService(options: KnowledgeServiceOptions): Promise<KnowledgeService> {
  const { config, logger } = options;
  const types = buildTypeRegistry(config);
  const metrics = new ServiceMetrics({ service: SERVICE_NAME });
  const knowledgeMetrics = new KnowledgeMetrics(metrics);
  const stores = await openKnowledgeStores(config, types, knowledgeMetrics, logger);
  try {
    const { store, bulk } = stores;
    const batchSize = config.IMPORT_BATCH_SIZE > 0 ? config.IMPORT_BATCH_SIZE : stores.backend === 'pglite' ? 500 : 2_000;
    const staging = { store, bulk, batchSize, lane: stores.lane };
    // One process owns a PGlite folder: whatever its internal bases hold was left by a process that died.
    const staleMs = stores.backend === 'pglite' ? 0 : config.STAGING_STALE_MS;
    const recovered = await recoverInternalBases(staging, { staleMs, log: logger });
    if (recovered.dropped.length + recovered.finished.length + recovered.restored.length > 0) logger.info(recovered, 'recovered after an earlier process');

    const bases = new BaseCatalog(store);
    const backupCatalog = new BackupCatalog(config.BACKUP_DIR, logger);
    await backupCatalog.init();
    const text = new AtomeseText(types);
    const jobs = JobManager.fromConfig(config, logger, metrics);
    const streamLimitBytes = config.STREAM_BODY_LIMIT;
    const handlers: KnowledgeHandlers = {
      ...basesRouter(bases),
      ...atomsRouter(new AtomAdder(store, bases, types), new AtomSearch(store, bulk, bases, text)),
      ...importRouter({ jobs, bases, streamLimitBytes, importer: new Importer({ ...staging, types, metrics: knowledgeMetrics, log: logger }) }),
      ...exportRouter(new Exporter(bulk, types), bases),
      ...snapshotsRouter(new Snapshots(store, bases), jobs),
      ...adminRouter({
        jobs,
        backups: new Backups({ catalog: backupCatalog, bases, store, bulk }),
        catalog: backupCatalog,
        pointInTime: new PointInTime(store, bases),
        store,
        bases,
        streamLimitBytes,
      }),
      ...jobsRouter(jobs),
    };
    knowledgeMetrics.watchBaseSizes(() => bases.list());

    const app = createServiceApp({
      name: SERVICE_NAME,
      version: SERVICE_VERSION,
      config,
      logger,
      routes: knowledgeRoutes,
      handlers: withWireErrorHandlers(handlers),
      readinessChecks: stores.readinessChecks,
      metrics,
      rateLimitStore: stores.shared.rateLimits,
      openApi: knowledgeOpenApi(),
      checkResponses: options.checkResponses ?? false,
    });
    const server = await app.start();
    const stream = attachStream(server, { authenticator: app.authenticator, logger, jobs, heartbeatMs: config.WS_HEARTBEAT_MS });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const closeStorage: ShutdownHook = { name: 'storage', run: () => stores.close() };
    return {
      server,
      url: `http://${host}:${address.port}`,
      app,
      jobs,
      stream,
      stores,
      shutdownHooks: [closeStorage],
      close: async () => {
        await jobs.shutdown(0);
        await stream.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await stores.close();
      },
    };
  } catch (e) {
    await stores.close();
    throw e;
  }
}
