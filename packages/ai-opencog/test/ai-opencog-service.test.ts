import 'reflect-metadata';
import type { FetchLike } from '@ai-opencog/protocol';
import { AiOpencogError, describeError, parsePositionOf } from '../src/common/ai-opencog-errors';
import type { AiOpencogClient, JobProgress } from '../src/common/ai-opencog-protocol';
import { AiOpencogServiceImpl } from '../src/node/ai-opencog-service-impl';
import { ServiceClients } from '../src/node/service-clients';
import { FALLBACK_SETTINGS, mergeSettings, settingsFromEnvironment } from '../src/node/service-settings';
import { SpaceSnapshots } from '../src/node/space-snapshots';

/*
 * The extension's backend against scripted services (a fetch that answers by route): what it
 * sends, how it follows jobs, and how every failure reaches the browser. The same backend runs
 * against the real cognitive service in service-integration.test.ts.
 */

type Handler = (method: string, url: URL, body: unknown) => { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>;

function scripted(handler: Handler): FetchLike & { requests: { method: string; path: string; auth?: string; body?: unknown }[] } {
  const requests: { method: string; path: string; auth?: string; body?: unknown }[] = [];
  const fetchImpl = (async (input: string, init?: RequestInit) => {
    const url = new URL(input);
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const headers = (init?.headers ?? {}) as Record<string, string>;
    requests.push({ method: init?.method ?? 'GET', path: url.pathname + url.search, auth: headers.authorization, body });
    const answer = await handler(init?.method ?? 'GET', url, body);
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  }) as FetchLike & { requests: typeof requests };
  fetchImpl.requests = requests;
  return fetchImpl;
}

const NOW = new Date().toISOString();
const space = (name: string, atomCount = 0) => ({ name, atomCount, createdAt: NOW });

function backend(handler: Handler) {
  const fetchImpl = scripted(handler);
  const clients = new ServiceClients({ ...FALLBACK_SETTINGS, cognitiveUrl: 'http://cog.test', knowledgeUrl: 'http://kb.test', token: 'env-token' }, fetchImpl);
  const service = new AiOpencogServiceImpl(clients, new SpaceSnapshots(() => clients.cognitive));
  const progress: [string, JobProgress][] = [];
  const client: AiOpencogClient = { onJobProgress: (jobId, p) => progress.push([jobId, p]) };
  service.setClient(client);
  return { service, fetchImpl, progress, clients };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('AiOpencogServiceImpl (scripted services)', () => {
  it('sends the token the backend was started with, until the preferences give another', async () => {
    const { service, fetchImpl } = backend(() => ({ status: 200, body: { spaces: [] } }));
    await service.createSpace('x').catch(() => undefined);
    expect(fetchImpl.requests[0].auth).toBe('Bearer env-token');
    await service.configure({ token: 'pref-token', cognitiveUrl: 'http://other.test/' });
    await service.listBases().catch(() => undefined);
    await service.createSpace('y').catch(() => undefined);
    expect(fetchImpl.requests.map((r) => r.auth)).toContain('Bearer pref-token');
    expect(await service.getEffectiveSettings()).toMatchObject({ cognitiveUrl: 'http://other.test', hasToken: true });
  });

  it('creates the space on first load, then reports what was read', async () => {
    let exists = false;
    const { service, fetchImpl } = backend((method, url) => {
      if (method === 'GET' && url.pathname === '/v1/spaces/zoo') {
        return exists ? { status: 200, body: { ...space('zoo', 3), typeCounts: [] } } : { status: 404, body: { error: { code: 'SPACE_NOT_FOUND', message: 'no space zoo' } } };
      }
      if (method === 'POST' && url.pathname === '/v1/spaces') {
        exists = true;
        return { status: 201, body: { space: space('zoo') } };
      }
      if (method === 'POST' && url.pathname === '/v1/spaces/zoo/atoms') return { status: 200, body: { count: 1, atoms: [], truncated: false } };
      return { status: 500 };
    });
    const summary = await service.addAtoms('zoo', '(Concept "a")', 'a.scm');
    expect(summary).toEqual({ space: 'zoo', count: 1, atomCount: 3, created: true });
    expect(fetchImpl.requests.find((r) => r.path === '/v1/spaces/zoo/atoms')?.body).toEqual({ atomese: '(Concept "a")', file: 'a.scm' });
  });

  it('turns a parse error into an error with its position and what was being done', async () => {
    const { service } = backend((method, url) => {
      if (url.pathname === '/v1/spaces/zoo') return { status: 200, body: { ...space('zoo'), typeCounts: [] } };
      return { status: 400, body: { error: { code: 'PARSE_ERROR', message: 'bad.scm:3:7: unclosed', details: { file: 'bad.scm', line: 3, column: 7, reason: 'unclosed' } } } };
    });
    const error = await failure(service.addAtoms('zoo', '(Concept', 'bad.scm'));
    expect(AiOpencogError.is(error)).toBe(true);
    expect(parsePositionOf(error)).toEqual({ file: 'bad.scm', line: 3, column: 7, reason: 'unclosed' });
    expect(describeError(error)).toBe('Could not load bad.scm into space "zoo": bad.scm:3:7: unclosed');
  });

  it('says a service cannot be reached, with a hint, and no stack', async () => {
    const { service } = backend(() => {
      throw new TypeError('fetch failed');
    });
    const error = await failure(service.runQuery('zoo', '(Get (Concept "a"))', {}));
    const text = describeError(error);
    expect(text).toMatch(/^Could not run the query in space "zoo": cannot reach http:\/\/cog\.test\/v1\/spaces\/zoo\/query: fetch failed/);
    expect(text).toMatch(/Is it running\?/);
    expect(text).not.toMatch(/\n/);
  });

  it('follows a job to its result, reporting each change of progress', async () => {
    let polls = 0;
    const result = { results: [], iterations: 3, stopReason: 'exhausted', complete: true, trace: [] };
    const { service, progress, fetchImpl } = backend((method, url) => {
      if (url.pathname === '/v1/spaces/zoo/backward-chain') return { status: 202, body: { jobId: 'j1' } };
      if (url.pathname === '/v1/jobs/j1') {
        polls++;
        const done = Math.min(polls, 3);
        const status = polls >= 4 ? 'succeeded' : 'running';
        return { status: 200, body: { id: 'j1', kind: 'backward-chain', status, createdAt: NOW, progress: { done, total: 3, message: `iteration ${done}` }, ...(status === 'succeeded' ? { result } : {}) } };
      }
      return { status: 500 };
    });
    const jobId = await service.startJob({ kind: 'backward-chain', space: 'zoo', target: '(Inheritance (Concept "a") (Variable "$x"))', rules: { ruleBase: 'rbs' }, maximumIterations: 10 });
    expect(fetchImpl.requests[0].body).toEqual({ ruleBase: 'rbs', maximumIterations: 10, trace: true, target: '(Inheritance (Concept "a") (Variable "$x"))' });
    const outcome = await service.awaitJob(jobId);
    expect(outcome).toMatchObject({ kind: 'backward-chain', jobId: 'j1', result: { iterations: 3 } });
    expect(progress.map(([, p]) => p.done)).toEqual([1, 2, 3]);
  });

  it('cancels a job in the service, and its wait ends as cancelled', async () => {
    let cancelled = false;
    const { service } = backend((method, url) => {
      if (url.pathname === '/v1/spaces/zoo/mine') return { status: 202, body: { jobId: 'm1' } };
      if (url.pathname === '/v1/jobs/m1/cancel') {
        cancelled = true;
        return { status: 200, body: { id: 'm1', kind: 'mine', status: 'cancelled', createdAt: NOW } };
      }
      if (url.pathname === '/v1/jobs/m1') return { status: 200, body: { id: 'm1', kind: 'mine', status: cancelled ? 'cancelled' : 'running', createdAt: NOW } };
      return { status: 500 };
    });
    const jobId = await service.startJob({ kind: 'mine', space: 'zoo', minsup: 2 });
    const waiting = service.awaitJob(jobId);
    await new Promise((r) => setTimeout(r, 150));
    await service.cancelJob(jobId);
    const error = await failure(waiting);
    expect(describeError(error)).toMatch(/the job was cancelled/);
  });

  it('reports a failed job with the service\'s error', async () => {
    const { service } = backend((method, url) => {
      if (url.pathname === '/v1/spaces/zoo/forward-chain') return { status: 202, body: { jobId: 'f1' } };
      return { status: 200, body: { id: 'f1', kind: 'forward-chain', status: 'failed', createdAt: NOW, error: { code: 'EXECUTION_ERROR', message: 'no rule named foo-rule' } } };
    });
    const jobId = await service.startJob({ kind: 'forward-chain', space: 'zoo', source: '(Concept "a")', rules: { rules: ['foo-rule'] } });
    expect(describeError(await failure(service.awaitJob(jobId)))).toBe('Could not run forward chaining in space "zoo": no rule named foo-rule');
  });

  it('reports the health of both services, also when one is down', async () => {
    const { service } = backend((method, url) => {
      if (url.host === 'cog.test') return { status: 200, body: { status: 'ready', service: 'cognitive', checks: [] } };
      return { status: 503, body: { status: 'unavailable', service: 'knowledge', checks: [{ name: 'storage', status: 'down', latencyMs: 1, error: 'closed' }] } };
    });
    const report = await service.health();
    expect(report.services.map((s) => [s.name, s.status])).toEqual([
      ['cognitive', 'ready'],
      ['knowledge', 'unavailable'],
    ]);
    expect(report.services[1].detail).toBe('storage is down (closed)');
  });

  it('lists spaces even when the knowledge service is away', async () => {
    const { service } = backend((method, url) => {
      if (url.host === 'kb.test') throw new TypeError('fetch failed');
      return { status: 200, body: { spaces: [space('zoo', 5)] } };
    });
    expect(await service.listSources()).toEqual([{ source: { kind: 'space', name: 'zoo' }, atomCount: 5, description: undefined }]);
  });
});

describe('service settings', () => {
  it('reads the environment once, refusing bad values', () => {
    expect(settingsFromEnvironment({})).toEqual(FALLBACK_SETTINGS);
    expect(settingsFromEnvironment({ AI_OPENCOG_COGNITIVE_URL: 'http://127.0.0.1:9/', AI_OPENCOG_TOKEN: ' t ' })).toMatchObject({ cognitiveUrl: 'http://127.0.0.1:9', token: 't' });
    expect(() => settingsFromEnvironment({ AI_OPENCOG_KNOWLEDGE_URL: 'ftp://x' })).toThrow(/AI_OPENCOG_KNOWLEDGE_URL must be an http/);
    expect(() => settingsFromEnvironment({ AI_OPENCOG_REQUEST_TIMEOUT_MS: '-1' })).toThrow(/positive integer/);
  });

  it('lets empty preferences keep the defaults', () => {
    const defaults = { ...FALLBACK_SETTINGS, token: 'env' };
    expect(mergeSettings(defaults, { cognitiveUrl: '', token: '', requestTimeoutMs: 0 })).toEqual(defaults);
    expect(mergeSettings(defaults, { knowledgeUrl: 'http://kb:1/', requestTimeoutMs: 5 })).toMatchObject({ knowledgeUrl: 'http://kb:1', requestTimeoutMs: 5, token: 'env' });
  });
});
