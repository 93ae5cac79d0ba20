import { CONTENT_TYPES, ServiceError } from '@ai-opencog/protocol';
import type { JobManager } from '@ai-opencog/service-kit';
import type { BaseCatalog } from '../bases/base-catalog';
import type { Importer, ImportInput } from '../import/importer';
import { kernelAtomJson } from '../import/json-atoms';
import { StreamedBody } from '../import/request-body';
import { startJob, type KnowledgeHandlers } from './handlers';

export interface ImportRouterDeps {
  jobs: JobManager;
  importer: Importer;
  bases: BaseCatalog;
  /** STREAM_BODY_LIMIT. */
  streamLimitBytes: number;
}

/**
 * POST /v1/bases/:base/import: a streamed body (text/x-scheme or application/x-ndjson) or a JSON
 * body, imported by a job. Answered `202 {jobId}` at once; for a streamed body the answer ends
 * once the body has all arrived (see StreamedBody).
 */
export function importRouter(deps: ImportRouterDeps): Pick<KnowledgeHandlers, 'importAtoms'> {
  return {
    importAtoms: async ({ params, query, body, raw }, { res }) => {
      await deps.bases.check(params.base);
      if (raw) {
        const streamed = new StreamedBody(raw, deps.streamLimitBytes);
        const format = raw.contentType === CONTENT_TYPES.atomese ? 'atomese' : 'jsonl';
        const file = query.file ?? `${params.base}.${format === 'atomese' ? 'scm' : 'jsonl'}`;
        const jobId = startJob(deps.jobs, 'import', (job) =>
          deps.importer.run(
            { base: params.base, file, atomic: query.atomic, input: { format, chunks: streamed.chunks(job.signal), ...(raw.length !== undefined ? { totalBytes: raw.length } : {}) } },
            job,
          ),
        );
        streamed.answer(res, deps.jobs, jobId);
        return { jobId };
      }
      if (!body) throw new ServiceError('BAD_REQUEST', 'send the atoms to import as a body');
      const input: ImportInput = body.atomese !== undefined ? { format: 'atomese', chunks: [body.atomese] } : { format: 'json', atoms: kernelAtomJson(body.atoms ?? []) };
      const file = query.file ?? body.file ?? '<request>';
      return { jobId: startJob(deps.jobs, 'import', (job) => deps.importer.run({ base: params.base, file, atomic: query.atomic, input }, job)) };
    },
  };
}
