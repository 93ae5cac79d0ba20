import { LIMITS, ServiceError, type ValidationIssue } from '@ai-opencog/protocol';
import type { z } from 'zod';

type Location = ValidationIssue['location'];

/** The issues of a failed parse, each with where (location and JSON path) and what. */
export function issuesOf(error: z.ZodError, location: Location): ValidationIssue[] {
  return error.issues.map((issue) => ({
    location,
    path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
    code: issue.code,
    message: issue.message,
  }));
}

/** VALIDATION_FAILED with the issues in details; the message names the first one. */
function validationError(issues: ValidationIssue[]): ServiceError {
  const first = issues[0];
  const where = first ? [first.location, ...first.path].join('.') : 'request';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new ServiceError('VALIDATION_FAILED', `${where}: ${first?.message ?? 'invalid'}${more}`, { issues });
}

/**
 * Parses `value` with `schema`, or throws VALIDATION_FAILED. JSON nested deeper than
 * LIMITS.jsonDepth is refused first, so that a hostile body cannot exhaust the stack.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, location: Location): z.output<S> {
  if (depthOf(value, LIMITS.jsonDepth) > LIMITS.jsonDepth) {
    throw validationError([{ location, path: [], code: 'too_deep', message: `nested deeper than ${LIMITS.jsonDepth} levels` }]);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(issuesOf(parsed.error, location));
  return parsed.data;
}

/** Nesting depth of a JSON value, counted without recursion and without going past `limit`. */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}
