import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  attachStream,
  createLogger,
  createServiceApp,
  JobManager,
  loadConfig,
  serviceConfigSchema,
  type CommonConfig,
  type ReadinessCheck,
  type RateLimitStore,
  type ServiceApp,
  type StreamServer,
  type StreamServerOptions,
} from '../../src';
import type { RouteTable } from '@ai-opencog/protocol';
import type { RouteHandlers } from '../../src';
import { demoHandlers, demoRoutes } from './demo-service';
import { API_TOKENS, callJson, LogSink, TOKENS } from './service-test-kit';

export { API_TOKENS, LogSink, TOKENS } from './service-test-kit';

export interface Running {
  service: ServiceApp;
  server: Server;
  jobs: JobManager;
  logs: LogSink;
  config: CommonConfig;
  baseUrl: string;
  stream?: StreamServer;
  close(): Promise<void>;
}

export interface DemoOptions {
  env?: Record<string, string>;
  readinessChecks?: ReadinessCheck[];
  rateLimitStore?: RateLimitStore;
  /** Attach the WebSocket stream, with these options. */
  stream?: Partial<StreamServerOptions>;
}

/** Starts the demo service on 127.0.0.1, on a port the system picks. */
export function startDemo(options: DemoOptions = {}): Promise<Running> {
  return startService({ ...options, name: 'demo', routes: demoRoutes, handlers: demoHandlers });
}

export interface ServiceOptions<T extends RouteTable> extends DemoOptions {
  name: string;
  routes: T;
  handlers: (jobs: JobManager) => RouteHandlers<T>;
  openApi?: object;
}

/** Starts a service of the kit with these routes and handlers on 127.0.0.1, on a port the system picks. */
export async function startService<T extends RouteTable>(options: ServiceOptions<T>): Promise<Running> {
  const config = loadConfig(serviceConfigSchema(), {
    PORT: '0',
    API_TOKENS,
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const logs = new LogSink();
  const logger = createLogger({ service: options.name, version: '1.2.3', level: config.LOG_LEVEL, destination: logs });
  const jobs = new JobManager({ logger, maxConcurrent: config.JOBS_MAX_CONCURRENT, maxQueued: config.JOBS_MAX_QUEUED });
  const service = createServiceApp({
    name: options.name,
    version: '1.2.3',
    config,
    logger,
    routes: options.routes,
    handlers: options.handlers(jobs),
    readinessChecks: options.readinessChecks ?? [],
    checkResponses: true,
    openApi: options.openApi ?? { openapi: '3.1.0', info: { title: options.name, version: '1.2.3' }, paths: {} },
    ...(options.rateLimitStore ? { rateLimitStore: options.rateLimitStore } : {}),
  });
  const server = await service.start();
  const { port } = server.address() as AddressInfo;
  const stream = options.stream && attachStream(server, { authenticator: service.authenticator, logger, jobs, ...options.stream });
  return {
    service,
    server,
    jobs,
    logs,
    config,
    baseUrl: `http://127.0.0.1:${port}`,
    ...(stream ? { stream } : {}),
    close: async () => {
      await stream?.close();
      await jobs.shutdown(0);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** fetch on a demo service with a bearer token and a JSON body (see callJson). */
export function call(running: Running, method: string, path: string, options?: Parameters<typeof callJson>[3]) {
  return callJson(running.baseUrl, method, path, options);
}
