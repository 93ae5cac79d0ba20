/** Checks and normalises the arguments of queries and pages, the same for every backend. */
import type { TypeRegistry } from '@ai-opencog/atomspace';
import type { AtomQuery, JournalReadOptions, PageOptions } from './atom-store';
import { StorageError } from './errors';

export const MAX_LIMIT = 10_000;

/** The full type names a query selects (with subtypes when asked), or undefined for all types. */
export function queryTypeNames(query: AtomQuery, types: TypeRegistry): string[] | undefined {
  if (query.types === undefined) return undefined;
  const names = new Set<string>();
  for (const n of query.types) {
    const t = types.find(n);
    if (!t) throw new StorageError('UNKNOWN_TYPE', `unknown atom type '${n}'`);
    names.add(t.name);
    if (query.subtypes) for (const s of types.subtypesOf(t)) names.add(s.name);
  }
  return [...names];
}

export function checkLimit(limit: number | undefined, fallback: number): number {
  const n = limit ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
    throw new StorageError('INVALID_ARGUMENT', `limit must be an integer from 1 to ${MAX_LIMIT}, got ${limit}`);
  }
  return n;
}

/** A page position: the (name, key) of the last atom of the previous page. */
export interface PagePosition {
  name: string;
  key: string;
}

export function encodeCursor(p: PagePosition): string {
  return Buffer.from(JSON.stringify([p.name, p.key]), 'utf8').toString('base64url');
}

export function decodeCursor(page: PageOptions | undefined): PagePosition | undefined {
  if (page?.cursor === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(page.cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return { name: v[0], key: v[1] };
  } catch {
    // reported below
  }
  throw new StorageError('INVALID_ARGUMENT', 'cursor is not one this store returned');
}

export function checkJournalRead(options: JournalReadOptions): { afterSeq: number; limit: number } {
  const afterSeq = options.afterSeq ?? 0;
  if (!Number.isInteger(afterSeq) || afterSeq < 0) throw new StorageError('INVALID_ARGUMENT', `afterSeq must be a non-negative integer, got ${afterSeq}`);
  return { afterSeq, limit: checkLimit(options.limit, 1000) };
}
