/** Stable codes of every error the storage layer raises; services map them to HTTP statuses. */
export type StorageErrorCode =
  | 'BASE_NOT_FOUND'
  | 'BASE_EXISTS'
  | 'ATOM_NOT_FOUND'
  | 'HAS_INCOMING'
  | 'SNAPSHOT_NOT_FOUND'
  | 'SNAPSHOT_EXISTS'
  | 'UNKNOWN_TYPE'
  | 'INVALID_ATOM'
  | 'INVALID_ARGUMENT'
  | 'INVALID_BACKUP'
  | 'STORAGE_UNAVAILABLE'
  | 'STORAGE_ERROR'
  | 'STORE_CLOSED'
  | 'ABORTED';

/** The one error type of the storage layer: a stable `code` and a message that names the problem. */
export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

export function isStorageError(e: unknown, code?: StorageErrorCode): e is StorageError {
  return e instanceof StorageError && (code === undefined || e.code === code);
}
