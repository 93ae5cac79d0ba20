import Ajv2020 from 'ajv/dist/2020';
import {
  buildOpenApi,
  cognitiveOpenApi,
  cognitiveRoutes,
  defineRoute,
  knowledgeOpenApi,
  knowledgeRoutes,
  openApiPath,
  type OpenApiDocument,
  type RouteTable,
} from '../src';
import { z } from 'zod';
import { cognitiveExamples, knowledgeExamples, type RouteExample } from './support/examples';

const DOC_ID = 'https://ai-opencog.invalid/openapi.json';

/** Validates values against schemas of the document, resolving its `#/components/...` refs. */
function validatorFor(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: DOC_ID, components: document.components });
  return (schema: object, value: unknown) => {
    const validate = ajv.compile({ $id: `${DOC_ID}-${Math.random()}`, ...rebase(schema) });
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

/** Refs inside the document point at `#/components/...`; from a separate schema they need the document's id. */
function rebase<T>(node: T): T {
  if (Array.isArray(node)) return node.map(rebase) as T;
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? DOC_ID + v : rebase(v)]),
  ) as T;
}

const documents: [string, () => OpenApiDocument, RouteTable, Record<string, RouteExample>][] = [
  ['cognitive', cognitiveOpenApi, cognitiveRoutes, cognitiveExamples],
  ['knowledge', knowledgeOpenApi, knowledgeRoutes, knowledgeExamples],
];

describe.each(documents)('the %s OpenAPI document', (_name, build, routes, examples) => {
  const document = build();
  const validate = validatorFor(document);

  it('is OpenAPI 3.1 with bearer security and the uniform error response', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.schemas.ErrorBody).toBeDefined();
    expect(document.paths['/healthz']!.get!.security).toEqual([]);
    expect(document['x-stream'].path).toBe('/v1/stream');
  });

  it('has every route of the table, with its role, parameters, request and response', () => {
    for (const [id, route] of Object.entries(routes)) {
      const operation = document.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      expect({ id, found: operation !== undefined }).toEqual({ id, found: true });
      expect(operation).toMatchObject({ operationId: id, 'x-required-role': route.role, security: [{ bearerAuth: [] }] });
      const parameters = (operation!.parameters ?? []).map((p) => `${p.in}:${p.name}`).sort();
      const expected = [
        ...Object.keys(route.params?.shape ?? {}).map((n) => `path:${n}`),
        ...Object.keys(route.query?.shape ?? {}).map((n) => `query:${n}`),
      ].sort();
      expect({ id, parameters }).toEqual({ id, parameters: expected });
      const requestTypes = Object.keys(operation!.requestBody?.content ?? {}).sort();
      expect({ id, requestTypes }).toEqual({ id, requestTypes: [...(route.body ? ['application/json'] : []), ...(route.rawBody ?? [])].sort() });
      const answer = operation!.responses[String(route.status)] as { content?: Record<string, unknown> };
      const responseTypes = Object.keys(answer.content ?? {}).sort();
      expect({ id, responseTypes }).toEqual({ id, responseTypes: [...(route.response ? ['application/json'] : []), ...(route.rawResponse ?? [])].sort() });
      for (const status of ['400', '401', '403', '404', '500']) expect(operation!.responses[status]).toEqual({ $ref: '#/components/responses/Error' });
    }
  });

  it('its schemas accept the good example of every route, as zod does', () => {
    for (const [id, route] of Object.entries(routes)) {
      const operation = document.paths[openApiPath(route.path)]![route.method.toLowerCase()]!;
      const example = examples[id]!;
      if (route.body) {
        const schema = operation.requestBody!.content['application/json']!.schema;
        expect({ id, part: 'body', errors: validate(schema, example.body) }).toEqual({ id, part: 'body', errors: [] });
      }
      if (route.response) {
        const schema = (operation.responses[String(route.status)] as { content: Record<string, { schema: object }> }).content['application/json']!.schema;
        expect({ id, part: 'response', errors: validate(schema, example.response) }).toEqual({ id, part: 'response', errors: [] });
      }
      for (const parameter of operation.parameters ?? []) {
        const value = (parameter.in === 'path' ? example.params : example.query)?.[parameter.name];
        if (value === undefined) continue;
        // Query values arrive as text; compare in the type the parameter declares.
        const typed = parameter.schema.type === 'integer' ? Number(value) : parameter.schema.type === 'boolean' ? value === 'true' : value;
        expect({ id, parameter: parameter.name, errors: validate(parameter.schema, typed) }).toEqual({ id, parameter: parameter.name, errors: [] });
      }
    }
  });

  it('every $ref points at a component that exists', () => {
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const [, kind, name] = /#\/components\/(\w+)\/([\w]+)/.exec(ref)!;
      expect({ ref, found: (document.components as Record<string, Record<string, unknown>>)[kind!]![name!] !== undefined }).toEqual({ ref, found: true });
    }
  });
});

describe('the OpenAPI schemas reject what zod rejects', () => {
  const document = cognitiveOpenApi();
  const validate = validatorFor(document);
  const body = (id: keyof typeof cognitiveRoutes) =>
    document.paths[openApiPath(cognitiveRoutes[id].path)]![cognitiveRoutes[id].method.toLowerCase()]!.requestBody!.content['application/json']!.schema;

  it.each([
    ['createSpace', { name: 'bad name' }],
    ['createSpace', { name: 'ok', colour: 'red' }],
    ['runQuery', { query: 'x', maxResults: 0 }],
    ['addAtoms', { atoms: [{ type: 'ConceptNode', name: 5 }] }],
    ['forwardChain', { ruleBase: 'r', source: 'x', complexityPenalty: -1 }],
  ] as const)('%s %j', (id, value) => {
    expect(cognitiveRoutes[id].body.safeParse(value).success).toBe(false);
    expect(validate(body(id), value)).not.toEqual([]);
  });
});

describe('buildOpenApi', () => {
  it('names the request form of a schema <id>Input where it differs from the response form', () => {
    const thing = z.object({ size: z.number().default(1) }).meta({ id: 'OpenApiTestThing' });
    const routes = {
      putThing: defineRoute({ method: 'PUT', path: '/v1/things/:id', summary: 's', tag: 't', role: 'write', params: z.object({ id: z.string() }), body: thing, status: 200, response: thing }),
    };
    const document = buildOpenApi(routes, { title: 'test' });
    expect(document.components.schemas.OpenApiTestThing).toMatchObject({ required: ['size'] });
    expect(document.components.schemas.OpenApiTestThingInput).not.toHaveProperty('required');
    expect(document.paths['/v1/things/{id}']!.put!.requestBody!.content['application/json']!.schema).toEqual({
      $ref: '#/components/schemas/OpenApiTestThingInput',
    });
  });
});
