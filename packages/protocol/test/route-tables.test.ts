import {
  cognitiveJobResults,
  cognitiveRoutes,
  jobAcceptedSchema,
  knowledgeJobResults,
  knowledgeRoutes,
  ROLES,
  type RouteTable,
} from '../src';
import { cognitiveExamples, knowledgeExamples, type RouteExample } from './support/examples';

const tables: [string, RouteTable, Record<string, RouteExample>][] = [
  ['cognitive', cognitiveRoutes, cognitiveExamples],
  ['knowledge', knowledgeRoutes, knowledgeExamples],
];

describe.each(tables)('the %s route table', (_name, routes, examples) => {
  const entries = Object.entries(routes);

  it('has one route per method and path, every path versioned', () => {
    const keys = entries.map(([, r]) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const [, r] of entries) expect(r.path).toMatch(/^\/v1\//);
  });

  it('declares a schema for exactly the parameters its path has', () => {
    for (const [id, r] of entries) {
      const inPath = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]).sort();
      expect({ id, params: Object.keys(r.params?.shape ?? {}).sort() }).toEqual({ id, params: inPath });
    }
  });

  it('has a role for every route, and admin routes need admin', () => {
    for (const [id, r] of entries) {
      expect(ROLES).toContain(r.role);
      if (r.path.startsWith('/v1/admin/')) expect({ id, role: r.role }).toEqual({ id, role: 'admin' });
      if (r.method !== 'GET' && r.role === 'read') expect({ id, readOnlyPost: r.path }).toEqual({ id, readOnlyPost: expect.stringMatching(/lookup$/) });
    }
  });

  it('answers 204 with no body, 202 with a job id, and everything else with a body', () => {
    for (const [id, r] of entries) {
      if (r.status === 204) expect({ id, response: r.response, raw: r.rawResponse }).toEqual({ id, response: undefined, raw: undefined });
      else if (r.status === 202) expect({ id, accepted: r.response === jobAcceptedSchema }).toEqual({ id, accepted: true });
      else expect({ id, hasBody: r.response !== undefined || r.rawResponse !== undefined }).toEqual({ id, hasBody: true });
    }
  });

  it('has a good example of every route that its schemas accept', () => {
    expect(Object.keys(examples).sort()).toEqual(Object.keys(routes).sort());
    for (const [id, r] of entries) {
      const example = examples[id]!;
      const check = (part: string, schema: { safeParse(v: unknown): { success: boolean; error?: unknown } } | undefined, value: unknown) => {
        if (!schema) return expect({ id, part, value }).toEqual({ id, part, value: undefined });
        const parsed = schema.safeParse(value ?? {});
        expect({ id, part, ok: parsed.success, error: parsed.error }).toEqual({ id, part, ok: true, error: undefined });
      };
      check('params', r.params, example.params);
      check('query', r.query, example.query);
      if (r.body) check('body', r.body, example.body);
      if (r.response) check('response', r.response, example.response);
    }
  });
});

describe('job results', () => {
  it('every job kind a route starts has a result schema', () => {
    expect(Object.keys(cognitiveJobResults).sort()).toEqual(['attention', 'backward-chain', 'forward-chain', 'load', 'mine', 'save']);
    expect(Object.keys(knowledgeJobResults).sort()).toEqual(['backup', 'import', 'restore', 'restore-snapshot']);
  });
});
