import type { KnowledgeRoutes } from '@ai-opencog/protocol';
import type { JobContext, JobManager, RouteHandlers } from '@ai-opencog/service-kit';
import { withWireErrors } from '../knowledge-errors';

/** The handlers of the knowledge routes; each router file gives those of its concern. */
export type KnowledgeHandlers = RouteHandlers<KnowledgeRoutes>;

/**
 * The handlers with storage's errors turned into wire errors as they leave: the boundary where
 * StorageErrors become ServiceErrors for HTTP (jobs have theirs in startJob).
 */
export function withWireErrorHandlers(handlers: KnowledgeHandlers): KnowledgeHandlers {
  const wrapped: Record<string, unknown> = {};
  for (const [id, handler] of Object.entries(handlers) as [string, (...args: unknown[]) => unknown][]) {
    wrapped[id] = (...args: unknown[]) => withWireErrors(async () => handler(...args));
  }
  return wrapped as KnowledgeHandlers;
}

/** Starts a job whose storage errors reach the job's record as wire errors. */
export function startJob<T>(jobs: JobManager, kind: 'import' | 'restore-snapshot' | 'backup' | 'restore', run: (job: JobContext) => Promise<T>): string {
  return jobs.start(kind, (job) => withWireErrors(() => run(job)));
}
