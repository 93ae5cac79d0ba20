import { KERNEL_ERROR_CODES, ServiceError, type KernelErrorCode } from '@ai-opencog/protocol';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { routeLabel, type ServiceMetrics } from './metrics';

/*
 * The one place where whatever was thrown becomes an error answer: a ServiceError with a stable
 * code, whose HTTP status comes from the protocol's ERROR_STATUS map.
 */

/**
 * The ServiceError for anything thrown: ServiceErrors as they are; the kernel's AtomSpaceError
 * by its code (PARSE_ERROR with file, line and column in details); body-parser's errors (too
 * large, not JSON); and anything else as INTERNAL with a message that reveals nothing.
 */
export function toServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  const kernel = kernelError(error);
  if (kernel) return kernel;
  const parser = bodyParserError(error);
  if (parser) return parser;
  return new ServiceError('INTERNAL', 'internal error');
}

/**
 * A kernel error, recognised by shape rather than by class so that the kit does not depend on
 * the kernel: an Error whose class (or a parent class) is named AtomSpaceError and whose code is
 * one of the kernel's.
 */
function kernelError(error: unknown): ServiceError | undefined {
  if (!(error instanceof Error) || !isAtomSpaceError(error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !Object.prototype.hasOwnProperty.call(KERNEL_ERROR_CODES, code)) return undefined;
  const e = error as Error & { file?: unknown; line?: unknown; column?: unknown; reason?: unknown };
  const details =
    code === 'PARSE_ERROR' && typeof e.line === 'number' && typeof e.column === 'number'
      ? {
          line: e.line,
          column: e.column,
          ...(typeof e.file === 'string' ? { file: e.file } : {}),
          ...(typeof e.reason === 'string' ? { reason: e.reason } : {}),
        }
      : undefined;
  return new ServiceError(KERNEL_ERROR_CODES[code as KernelErrorCode], error.message, details);
}

function isAtomSpaceError(error: Error): boolean {
  for (let proto = Object.getPrototypeOf(error); proto && proto !== Error.prototype; proto = Object.getPrototypeOf(proto)) {
    if (proto.constructor?.name === 'AtomSpaceError') return true;
  }
  return false;
}

/** Errors of express's body parsers carry a `type`. */
function bodyParserError(error: unknown): ServiceError | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as Error & { type?: unknown; limit?: unknown; status?: unknown };
  switch (e.type) {
    case 'entity.too.large':
      return new ServiceError('PAYLOAD_TOO_LARGE', `the request body is larger than ${e.limit} bytes`, { limit: e.limit as number });
    case 'entity.parse.failed':
      return new ServiceError('BAD_REQUEST', 'the request body is not valid JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ServiceError('UNSUPPORTED_MEDIA_TYPE', e.message);
    case 'request.aborted':
    case 'request.size.invalid':
      return new ServiceError('BAD_REQUEST', e.message);
    default:
      return undefined;
  }
}

/** Sends the uniform error body, with the headers some codes call for. */
export function sendError(res: Response, error: ServiceError): void {
  if (error.code === 'UNAUTHORIZED') res.setHeader('WWW-Authenticate', 'Bearer realm="ai-opencog"');
  res.status(error.status).json(error.toBody());
}

/**
 * The express error handler: answers with the error body, counts it, and logs it with the request
 * id — with the stack for server errors (5xx), which the body never shows.
 */
export function errorHandler(metrics: ServiceMetrics) {
  return (thrown: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      // Already answered (e.g. 504 after the request timed out): nothing more to send.
      if (res.writableEnded) return void req.log.warn({ err: thrown }, 'error after the response was sent');
      // Too late for an error body: let express end the response (it destroys the socket).
      req.log.error({ err: thrown }, 'error after the response started');
      return next(thrown);
    }
    const error = toServiceError(thrown);
    if (error.status >= 500) req.log.error({ err: thrown, code: error.code }, 'request failed');
    metrics.httpErrors.inc({ method: req.method, route: routeLabel(res), status: String(error.status), code: error.code });
    sendError(res, error);
  };
}

/** The last route: everything that matched nothing. */
export function notFoundHandler(req: Request): never {
  throw new ServiceError('NOT_FOUND', `no route for ${req.method} ${req.path}`);
}

/** The ServiceError of a failure outside a request (a job, a stream message), logged with its stack when it is a server error. */
export function logFailure(logger: Logger, error: unknown, message: string): ServiceError {
  const serviceError = toServiceError(error);
  if (serviceError.status >= 500) logger.error({ err: error, code: serviceError.code }, message);
  return serviceError;
}
