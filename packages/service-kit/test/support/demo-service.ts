import { once } from 'node:events';
import { CONTENT_TYPES, defineRoute, jobAcceptedSchema, jobRoutes, ServiceError } from '@ai-opencog/protocol';
import { z } from 'zod';
import type { JobManager, RouteHandlers } from '../../src';

/** A tiny service built from the kit, with one route per behaviour the tests look at. */
export const thingSchema = z.object({ name: z.string(), size: z.number().int() });

/** An error shaped like the kernel's (packages/atomspace): the kit recognises it by class name and code. */
export class AtomSpaceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AtomSpaceError';
  }
}

export class AtomeseError extends AtomSpaceError {
  constructor(
    readonly reason: string,
    readonly file: string,
    readonly line: number,
    readonly column: number,
  ) {
    super('PARSE_ERROR', `${file}:${line}:${column}: ${reason}`);
    this.name = 'AtomeseError';
  }
}

export const demoRoutes = {
  getThing: defineRoute({
    method: 'GET',
    path: '/v1/things/:name',
    summary: 'a thing',
    tag: 'things',
    role: 'read',
    params: z.object({ name: z.string().max(20) }),
    status: 200,
    response: thingSchema,
  }),
  createThing: defineRoute({
    method: 'POST',
    path: '/v1/things',
    summary: 'make a thing',
    tag: 'things',
    role: 'write',
    body: z.strictObject({ name: z.string().min(1).max(20), size: z.number().int().min(0).max(100) }),
    status: 201,
    response: thingSchema,
  }),
  deleteThing: defineRoute({
    method: 'DELETE',
    path: '/v1/things/:name',
    summary: 'remove a thing',
    tag: 'things',
    role: 'admin',
    params: z.object({ name: z.string() }),
    status: 204,
  }),
  slow: defineRoute({
    method: 'POST',
    path: '/v1/slow',
    summary: 'answers after a while',
    tag: 'demo',
    role: 'read',
    body: z.object({ ms: z.number().int().min(0).max(60_000) }),
    status: 200,
    response: z.object({ waited: z.number() }),
  }),
  fail: defineRoute({
    method: 'POST',
    path: '/v1/fail',
    summary: 'throws what it is told to',
    tag: 'demo',
    role: 'read',
    body: z.object({ kind: z.enum(['plain', 'parse', 'has-incoming', 'service', 'bad-response']) }),
    status: 200,
    response: thingSchema,
  }),
  startWork: defineRoute({
    method: 'POST',
    path: '/v1/work',
    summary: 'starts a job of `steps` steps',
    tag: 'demo',
    role: 'write',
    body: z.object({
      steps: z.number().int().min(1).max(1000),
      stepMs: z.number().int().min(0).max(10_000),
      failAt: z.number().int().optional(),
      timeLimitMs: z.number().int().optional(),
    }),
    status: 202,
    response: jobAcceptedSchema,
  }),
  exportLines: defineRoute({
    method: 'GET',
    path: '/v1/export',
    summary: 'streams lines',
    tag: 'demo',
    role: 'read',
    query: z.object({ count: z.coerce.number<number>().int().min(0).max(1000).default(3) }),
    status: 200,
    rawResponse: [CONTENT_TYPES.jsonLines],
  }),
  upload: defineRoute({
    method: 'POST',
    path: '/v1/upload',
    summary: 'counts the bytes of Atomese streamed in, or of a JSON text',
    tag: 'demo',
    role: 'write',
    body: z.strictObject({ text: z.string() }),
    rawBody: [CONTENT_TYPES.atomese],
    status: 200,
    response: z.object({ bytes: z.number(), streamed: z.boolean() }),
  }),
  ...jobRoutes,
};

export type DemoRoutes = typeof demoRoutes;

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

export function demoHandlers(jobs: JobManager): RouteHandlers<DemoRoutes> {
  const things = new Map<string, number>([['apple', 3]]);
  return {
    getThing: ({ params }, { log }) => {
      log.info({ thing: params.name }, 'looking up a thing');
      const size = things.get(params.name);
      if (size === undefined) throw new ServiceError('NOT_FOUND', `no thing ${params.name}`);
      return { name: params.name, size };
    },
    createThing: ({ body }) => {
      if (things.has(body.name)) throw new ServiceError('CONFLICT', `${body.name} exists`);
      things.set(body.name, body.size);
      return body;
    },
    deleteThing: ({ params }) => {
      things.delete(params.name);
    },
    slow: async ({ body }, { signal }) => {
      await sleep(body.ms, signal);
      return { waited: body.ms };
    },
    fail: ({ body }) => {
      switch (body.kind) {
        case 'plain':
          throw new Error('secret detail of a bug');
        case 'parse':
          throw new AtomeseError('unknown type FooLink', 'kb.scm', 3, 14);
        case 'has-incoming':
          throw new AtomSpaceError('HAS_INCOMING', '(Concept "cat") has incoming links');
        case 'service':
          throw new ServiceError('CONFLICT', 'already there', { name: 'x' });
        case 'bad-response':
          return { name: 'x', size: 'big' } as unknown as { name: string; size: number };
      }
    },
    startWork: ({ body }) => ({
      jobId: jobs.start(
        'work',
        async ({ signal, progress }) => {
          for (let step = 1; step <= body.steps; step++) {
            await sleep(body.stepMs, signal);
            if (step === body.failAt) throw new AtomSpaceError('EXECUTION_ERROR', `step ${step} failed`);
            progress(step, body.steps, `step ${step}`);
          }
          return { steps: body.steps };
        },
        body.timeLimitMs === undefined ? {} : { timeLimitMs: body.timeLimitMs },
      ),
    }),
    exportLines: async ({ query }, { res }) => {
      res.status(200).type(CONTENT_TYPES.jsonLines);
      for (let i = 0; i < query.count; i++) {
        if (!res.write(`${JSON.stringify({ line: i })}\n`)) await once(res, 'drain');
      }
      res.end();
    },
    upload: async ({ body, raw }) => {
      if (!raw) return { bytes: Buffer.byteLength(body!.text), streamed: false };
      let bytes = 0;
      for await (const chunk of raw.stream) bytes += (chunk as Buffer).length;
      return { bytes, streamed: true };
    },
    listJobs: ({ query }) => ({ jobs: jobs.list(query) }),
    getJob: ({ params }) => jobs.require(params.jobId),
    cancelJob: ({ params }) => jobs.cancel(params.jobId),
  };
}
