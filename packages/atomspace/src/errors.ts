/** Stable codes of every error the kernel raises; services map them to HTTP statuses. */
export type AtomSpaceErrorCode =
  | 'UNKNOWN_TYPE'
  | 'INVALID_TYPE'
  | 'INVALID_ATOM'
  | 'INVALID_VALUE'
  | 'NOT_IN_SPACE'
  | 'HAS_INCOMING'
  | 'PARSE_ERROR'
  | 'INVALID_QUERY'
  | 'EXECUTION_ERROR'
  | 'QUERY_TIMEOUT'
  | 'QUERY_ABORTED';

/** The one error type of the kernel: a stable `code` and a message that names the problem. */
export class AtomSpaceError extends Error {
  constructor(
    readonly code: AtomSpaceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AtomSpaceError';
  }
}
