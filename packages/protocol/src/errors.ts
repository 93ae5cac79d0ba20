import { z } from 'zod';

/**
 * Every error code a service answers with, and its HTTP status: the one place where the two are
 * tied. Codes are stable; messages are for people and may change.
 */
export const ERROR_STATUS = {
  /** Malformed request that no schema describes (e.g. a body that is not JSON). */
  BAD_REQUEST: 400,
  /** A request failed its schema; details hold the issues. */
  VALIDATION_FAILED: 400,
  /** Atomese text could not be read; details hold file, line and column. */
  PARSE_ERROR: 400,
  UNKNOWN_TYPE: 400,
  INVALID_TYPE: 400,
  INVALID_ATOM: 400,
  INVALID_VALUE: 400,
  INVALID_QUERY: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SPACE_NOT_FOUND: 404,
  BASE_NOT_FOUND: 404,
  ATOM_NOT_FOUND: 404,
  JOB_NOT_FOUND: 404,
  SNAPSHOT_NOT_FOUND: 404,
  BACKUP_NOT_FOUND: 404,
  CONFLICT: 409,
  /** The atom is in the outgoing set of other atoms; remove recursively. */
  HAS_INCOMING: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** A grounded procedure or a rule failed while running. */
  EXECUTION_ERROR: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  /** The job queue is full. */
  TOO_MANY_JOBS: 503,
  /** The work was stopped before it finished: the client went away or the service is stopping. */
  QUERY_ABORTED: 503,
  /** A query exceeded its time limit. */
  QUERY_TIMEOUT: 504,
  /** A request or a job exceeded its time limit. */
  TIMEOUT: 504,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/**
 * The kernel's `AtomSpaceError` codes (packages/atomspace/src/errors.ts) and the wire code each
 * becomes. Kept as data so that this package does not depend on the kernel.
 */
export const KERNEL_ERROR_CODES = {
  UNKNOWN_TYPE: 'UNKNOWN_TYPE',
  INVALID_TYPE: 'INVALID_TYPE',
  INVALID_ATOM: 'INVALID_ATOM',
  INVALID_VALUE: 'INVALID_VALUE',
  NOT_IN_SPACE: 'ATOM_NOT_FOUND',
  HAS_INCOMING: 'HAS_INCOMING',
  PARSE_ERROR: 'PARSE_ERROR',
  INVALID_QUERY: 'INVALID_QUERY',
  EXECUTION_ERROR: 'EXECUTION_ERROR',
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  QUERY_ABORTED: 'QUERY_ABORTED',
} as const satisfies Record<string, ErrorCode>;

export type KernelErrorCode = keyof typeof KERNEL_ERROR_CODES;

export const errorCodeSchema = z.enum(ERROR_CODES);

/** Where Atomese text failed to parse: 1-based line and column, as editors count. */
export const parseErrorDetailsSchema = z
  .object({
    file: z.string().optional(),
    line: z.number().int().min(1),
    column: z.number().int().min(1),
    reason: z.string().optional(),
  })
  .meta({ id: 'ParseErrorDetails' });

/** One schema issue: where (a JSON path inside `location`) and what. */
export const validationIssueSchema = z
  .object({
    location: z.enum(['params', 'query', 'body', 'message']),
    path: z.array(z.union([z.string(), z.number()])),
    code: z.string(),
    message: z.string(),
  })
  .meta({ id: 'ValidationIssue' });

export const validationErrorDetailsSchema = z
  .object({ issues: z.array(validationIssueSchema) })
  .meta({ id: 'ValidationErrorDetails' });

export const errorInfoSchema = z
  .object({
    code: errorCodeSchema,
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'ErrorInfo' });

/** The one error body of every service: `{ error: { code, message, details? } }`. */
export const errorBodySchema = z.object({ error: errorInfoSchema }).meta({ id: 'ErrorBody' });

export type ParseErrorDetails = z.infer<typeof parseErrorDetailsSchema>;
export type ValidationIssue = z.infer<typeof validationIssueSchema>;
export type ValidationErrorDetails = z.infer<typeof validationErrorDetailsSchema>;
export type ErrorInfo = z.infer<typeof errorInfoSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_STATUS, code);
}

/** The code for a response that carries no error body (a proxy's page, a dropped connection). */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    case 502:
    case 503:
      return 'UNAVAILABLE';
    case 504:
      return 'TIMEOUT';
    default:
      return status >= 400 && status < 500 ? 'BAD_REQUEST' : 'INTERNAL';
  }
}

/**
 * The one error type of the services and their clients: a stable `code`, the HTTP `status` it
 * maps to, a message for people and optional structured `details`. Services throw it; the client
 * throws it for every error body it receives.
 */
export class ServiceError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Defaults to the code's status; a client sets the status it received (0: no response). */
    status?: number,
  ) {
    super(message);
    this.name = 'ServiceError';
    this.status = status ?? ERROR_STATUS[code];
  }

  toInfo(): ErrorInfo {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  toBody(): ErrorBody {
    return { error: this.toInfo() };
  }

  static fromInfo(info: ErrorInfo, status?: number): ServiceError {
    return new ServiceError(info.code, info.message, info.details, status);
  }
}
