#!/usr/bin/env node
/*
 * The cognitive service process: reads the configuration once, then wires the logger, the
 * service (app, stream, jobs, change bus) and graceful shutdown, and listens.
 */
import { ConfigError, createLogger, installShutdown } from '@ai-opencog/service-kit';
import { SERVICE_NAME, SERVICE_VERSION, startCognitiveService } from './cognitive-service';
import { loadCognitiveConfig } from './config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadCognitiveConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    createLogger({ service: SERVICE_NAME, version: SERVICE_VERSION }).fatal({ problems: error.problems }, error.message);
    process.exitCode = 2;
    return;
  }
  const logger = createLogger({ service: SERVICE_NAME, version: SERVICE_VERSION, level: config.LOG_LEVEL });
  const service = await startCognitiveService({ config, logger });
  const shutdown = installShutdown(service.server, {
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logger,
    jobs: service.jobs,
    streams: [service.stream],
    hooks: service.shutdownHooks,
    signals: [],
  });
  // Working memory lives in this process: a job still running at shutdown could not be
  // reported to anyone afterwards, so jobs are cancelled at once rather than waited for.
  const onSignal = (signal: NodeJS.Signals) => {
    if (shutdown.shuttingDown) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    for (const job of service.jobs.list()) if (job.status === 'queued' || job.status === 'running') service.jobs.cancel(job.id);
    void shutdown.shutdown(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  logger.info({ url: service.url, knowledge: config.KNOWLEDGE_URL, redis: config.REDIS_URL !== undefined }, 'cognitive service ready to serve');
}

main().catch((error: unknown) => {
  createLogger({ service: SERVICE_NAME, version: SERVICE_VERSION }).fatal({ err: error }, 'the cognitive service could not start');
  process.exit(1);
});
