/** Names of knowledge bases and snapshots: they appear in URLs, file names and Redis channels. */
import { StorageError } from './errors';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** 1-128 characters of `[A-Za-z0-9._-]`, starting with a letter or digit; else INVALID_ARGUMENT. */
export function checkName(kind: 'knowledge base' | 'snapshot', name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new StorageError(
      'INVALID_ARGUMENT',
      `${kind} name ${JSON.stringify(name)} must be 1-128 characters of letters, digits, '.', '_' and '-', starting with a letter or digit`,
    );
  }
  return name;
}
