import { pipeline } from 'node:stream/promises';
import { ServiceError } from '@ai-opencog/protocol';
import type { JobManager } from '@ai-opencog/service-kit';
import type { AtomStore } from '@ai-opencog/storage';
import type { BackupCatalog } from '../backups/backup-catalog';
import type { Backups } from '../backups/backups';
import type { BaseCatalog } from '../bases/base-catalog';
import { journalSpan } from '../history/journal-span';
import type { PointInTime } from '../history/point-in-time';
import { limitedChunks } from '../import/request-body';
import { startJob, type KnowledgeHandlers } from './handlers';

export interface AdminRouterDeps {
  jobs: JobManager;
  backups: Backups;
  catalog: BackupCatalog;
  pointInTime: PointInTime;
  store: AtomStore;
  bases: BaseCatalog;
  streamLimitBytes: number;
}

/** /v1/admin: backups (make, list, download, upload, delete), restores, the journal's span. */
export function adminRouter(
  deps: AdminRouterDeps,
): Pick<KnowledgeHandlers, 'createBackup' | 'listBackups' | 'downloadBackup' | 'uploadBackup' | 'deleteBackup' | 'restore' | 'getJournal'> {
  return {
    createBackup: async ({ body }) => {
      await deps.backups.checkBackup(body);
      return { jobId: startJob(deps.jobs, 'backup', (job) => deps.backups.backup(body, job)) };
    },
    listBackups: async () => ({ backups: await deps.catalog.list() }),
    downloadBackup: async ({ params }, { res }) => {
      const { stream, size } = await deps.catalog.openRead(params.backup);
      res.status(200);
      res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
      res.setHeader('Content-Length', String(size));
      res.setHeader('Content-Disposition', `attachment; filename="${params.backup}.jsonl"`);
      await pipeline(stream, res).catch(() => undefined);
    },
    uploadBackup: async ({ params, raw }, { signal }) => {
      if (!raw) throw new ServiceError('BAD_REQUEST', 'send the backup as the body (application/x-ndjson)');
      return deps.catalog.write(params.backup, limitedChunks(raw.stream, deps.streamLimitBytes, signal), { limitBytes: deps.streamLimitBytes });
    },
    deleteBackup: async ({ params }) => {
      await deps.catalog.remove(params.backup);
    },
    restore: async ({ body }) => {
      if (body.from === 'backup') {
        await deps.backups.checkRestore(body);
        return { jobId: startJob(deps.jobs, 'restore', (job) => deps.backups.restore(body, job)) };
      }
      await deps.pointInTime.check(body);
      return { jobId: startJob(deps.jobs, 'restore', () => deps.pointInTime.restore(body)) };
    },
    getJournal: ({ params }) => journalSpan(deps.store, deps.bases, params.base),
  };
}
