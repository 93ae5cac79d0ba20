import { z } from 'zod';
import { LIMITS } from './limits';

/** Name of a space, knowledge base, snapshot or backup: it appears in paths, so it is URL-safe. */
export const resourceNameSchema = z
  .string()
  .regex(
    new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${LIMITS.resourceName - 1}}$`),
    `a name is 1-${LIMITS.resourceName} letters, digits, '.', '_' or '-', starting with a letter or digit`,
  );

export const descriptionSchema = z.string().max(LIMITS.description);

/** ISO 8601 time with a zone, as `Date.prototype.toISOString` writes it. */
export const timestampSchema = z.iso.datetime({ offset: true });

export const countSchema = z.number().int().min(0);

/** A boolean in a query string: `true`/`false`/`1`/`0` on the wire, a boolean for a client. */
export function queryFlag(defaultValue: boolean) {
  return z.union([z.boolean(), z.stringbool()]).default(defaultValue);
}

/** An integer in a query string, within bounds; a client passes a number. */
export function queryInt(min: number, max: number) {
  return z.coerce.number<number>().int().min(min).max(max);
}

/** Paging by cursor (from the previous page's `nextCursor`) or by offset; not both. */
export const pageQueryShape = {
  cursor: z.string().min(1).max(LIMITS.cursor).optional(),
  offset: queryInt(0, LIMITS.offset).optional(),
  limit: queryInt(1, LIMITS.pageSize).default(LIMITS.defaultPageSize),
};

/** A query object with the paging fields and the cursor/offset exclusion. */
export function pagedQuery<S extends z.ZodRawShape>(shape: S) {
  return z
    .object({ ...shape, ...pageQueryShape })
    .refine((q) => (q as { cursor?: string }).cursor === undefined || (q as { offset?: number }).offset === undefined, {
      message: 'give either cursor or offset, not both',
      path: ['cursor'],
    });
}

/** One page of items; `nextCursor` is absent on the last page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: countSchema.optional(),
    nextCursor: z.string().max(LIMITS.cursor).optional(),
  });
}

/** True when exactly one of the keys is set: for bodies that take one of several inputs. */
export function exactlyOne(value: Record<string, unknown>, keys: readonly string[]): boolean {
  return keys.filter((k) => value[k] !== undefined).length === 1;
}
