import { createServer, type Server } from 'node:http';
import type { Readable } from 'node:stream';
import {
  OPERATIONAL_PATHS,
  ServiceError,
  type Health,
  type Readiness,
  type ReadinessCheck as ReadinessCheckResult,
  type Role,
  type RouteBody,
  type RouteDef,
  type RouteParams,
  type RouteQuery,
  type RouteResponseInput,
  type RouteTable,
} from '@ai-opencog/protocol';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { Authenticator, type Principal } from './auth';
import type { CommonConfig } from './config';
import { errorHandler, notFoundHandler, sendError } from './errors';
import { requestLogger } from './logger';
import { ServiceMetrics, setRouteLabel, routeLabel } from './metrics';
import { MemoryRateLimitStore, RateLimiter, type RateLimitStore } from './rate-limit';
import { issuesOf, parseOrThrow } from './validation';

/** A dependency `/readyz` checks: it is down when `check` throws or takes longer than `timeoutMs`. */
export interface ReadinessCheck {
  name: string;
  check(signal: AbortSignal): Promise<void>;
  /** Default 2 s. */
  timeoutMs?: number;
}

/** What a handler gets besides its validated input. */
export interface HandlerContext {
  req: Request;
  res: Response;
  principal: Principal;
  requestId: string;
  /** Logs with the request id on every line. */
  log: Logger;
  /** Aborted when the client goes away or the request times out: pass it to long work. */
  signal: AbortSignal;
}

/** A streamed request body (a route's `rawBody` content types): read `stream` yourself. */
export interface RawRequest {
  contentType: string;
  /** From Content-Length, when the client sent one. */
  length?: number;
  stream: Readable;
}

export interface RouteInput<R extends RouteDef> {
  params: RouteParams<R>;
  query: RouteQuery<R>;
  /** The validated JSON body; undefined when the request streams a raw body instead. */
  body: R extends { rawBody: readonly string[] } ? RouteBody<R> | undefined : RouteBody<R>;
  raw?: RawRequest;
}

/**
 * A route's handler: it returns the JSON response (typed by the route's response schema), which
 * the kit sends with the route's status; a route with a streamed response writes `ctx.res`.
 */
export type RouteHandler<R extends RouteDef> = (
  input: RouteInput<R>,
  ctx: HandlerContext,
) => Promise<HandlerResult<R>> | HandlerResult<R>;

type HandlerResult<R extends RouteDef> = R extends { response: z.ZodType } ? RouteResponseInput<R> : void;

export type RouteHandlers<T extends RouteTable> = { [K in keyof T]: RouteHandler<T[K]> };

export interface ServiceAppOptions<T extends RouteTable> {
  name: string;
  version: string;
  config: CommonConfig;
  logger: Logger;
  /** The protocol's route table of the service, and a handler for each route. */
  routes: T;
  handlers: RouteHandlers<T>;
  readinessChecks?: readonly ReadinessCheck[];
  metrics?: ServiceMetrics;
  /** Default: counts kept in this process. */
  rateLimitStore?: RateLimitStore;
  /** Served, open, at /v1/openapi.json. */
  openApi?: object;
  /** Validate every JSON response against the route's schema (tests, development). */
  checkResponses?: boolean;
}

export interface ServiceApp {
  app: Express;
  metrics: ServiceMetrics;
  authenticator: Authenticator;
  logger: Logger;
  /** Listens on HOST:PORT and resolves with the server once it is listening. */
  start(): Promise<Server>;
}

/**
 * The express app of a service: request ids and logs, helmet, metrics, request time limit, the
 * open /healthz, /readyz, /metrics (and /v1/openapi.json), then each route of the table behind
 * its role, the rate limit, a body parser and validation, and finally 404 and the error body.
 */
export function createServiceApp<T extends RouteTable>(options: ServiceAppOptions<T>): ServiceApp {
  const { config, logger } = options;
  const metrics = options.metrics ?? new ServiceMetrics({ service: options.name });
  const authenticator = new Authenticator(config.AUTH_MODE, config.API_TOKENS);
  const limiter = new RateLimiter({
    perMinute: config.RATE_LIMIT_PER_MINUTE,
    store: options.rateLimitStore ?? new MemoryRateLimitStore(),
    logger,
  });
  const startedAt = Date.now();
  const app = express();
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(requestLogger(logger));
  app.use(helmet());
  app.use(metrics.httpMiddleware());
  app.use(requestDeadline(config.REQUEST_TIMEOUT_MS, metrics));

  const open = (path: string, handler: RequestHandler) => app.get(path, labelled(path), handler);
  open(OPERATIONAL_PATHS.health, (_req, res) => {
    const health: Health = {
      status: 'ok',
      service: options.name,
      version: options.version,
      uptimeSeconds: (Date.now() - startedAt) / 1000,
    };
    res.json(health);
  });
  open(OPERATIONAL_PATHS.ready, async (_req, res) => {
    const readiness = await checkReadiness(options.name, options.readinessChecks ?? []);
    res.status(readiness.status === 'ready' ? 200 : 503).json(readiness);
  });
  open(OPERATIONAL_PATHS.metrics, async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.text());
  });
  if (options.openApi) {
    const document = options.openApi;
    open(OPERATIONAL_PATHS.openApi, (_req, res) => void res.json(document));
  }

  const rateLimit: RequestHandler = async (req, res, next) => {
    const principal = res.locals.principal as Principal;
    await limiter.check(authenticator.enabled ? `token:${principal.name}` : `ip:${req.ip}`, res);
    next();
  };
  for (const [id, route] of Object.entries(options.routes)) {
    const handler = options.handlers[id];
    if (typeof handler !== 'function') throw new Error(`no handler for route ${id} (${route.method} ${route.path})`);
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    app[method](
      route.path,
      labelled(route.path),
      authorizer(authenticator, route.role),
      rateLimit,
      bodyReader(route, config.BODY_LIMIT),
      handle(route, handler as RouteHandler<RouteDef>, options.checkResponses ?? false),
    );
  }

  app.use(notFoundHandler);
  app.use(errorHandler(metrics));

  return {
    app,
    metrics,
    authenticator,
    logger,
    start: () =>
      new Promise<Server>((resolve, reject) => {
        if (!authenticator.enabled) logger.warn('authentication is off (AUTH_MODE=off): every caller is admin');
        const server = createServer(app);
        server.once('error', reject);
        server.listen(config.PORT, config.HOST, () => {
          server.off('error', reject);
          logger.info({ address: server.address() }, `${options.name} ${options.version} listening`);
          resolve(server);
        });
      }),
  };
}

function labelled(pattern: string): RequestHandler {
  return (_req, res, next) => {
    setRouteLabel(res, pattern);
    next();
  };
}

function authorizer(authenticator: Authenticator, role: Role): RequestHandler {
  return (req, res, next) => {
    res.locals.principal = authenticator.authorize(req, role);
    next();
  };
}

/**
 * Reads the body a route takes: JSON (parsed, within the size limit) or one of its raw content
 * types (left as a stream for the handler); any other content type is 415.
 */
function bodyReader(route: RouteDef, limit: number): RequestHandler {
  const json = express.json({ limit, type: () => true });
  const accepted = [...(route.body ? ['application/json'] : []), ...(route.rawBody ?? [])];
  return (req, res, next) => {
    const hasBody = (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') || req.headers['transfer-encoding'] !== undefined;
    if (accepted.length === 0 || !hasBody) return next();
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (route.rawBody?.includes(type)) {
      const length = Number(req.headers['content-length']);
      const raw: RawRequest = { contentType: type, stream: req, ...(Number.isFinite(length) ? { length } : {}) };
      res.locals.raw = raw;
      return next();
    }
    if (route.body && (type === 'application/json' || type.endsWith('+json'))) return json(req, res, next);
    throw new ServiceError('UNSUPPORTED_MEDIA_TYPE', `send ${accepted.join(' or ')}${type ? `, not ${type}` : ''}`, { accepted });
  };
}

function handle(route: RouteDef, handler: RouteHandler<RouteDef>, checkResponses: boolean): RequestHandler {
  return async (req, res) => {
    const raw = res.locals.raw as RawRequest | undefined;
    // Typed per route by RouteHandler; here, one code path serves every route.
    const input = {
      params: route.params ? parseOrThrow(route.params, req.params, 'params') : {},
      query: route.query ? parseOrThrow(route.query, req.query, 'query') : {},
      body: route.body && !raw ? parseOrThrow(route.body, req.body, 'body') : undefined,
      ...(raw ? { raw } : {}),
    } as RouteInput<RouteDef>;
    const context: HandlerContext = {
      req,
      res,
      principal: res.locals.principal as Principal,
      requestId: String(req.id),
      log: req.log,
      signal: res.locals.signal as AbortSignal,
    };
    const result = await handler(input, context);
    // Answered already: a streamed response, or a 504 after the request's deadline.
    if (res.headersSent) return;
    if (!route.response || route.status === 204) return void res.status(route.status).end();
    if (checkResponses) {
      const checked = route.response.safeParse(result);
      if (!checked.success) {
        req.log.error({ issues: issuesOf(checked.error, 'body') }, `the response of ${route.method} ${route.path} breaks its schema`);
        throw new ServiceError('INTERNAL', 'internal error');
      }
    }
    res.status(route.status).json(result);
  };
}

/**
 * Gives each request an AbortSignal (res.locals.signal) that aborts when the client goes away
 * or when the request has not started its answer within `timeoutMs` (then answered 504 TIMEOUT).
 */
function requestDeadline(timeoutMs: number, metrics: ServiceMetrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const controller = new AbortController();
    res.locals.signal = controller.signal;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            if (res.headersSent) return;
            const error = new ServiceError('TIMEOUT', `no answer within ${timeoutMs} ms`);
            controller.abort(error);
            req.log.warn({ timeoutMs }, 'request timed out');
            metrics.httpErrors.inc({ method: req.method, route: routeLabel(res), status: String(error.status), code: error.code });
            sendError(res, error);
          }, timeoutMs)
        : undefined;
    res.on('close', () => {
      clearTimeout(timer);
      if (!res.writableFinished) controller.abort(new ServiceError('QUERY_ABORTED', 'the client went away'));
    });
    next();
  };
}

/** Runs every check at once, each within its time limit. */
async function checkReadiness(service: string, checks: readonly ReadinessCheck[]): Promise<Readiness> {
  const results = await Promise.all(checks.map(runCheck));
  return {
    status: results.every((r) => r.status === 'up') ? 'ready' : 'unavailable',
    service,
    checks: results,
  };
}

async function runCheck(check: ReadinessCheck): Promise<ReadinessCheckResult> {
  const started = performance.now();
  const controller = new AbortController();
  const timeoutMs = check.timeoutMs ?? 2_000;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([check.check(controller.signal), expired]);
    return { name: check.name, status: 'up', latencyMs: elapsed(started) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { name: check.name, status: 'down', latencyMs: elapsed(started), error: message.slice(0, 200) };
  } finally {
    clearTimeout(timer);
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
