import { randomBytes } from 'node:crypto';
import { ServiceError } from '@ai-opencog/protocol';

/*
 * Knowledge bases the service keeps for its own work: the staging base of an import, and the
 * temporary base of a restore that replaces another. Their names start with a reserved prefix;
 * they are left out of listings, unreachable through the routes, and no client may create or
 * rename a base into the prefix.
 */
export const INTERNAL_PREFIX = 'aoc-internal.';

export type InternalKind = 'import-stage' | 'import-commit' | 'import-swap' | 'restore';

export function isInternalBase(name: string): boolean {
  return name.startsWith(INTERNAL_PREFIX);
}

/** Refuses a name in the reserved prefix for a base a client names. */
export function checkClientBaseName(name: string): void {
  if (isInternalBase(name)) {
    throw new ServiceError('BAD_REQUEST', `knowledge base names starting with ${INTERNAL_PREFIX} are reserved for the service`);
  }
}

/** A fresh id for an internal base. */
export function internalId(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

/** `aoc-internal.import-stage.<id>` etc.; `suffix` (a base name) may follow. */
export function internalBaseName(kind: InternalKind, id: string, suffix?: string): string {
  return `${INTERNAL_PREFIX}${kind}.${id}${suffix === undefined ? '' : `.${suffix}`}`;
}

/** The parts of an internal name, or undefined for a client's base. */
export function parseInternalName(name: string): { kind: InternalKind; id: string; suffix?: string } | undefined {
  const m = /^aoc-internal\.(import-stage|import-commit|import-swap|restore)\.([0-9a-f]+)(?:\.(.+))?$/.exec(name);
  if (!m) return undefined;
  return m[3] === undefined ? { kind: m[1] as InternalKind, id: m[2]! } : { kind: m[1] as InternalKind, id: m[2]!, suffix: m[3] };
}
