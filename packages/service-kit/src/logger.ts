import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OPERATIONAL_PATHS } from '@ai-opencog/protocol';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';

export type { Logger } from 'pino';

export interface LoggerOptions {
  service: string;
  version?: string;
  level?: string;
  /** Where the JSON lines go (default stdout); tests pass a stream that collects them. */
  destination?: DestinationStream;
}

/** A pino logger writing one JSON object a line, with the service and version on every line. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service, ...(options.version ? { version: options.version } : {}) },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}

/** The header that carries a request's id in and out. */
export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's request id when it is sane (so ids follow a request across services), else makes one. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The URL as logs show it: without a `token` query parameter. */
function loggableUrl(url: string | undefined): string {
  return (url ?? '').replace(/([?&]token=)[^&]*/g, '$1[redacted]');
}

const QUIET_PATHS = new Set<string>([OPERATIONAL_PATHS.health, OPERATIONAL_PATHS.ready, OPERATIONAL_PATHS.metrics]);

/**
 * pino-http middleware: every request gets an id (echoed in the `x-request-id` response
 * header), `req.log` logs with `requestId` on each line, and one line is logged when the
 * request completes. Probes of /healthz, /readyz and /metrics are not logged.
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdOf(req);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true,
    autoLogging: { ignore: (req) => QUIET_PATHS.has((req.url ?? '').split('?')[0]!) },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: (req, res, ms) => `${req.method} ${loggableUrl(req.url)} ${res.statusCode} ${Math.round(ms)}ms`,
    customErrorMessage: (req, res) => `${req.method} ${loggableUrl(req.url)} ${res.statusCode} failed`,
    serializers: {
      // Only what an operator needs: never headers (they carry bearer tokens).
      req: (req: { method: string; url: string; remoteAddress?: string }) => ({
        method: req.method,
        url: loggableUrl(req.url),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
