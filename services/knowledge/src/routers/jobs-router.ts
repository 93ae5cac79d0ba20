import type { JobManager } from '@ai-opencog/service-kit';
import type { KnowledgeHandlers } from './handlers';

/** /v1/jobs: the service's jobs (imports, snapshot restores, backups, restores). */
export function jobsRouter(jobs: JobManager): Pick<KnowledgeHandlers, 'listJobs' | 'getJob' | 'cancelJob'> {
  return {
    listJobs: ({ query }) => ({ jobs: jobs.list(query) }),
    getJob: ({ params }) => jobs.require(params.jobId),
    cancelJob: ({ params }) => jobs.cancel(params.jobId),
  };
}
