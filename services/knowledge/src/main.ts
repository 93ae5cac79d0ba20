#!/usr/bin/env node
/**
 * The knowledge service process: configuration from the environment (once), the logger, the
 * service (store, app, WebSocket stream), graceful shutdown on SIGTERM/SIGINT (requests and jobs
 * finish, then the store's writes are flushed and it is closed), listening on HOST:PORT.
 * It prints nothing but pino's JSON lines.
 */
import { ConfigError, createLogger, installShutdown, loadConfig } from '@ai-opencog/service-kit';
import { knowledgeConfigSchema } from './config';
import { SERVICE_NAME, SERVICE_VERSION, startKnowledgeService } from './knowledge-service';

/** Exit statuses: 1 the service failed (e.g. storage unreachable at start), 2 bad configuration. */
const EXIT_FAILED = 1;
const EXIT_CONFIG = 2;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(knowledgeConfigSchema(), process.env);
  } catch (error) {
    const logger = createLogger({ service: SERVICE_NAME, version: SERVICE_VERSION });
    if (error instanceof ConfigError) {
      logger.fatal({ problems: error.problems }, error.message);
      process.exit(EXIT_CONFIG);
    }
    throw error;
  }
  const logger = createLogger({ service: SERVICE_NAME, version: SERVICE_VERSION, level: config.LOG_LEVEL });
  let service;
  try {
    service = await startKnowledgeService({ config, logger });
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.fatal({ problems: error.problems }, error.message);
      process.exit(EXIT_CONFIG);
    }
    logger.fatal({ err: error }, 'the knowledge service could not start');
    process.exit(EXIT_FAILED);
  }
  installShutdown(service.server, {
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logger,
    jobs: service.jobs,
    streams: [service.stream],
    hooks: service.shutdownHooks,
  });
}

void main().catch((error: unknown) => {
  createLogger({ service: SERVICE_NAME, version: SERVICE_VERSION }).fatal({ err: error }, 'the knowledge service failed');
  process.exit(EXIT_FAILED);
});
