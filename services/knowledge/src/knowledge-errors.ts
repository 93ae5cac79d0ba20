import { ServiceError, type ErrorCode } from '@ai-opencog/protocol';
import { isStorageError, type StorageErrorCode } from '@ai-opencog/storage';

/*
 * The one table from storage's error codes to the wire's. service-kit maps ServiceErrors and the
 * kernel's errors to HTTP statuses; storage's errors become ServiceErrors here, where they leave
 * the service: route handlers and jobs (routers/handlers.ts).
 */
const STORAGE_TO_WIRE: Record<StorageErrorCode, ErrorCode> = {
  BASE_NOT_FOUND: 'BASE_NOT_FOUND',
  BASE_EXISTS: 'CONFLICT',
  ATOM_NOT_FOUND: 'ATOM_NOT_FOUND',
  HAS_INCOMING: 'HAS_INCOMING',
  SNAPSHOT_NOT_FOUND: 'SNAPSHOT_NOT_FOUND',
  SNAPSHOT_EXISTS: 'CONFLICT',
  UNKNOWN_TYPE: 'UNKNOWN_TYPE',
  INVALID_ATOM: 'INVALID_ATOM',
  INVALID_ARGUMENT: 'BAD_REQUEST',
  INVALID_BACKUP: 'BAD_REQUEST',
  STORAGE_UNAVAILABLE: 'UNAVAILABLE',
  STORAGE_ERROR: 'INTERNAL',
  STORE_CLOSED: 'UNAVAILABLE',
  ABORTED: 'QUERY_ABORTED',
};

/** A storage error as the ServiceError the wire shows; anything else as it is. */
export function toWireError(error: unknown): unknown {
  if (!isStorageError(error)) return error;
  const code = STORAGE_TO_WIRE[error.code] ?? 'INTERNAL';
  // An unexpected database error stays as it is: the kit answers INTERNAL without its message and
  // logs it with its stack.
  if (code === 'INTERNAL') return error;
  return new ServiceError(code, error.message, { storageCode: error.code });
}

/** Runs `f`, turning storage errors into wire errors. */
export async function withWireErrors<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw toWireError(e);
  }
}
