import type { z } from 'zod';

/** Roles of a bearer token, each allowing what the one before it does: read < write < admin. */
export const ROLES = ['read', 'write', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function roleAllows(granted: Role, required: Role): boolean {
  return ROLES.indexOf(granted) >= ROLES.indexOf(required);
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One route of a service, as data: the service mounts it (validating with these schemas and
 * checking the role) and the client calls it, so the two cannot drift.
 */
export interface RouteDef {
  method: HttpMethod;
  /** Express-style path with `:name` parameters, versioned: `/v1/spaces/:space`. */
  path: string;
  summary: string;
  /** OpenAPI tag grouping the route. */
  tag: string;
  /** The least role a token needs. */
  role: Role;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** JSON request body. */
  body?: z.ZodType;
  /** Content types of a streamed (non-JSON) request body the route also takes. */
  rawBody?: readonly string[];
  /** Status of a successful answer. */
  status: 200 | 201 | 202 | 204;
  /** JSON response body (none with 204 or a streamed response). */
  response?: z.ZodType;
  /** Content types of a streamed response body. */
  rawResponse?: readonly string[];
}

export type RouteTable = Record<string, RouteDef>;

/** Keeps the literal type of a route, so that clients and handlers get its exact schemas. */
export function defineRoute<const R extends RouteDef>(route: R): R {
  return route;
}

type Output<R, K extends string, Else> = R extends { [P in K]: infer S extends z.ZodType } ? z.output<S> : Else;
type Input<R, K extends string, Else> = R extends { [P in K]: infer S extends z.ZodType } ? z.input<S> : Else;
type NoFields = Record<string, never>;

/** What a service handler receives, after validation. */
export type RouteParams<R extends RouteDef> = Output<R, 'params', NoFields>;
export type RouteQuery<R extends RouteDef> = Output<R, 'query', NoFields>;
export type RouteBody<R extends RouteDef> = Output<R, 'body', undefined>;
/** What a client receives, after validation. */
export type RouteResponse<R extends RouteDef> = Output<R, 'response', void>;

/** What a client sends. */
export type RouteParamsInput<R extends RouteDef> = Input<R, 'params', NoFields>;
export type RouteQueryInput<R extends RouteDef> = Input<R, 'query', NoFields>;
export type RouteBodyInput<R extends RouteDef> = Input<R, 'body', undefined>;
/** What a service handler returns for a JSON route. */
export type RouteResponseInput<R extends RouteDef> = Input<R, 'response', void>;

/** The route's path with its parameters filled in, each URI-encoded. */
export function fillPath(path: string, params: Record<string, string | number>): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`missing path parameter '${name}' for ${path}`);
    return encodeURIComponent(String(value));
  });
}

/** `/v1/spaces/:space` as OpenAPI writes it: `/v1/spaces/{space}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

/** Media types of the non-JSON bodies: Atomese text and JSON lines (one JSON value per line). */
export const CONTENT_TYPES = {
  json: 'application/json',
  atomese: 'text/x-scheme',
  jsonLines: 'application/x-ndjson',
} as const;
