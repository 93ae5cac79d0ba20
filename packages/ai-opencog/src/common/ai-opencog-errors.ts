import { ApplicationError } from '@theia/core/lib/common/application-error';

/*
 * How a failure of a service reaches the user: the backend turns every ServiceError (and anything
 * else) into one ApplicationError that crosses Theia's JSON-RPC with its code, status and details;
 * the browser shows `describeError(error)`, a sentence, never a stack trace.
 */

export interface ServiceFailure {
  /** The protocol's error code (`PARSE_ERROR`, `SPACE_NOT_FOUND`, `UNAVAILABLE`, ...). */
  code: string;
  /** HTTP status; 0 when the service could not be reached or did not answer in time. */
  status: number;
  /** What was being done: `load examples/animals.scm into space "default"`. */
  action?: string;
  details?: unknown;
}

export const AiOpencogError = ApplicationError.declare(-33700, (message: string, data: ServiceFailure) => ({ message, data }));

/** Line and column of a parse error, from the service's details. */
export interface ParsePosition {
  file?: string;
  line: number;
  column: number;
  reason?: string;
}

export function parsePositionOf(error: unknown): ParsePosition | undefined {
  const data = failureOf(error);
  if (!data || data.code !== 'PARSE_ERROR') return undefined;
  const d = data.details as Partial<ParsePosition> | undefined;
  if (!d || typeof d.line !== 'number' || typeof d.column !== 'number') return undefined;
  return { file: d.file, line: d.line, column: d.column, reason: d.reason };
}

export function failureOf(error: unknown): ServiceFailure | undefined {
  if (error instanceof Error && AiOpencogError.is(error)) return error.data;
  if (typeof error === 'object' && error !== null && 'data' in error) {
    const data = (error as { data?: unknown }).data;
    if (typeof data === 'object' && data !== null && typeof (data as ServiceFailure).code === 'string') return data as ServiceFailure;
  }
  return undefined;
}

const HINTS: Record<string, string> = {
  UNAVAILABLE: 'Is it running? `npm start` starts the services with the IDE; the URLs are in the AI-OpenCog preferences.',
  UNAUTHORIZED: 'Set the token in the AI-OpenCog preferences (aiOpencog.token).',
  FORBIDDEN: 'The token does not allow this; a write or admin token is needed.',
  TIMEOUT: 'Raise the time limit in the AI-OpenCog preferences, or narrow the request.',
  QUERY_TIMEOUT: 'Raise aiOpencog.query.timeLimitMs, or narrow the query.',
  RATE_LIMITED: 'Too many requests: wait a moment and try again.',
  TOO_MANY_JOBS: 'The service runs as many jobs as it may: wait for one to end.',
};

/** One readable sentence (or two) for the user. */
export function describeError(error: unknown): string {
  const failure = failureOf(error);
  const message = messageOf(error);
  if (!failure) return message;
  const hint = HINTS[failure.code];
  const prefix = failure.action ? `Could not ${failure.action}: ` : '';
  return `${prefix}${message}${hint ? ` ${hint}` : ''}`;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return firstLine(error.message) || error.name;
  if (typeof error === 'string') return firstLine(error);
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return firstLine((error as { message: string }).message);
  }
  return String(error);
}

/** Messages never carry stack traces to the user: only their first line. */
function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.trim();
}
