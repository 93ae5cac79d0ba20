import { z } from 'zod';
import { cognitiveRoutes } from './cognitive-routes';
import { errorBodySchema } from './errors';
import { healthSchema, OPERATIONAL_PATHS, readinessSchema } from './health';
import { knowledgeRoutes } from './knowledge-routes';
import { CONTENT_TYPES, openApiPath, type RouteDef, type RouteTable } from './route';
import { STREAM_PATH, streamClientMessageSchema, streamServerMessageSchema } from './stream-messages';

/** The protocol's version, reported as `info.version` of the OpenAPI documents. */
export const PROTOCOL_VERSION = '0.1.0';

export type JsonSchema = Record<string, unknown>;

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  tags: string[];
  'x-required-role'?: string;
  security: Record<string, string[]>[];
  parameters?: { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema; description?: string }[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> } | { $ref: string }>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, unknown>;
    securitySchemes: Record<string, unknown>;
  };
  /** The WebSocket stream, which OpenAPI cannot describe: its path and message schemas. */
  'x-stream': { path: string; clientMessage: JsonSchema; serverMessage: JsonSchema };
}

const SCHEMA_REF = '#/components/schemas/';
const ERROR_RESPONSE = { $ref: '#/components/responses/Error' };

/**
 * Components gathered from zod schemas. Every schema with a `meta({ id })` becomes a component
 * named by its id. Requests are converted as input (defaults make fields optional), responses as
 * output; where the two forms of one id differ, the input form is named `<id>Input`.
 */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};

  /** The JSON Schema of `schema`, with its named parts moved into the components. */
  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    delete json.$schema;
    // Responses may gain fields in later versions: clients ignore unknown fields (zod strips them).
    if (io === 'output') stripClosedObjects(json, defs);
    const names = this.nameDefinitions(defs, io);
    for (const [id, def] of Object.entries(defs)) {
      const name = names.get(id)!;
      const placed = rewriteRefs(def, names);
      const existing = this.schemas[name];
      if (existing !== undefined && !deepEqual(existing, placed)) {
        throw new Error(`two different schemas are named ${name}`);
      }
      this.schemas[name] = placed;
    }
    return rewriteRefs(json, names);
  }

  /** `convert`, then a component of its own (named `fallbackName` unless it has an id). */
  named(schema: z.ZodType, io: 'input' | 'output', fallbackName: string): JsonSchema {
    const json = this.convert(schema, io);
    if (typeof json.$ref === 'string') return json;
    this.schemas[fallbackName] = json;
    return { $ref: SCHEMA_REF + fallbackName };
  }

  /** Each definition keeps its id unless its form differs from a component of that name. */
  private nameDefinitions(defs: Record<string, JsonSchema>, io: 'input' | 'output'): Map<string, string> {
    const names = new Map(Object.keys(defs).map((id) => [id, id]));
    if (io === 'output') return names;
    // Renaming one definition changes the refs of those that contain it: repeat until stable.
    for (let changed = true; changed; ) {
      changed = false;
      for (const [id, def] of Object.entries(defs)) {
        const existing = this.schemas[id];
        if (names.get(id) === id && existing !== undefined && !deepEqual(existing, rewriteRefs(def, names))) {
          names.set(id, `${id}Input`);
          changed = true;
        }
      }
    }
    return names;
  }
}

/** Builds the OpenAPI 3.1 document of a route table. */
export function buildOpenApi(routes: RouteTable, info: { title: string; description?: string }): OpenApiDocument {
  const components = new Components();
  const paths: OpenApiDocument['paths'] = {};
  const entries = Object.entries(routes);
  // Responses first, so that a schema used both ways keeps its plain name for the output form.
  const responses = new Map(
    entries.map(([id, route]) => [id, route.response && components.named(route.response, 'output', `${capitalize(id)}Response`)]),
  );
  const errorBody = components.convert(errorBodySchema, 'output');
  for (const [id, route] of entries) {
    const operation = operationFor(id, route, responses.get(id), components);
    (paths[openApiPath(route.path)] ??= {})[route.method.toLowerCase()] = operation;
  }
  addOperationalPaths(paths, components);
  const clientMessage = components.convert(streamClientMessageSchema, 'input');
  const serverMessage = components.convert(streamServerMessageSchema, 'output');
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: PROTOCOL_VERSION, ...(info.description ? { description: info.description } : {}) },
    paths,
    components: {
      schemas: components.schemas,
      responses: {
        Error: { description: 'The uniform error body', content: { [CONTENT_TYPES.json]: { schema: errorBody } } },
      },
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'API token (roles read < write < admin)' } },
    },
    'x-stream': { path: STREAM_PATH, clientMessage, serverMessage },
  };
}

function operationFor(id: string, route: RouteDef, response: JsonSchema | undefined, components: Components): OpenApiOperation {
  const parameters = [...parametersOf(route.params, 'path', components), ...parametersOf(route.query, 'query', components)];
  const requestContent: Record<string, { schema: JsonSchema }> = {};
  if (route.body) requestContent[CONTENT_TYPES.json] = { schema: components.named(route.body, 'input', `${capitalize(id)}Request`) };
  for (const type of route.rawBody ?? []) requestContent[type] = { schema: { type: 'string' } };
  const hasBody = Object.keys(requestContent).length > 0;

  const content: Record<string, { schema: JsonSchema }> = {};
  if (response) content[CONTENT_TYPES.json] = { schema: response };
  for (const type of route.rawResponse ?? []) content[type] = { schema: { type: 'string' } };
  const responses: OpenApiOperation['responses'] = {
    [String(route.status)]: { description: route.summary, ...(Object.keys(content).length > 0 ? { content } : {}) },
  };
  const errorStatuses = ['400', '401', '403', '404', '429', '500', '503', ...(hasBody ? ['413', '415'] : [])];
  for (const status of errorStatuses.sort()) responses[status] = ERROR_RESPONSE;

  return {
    operationId: id,
    summary: route.summary,
    tags: [route.tag],
    'x-required-role': route.role,
    security: [{ bearerAuth: [] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(hasBody ? { requestBody: { required: true, content: requestContent } } : {}),
    responses,
  };
}

function parametersOf(schema: z.ZodObject | undefined, where: 'path' | 'query', components: Components) {
  if (!schema) return [];
  const json = components.convert(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: parameterSchema(property, schema.shape[name] as z.ZodType),
  }));
}

/** A query flag reads `true`/`false` from the URL: say boolean; and show every default. */
function parameterSchema(property: JsonSchema, field: z.ZodType): JsonSchema {
  const out = Array.isArray(property.type) && property.type.includes('boolean') ? { type: 'boolean' } : { ...property };
  const absent = field.safeParse(undefined);
  return absent.success && absent.data !== undefined ? { ...out, default: absent.data } : out;
}

function addOperationalPaths(paths: OpenApiDocument['paths'], components: Components): void {
  const open = (operationId: string, summary: string, content: Record<string, { schema: JsonSchema }>, alsoStatus?: string) => ({
    get: {
      operationId,
      summary,
      tags: ['operations'],
      security: [],
      responses: {
        '200': { description: summary, content },
        ...(alsoStatus ? { [alsoStatus]: { description: `${summary}: not ready`, content } } : {}),
      },
    } satisfies OpenApiOperation,
  });
  const json = (schema: z.ZodType) => ({ [CONTENT_TYPES.json]: { schema: components.convert(schema, 'output') } });
  paths[OPERATIONAL_PATHS.health] = open('health', 'The process is alive', json(healthSchema));
  paths[OPERATIONAL_PATHS.ready] = open('readiness', 'Every dependency is reachable', json(readinessSchema), '503');
  paths[OPERATIONAL_PATHS.metrics] = open('metrics', 'Prometheus metrics', { 'text/plain': { schema: { type: 'string' } } });
  paths[OPERATIONAL_PATHS.openApi] = open('openApi', 'This document', { [CONTENT_TYPES.json]: { schema: { type: 'object' } } });
}

export function cognitiveOpenApi(): OpenApiDocument {
  return buildOpenApi(cognitiveRoutes, {
    title: 'AI-OpenCog cognitive service',
    description: 'Working memory (AtomSpaces), queries, reasoning, pattern mining and attention allocation.',
  });
}

export function knowledgeOpenApi(): OpenApiDocument {
  return buildOpenApi(knowledgeRoutes, {
    title: 'AI-OpenCog knowledge service',
    description: 'Knowledge bases: import and export, search, snapshots, backup and restore.',
  });
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function rewriteRefs<T>(node: T, names: Map<string, string>): T {
  if (Array.isArray(node)) return node.map((x) => rewriteRefs(x, names)) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/')
        ? SCHEMA_REF + (names.get(value.slice('#/$defs/'.length)) ?? value.slice('#/$defs/'.length))
        : rewriteRefs(value, names);
  }
  return out as T;
}

function stripClosedObjects(...nodes: unknown[]): void {
  for (const node of nodes) {
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      stripClosedObjects(...node);
      continue;
    }
    const record = node as Record<string, unknown>;
    if (record.additionalProperties === false) delete record.additionalProperties;
    stripClosedObjects(...Object.values(record));
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a, sortedKeys) === JSON.stringify(b, sortedKeys);
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
