export {
  loadConfig,
  serviceConfigSchema,
  parseApiTokens,
  envInt,
  envBool,
  envBytes,
  envEnum,
  ConfigError,
  type ApiToken,
  type CommonConfig,
} from './config';
export { createLogger, REQUEST_ID_HEADER, type Logger, type LoggerOptions } from './logger';
export { ServiceMetrics } from './metrics';
export { Authenticator, ANONYMOUS, type Principal } from './auth';
export { MemoryRateLimitStore, type RateLimitStore } from './rate-limit';
export { toServiceError } from './errors';
export { parseOrThrow } from './validation';
export {
  JobManager,
  type JobContext,
  type JobFunction,
  type JobStartOptions,
  type JobManagerOptions,
  type JobListener,
} from './jobs';
export {
  createServiceApp,
  type ServiceApp,
  type ServiceAppOptions,
  type ReadinessCheck,
  type HandlerContext,
  type RawRequest,
  type RouteInput,
  type RouteHandler,
  type RouteHandlers,
} from './service-app';
export {
  attachStream,
  topics,
  type StreamServer,
  type StreamConnection,
  type StreamMessageHandler,
  type StreamServerOptions,
} from './websocket';
export { installShutdown, type RunningService, type Shutdown, type ShutdownHook, type ShutdownOptions } from './shutdown';
export { freePort } from './free-port';
