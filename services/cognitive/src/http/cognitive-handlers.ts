import type { CognitiveRoutes } from '@ai-opencog/protocol';
import type { JobManager, RouteHandlers, ServiceMetrics } from '@ai-opencog/service-kit';
import type { CognitiveJobs } from '../jobs/cognitive-jobs';
import { runQuery } from '../query/query-runner';
import { addAtoms, describeAtom, listAtoms, removeAtom, resolveAtom } from '../spaces/space-atoms';
import type { WorkingMemory } from '../spaces/working-memory';

export interface HandlerDeps {
  memory: WorkingMemory;
  jobs: JobManager;
  cognitiveJobs: CognitiveJobs;
  metrics: ServiceMetrics;
  /** QUERY_TIME_LIMIT_MS and QUERY_MAX_RESULTS: defaults and maxima of a query. */
  query: { timeLimitMs: number; maxResults: number };
}

/**
 * The handlers of every route of protocol's `cognitiveRoutes` (and `jobRoutes`): HTTP concerns
 * only. service-kit has checked the token's role and validated params, query and body with the
 * route's schemas; each handler calls the domain and returns the route's response. Errors are
 * thrown (ServiceError, or the kernel's AtomSpaceError) and mapped to statuses by service-kit.
 */
export function cognitiveHandlers(deps: HandlerDeps): RouteHandlers<CognitiveRoutes> {
  const { memory, jobs, cognitiveJobs, metrics } = deps;
  return {
    listSpaces: () => ({ spaces: memory.list().map((s) => s.info()) }),

    createSpace: ({ body }) => {
      if (body.load) cognitiveJobs.checkLoadSource(body.load);
      const space = memory.create({
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
      });
      if (!body.load) return { space: space.info() };
      return { space: space.info(), jobId: cognitiveJobs.load(space, body.load) };
    },

    getSpace: ({ params }) => memory.require(params.space).detail(),

    dropSpace: ({ params }) => {
      memory.drop(params.space);
    },

    loadSpace: ({ params, body }) => ({ jobId: cognitiveJobs.load(memory.require(params.space), body) }),

    saveSpace: ({ params, body }) => ({ jobId: cognitiveJobs.save(memory.require(params.space), body) }),

    addAtoms: ({ params, body }) => addAtoms(memory, memory.require(params.space), body),

    listAtoms: ({ params, query }) => listAtoms(memory.require(params.space), query),

    lookupAtom: ({ params, body }) => {
      const space = memory.require(params.space);
      return describeAtom(space, resolveAtom(space, body), { incoming: false, atomese: false });
    },

    getAtom: ({ params, query }) => {
      const space = memory.require(params.space);
      return describeAtom(space, space.require(params.handle), query);
    },

    removeAtom: ({ params, query }) => removeAtom(memory.require(params.space), params.handle, query.recursive),

    runQuery: ({ params, body }, ctx) => {
      const space = memory.require(params.space);
      const started = performance.now();
      const { kind, result } = runQuery(memory, space, body.query, {
        timeLimitMs: Math.min(body.timeLimitMs ?? deps.query.timeLimitMs, deps.query.timeLimitMs),
        maxResults: Math.min(body.maxResults ?? deps.query.maxResults, deps.query.maxResults),
        signal: ctx.signal,
      });
      metrics.queryDuration.observe({ kind }, (performance.now() - started) / 1000);
      return result;
    },

    forwardChain: ({ params, body }) => ({ jobId: cognitiveJobs.forwardChain(memory.require(params.space), body) }),

    backwardChain: ({ params, body }) => ({ jobId: cognitiveJobs.backwardChain(memory.require(params.space), body) }),

    mine: ({ params, body }) => ({ jobId: cognitiveJobs.mine(memory.require(params.space), body) }),

    runAttention: ({ params, body }) => ({ jobId: cognitiveJobs.attention(memory.require(params.space), body) }),

    listJobs: ({ query }) => ({ jobs: jobs.list(query) }),

    getJob: ({ params }) => jobs.require(params.jobId),

    cancelJob: ({ params }) => jobs.cancel(params.jobId),
  };
}
