import type { JobManager } from '@ai-opencog/service-kit';
import type { Snapshots } from '../history/snapshots';
import { startJob, type KnowledgeHandlers } from './handlers';

/** /v1/bases/:base/snapshots: list, take, restore (a job), delete. */
export function snapshotsRouter(
  snapshots: Snapshots,
  jobs: JobManager,
): Pick<KnowledgeHandlers, 'listSnapshots' | 'createSnapshot' | 'restoreSnapshot' | 'deleteSnapshot'> {
  return {
    listSnapshots: async ({ params }) => ({ snapshots: await snapshots.list(params.base) }),
    createSnapshot: ({ params, body }) => snapshots.create(params.base, body.name, body.description),
    restoreSnapshot: async ({ params }) => {
      await snapshots.check(params.base, params.snapshot);
      return { jobId: startJob(jobs, 'restore-snapshot', () => snapshots.restore(params.base, params.snapshot)) };
    },
    deleteSnapshot: async ({ params }) => {
      await snapshots.delete(params.base, params.snapshot);
    },
  };
}
