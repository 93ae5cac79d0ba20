import { z } from 'zod';
import { errorInfoSchema } from './errors';
import { queryInt, timestampSchema } from './fields';
import { LIMITS } from './limits';
import { defineRoute } from './route';

/*
 * Long operations (chaining, mining, attention cycles, loads, imports, backups) run as jobs: the
 * request answers `202 {jobId}` at once; progress comes over the WebSocket stream or by polling
 * the job; a job can be cancelled. Both services share these routes.
 */

export const jobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a job id is 1-64 letters, digits, "_" or "-"');
export const jobKindSchema = z.string().min(1).max(LIMITS.jobKind);

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const jobStatusNameSchema = z.enum(JOB_STATUSES);
export type JobStatusName = (typeof JOB_STATUSES)[number];

export function isJobFinished(status: JobStatusName): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

/** How far a job got: `done` of `total` units (0 total: not known), and what it is doing. */
export const jobProgressSchema = z
  .object({
    done: z.number().min(0),
    total: z.number().min(0),
    message: z.string().max(LIMITS.description).optional(),
  })
  .meta({ id: 'JobProgress' });

export const jobAcceptedSchema = z.object({ jobId: jobIdSchema }).meta({ id: 'JobAccepted' });

/** A job as a service reports it; `result` is the kind's result schema (see the route tables). */
export const jobSchema = z
  .object({
    id: jobIdSchema,
    kind: jobKindSchema,
    status: jobStatusNameSchema,
    progress: jobProgressSchema.optional(),
    createdAt: timestampSchema,
    startedAt: timestampSchema.optional(),
    finishedAt: timestampSchema.optional(),
    result: z.unknown().optional(),
    error: errorInfoSchema.optional(),
  })
  .meta({ id: 'Job' });

export type JobProgress = z.infer<typeof jobProgressSchema>;
export type JobAccepted = z.infer<typeof jobAcceptedSchema>;
export type Job = z.infer<typeof jobSchema>;

const jobParams = z.object({ jobId: jobIdSchema });

export const listJobsQuerySchema = z.object({
  status: jobStatusNameSchema.optional(),
  kind: jobKindSchema.optional(),
  limit: queryInt(1, LIMITS.pageSize).default(LIMITS.defaultPageSize),
});
export const jobListSchema = z.object({ jobs: z.array(jobSchema) }).meta({ id: 'JobList' });

export const jobRoutes = {
  listJobs: defineRoute({
    method: 'GET',
    path: '/v1/jobs',
    summary: 'List recent jobs, newest first',
    tag: 'jobs',
    role: 'read',
    query: listJobsQuerySchema,
    status: 200,
    response: jobListSchema,
  }),
  getJob: defineRoute({
    method: 'GET',
    path: '/v1/jobs/:jobId',
    summary: 'Status, progress and result (or error) of a job',
    tag: 'jobs',
    role: 'read',
    params: jobParams,
    status: 200,
    response: jobSchema,
  }),
  cancelJob: defineRoute({
    method: 'POST',
    path: '/v1/jobs/:jobId/cancel',
    summary: 'Cancel a queued or running job (no effect on a finished one)',
    tag: 'jobs',
    role: 'write',
    params: jobParams,
    status: 200,
    response: jobSchema,
  }),
};
