import { z } from 'zod';
import { atomPageSchema, atomsInputSchema, typeCountSchema, typeNameSchema } from './atoms';
import {
  countSchema,
  descriptionSchema,
  exactlyOne,
  pagedQuery,
  queryFlag,
  resourceNameSchema,
  timestampSchema,
} from './fields';
import { jobAcceptedSchema, jobRoutes } from './jobs';
import { LIMITS } from './limits';
import { CONTENT_TYPES, defineRoute } from './route';

/*
 * The knowledge service: named knowledge bases kept in storage; import and export of Atomese and
 * JSON; search; snapshots; and, for admins, backups and restores (full, or to a point in time
 * from the change journal).
 */

// ---- knowledge bases ----

export const baseInfoSchema = z
  .object({
    name: resourceNameSchema,
    description: descriptionSchema.optional(),
    atomCount: countSchema,
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'BaseInfo' });

export const baseListSchema = z.object({ bases: z.array(baseInfoSchema) }).meta({ id: 'BaseList' });

export const createBaseRequestSchema = z
  .strictObject({ name: resourceNameSchema, description: descriptionSchema.optional() })
  .meta({ id: 'CreateBaseRequest' });

/** Rename a base (`name`) and/or change its description. */
export const updateBaseRequestSchema = z
  .strictObject({ name: resourceNameSchema.optional(), description: descriptionSchema.optional() })
  .refine((b) => b.name !== undefined || b.description !== undefined, { message: 'give a new name, a description, or both' })
  .meta({ id: 'UpdateBaseRequest' });

// ---- import, export, search ----

/** Result of adding atoms, and of an `import` job. */
export const importResultSchema = z
  .object({
    /** Top-level atoms read. */
    count: countSchema,
    /** Atoms in the base afterwards. */
    atomCount: countSchema,
  })
  .meta({ id: 'ImportResult' });

/** For a streamed import body; a JSON body carries its own file name. */
export const importQuerySchema = z.object({
  /** The name parse errors report. */
  file: z.string().min(1).max(LIMITS.fileName).optional(),
  /** All or nothing: a bad input changes nothing (else atoms before the error stay). */
  atomic: queryFlag(true),
});

export const EXPORT_FORMATS = ['atomese', 'jsonl'] as const;

export const exportQuerySchema = z.object({
  /** `atomese`: text/x-scheme; `jsonl`: one JSON atom per line (application/x-ndjson). */
  format: z.enum(EXPORT_FORMATS).default('atomese'),
  type: typeNameSchema.optional(),
  subtypes: queryFlag(true),
});

export const searchAtomsQuerySchema = pagedQuery({
  /** Text to find in node names. */
  name: z.string().min(1).max(LIMITS.searchText).optional(),
  match: z.enum(['exact', 'prefix', 'substring']).default('prefix'),
  type: typeNameSchema.optional(),
  subtypes: queryFlag(true),
  atomese: queryFlag(false),
});

export const typeCountsSchema = z
  .object({ total: countSchema, counts: z.array(typeCountSchema) })
  .meta({ id: 'TypeCounts' });

// ---- snapshots ----

export const snapshotInfoSchema = z
  .object({
    name: resourceNameSchema,
    base: resourceNameSchema,
    description: descriptionSchema.optional(),
    atomCount: countSchema,
    createdAt: timestampSchema,
  })
  .meta({ id: 'SnapshotInfo' });

export const snapshotListSchema = z.object({ snapshots: z.array(snapshotInfoSchema) }).meta({ id: 'SnapshotList' });

export const createSnapshotRequestSchema = z
  .strictObject({ name: resourceNameSchema, description: descriptionSchema.optional() })
  .meta({ id: 'CreateSnapshotRequest' });

/** Result of a `restore-snapshot` job. */
export const snapshotRestoreResultSchema = z
  .object({ base: resourceNameSchema, snapshot: resourceNameSchema, atomCount: countSchema })
  .meta({ id: 'SnapshotRestoreResult' });

// ---- backup and restore (admin) ----

export const backupInfoSchema = z
  .object({
    name: resourceNameSchema,
    bases: z.array(resourceNameSchema),
    atomCount: countSchema,
    sizeBytes: countSchema,
    createdAt: timestampSchema,
    description: descriptionSchema.optional(),
  })
  .meta({ id: 'BackupInfo' });

export const backupListSchema = z.object({ backups: z.array(backupInfoSchema) }).meta({ id: 'BackupList' });

export const createBackupRequestSchema = z
  .strictObject({
    /** The base to back up; left out: every base. */
    base: resourceNameSchema.optional(),
    description: descriptionSchema.optional(),
  })
  .meta({ id: 'CreateBackupRequest' });

const restoreTarget = {
  /** Restore into a new base of this name instead of over the original. */
  target: resourceNameSchema.optional(),
  /** Replace an existing base (else CONFLICT). */
  overwrite: z.boolean().default(false),
};

export const restoreRequestSchema = z
  .discriminatedUnion('from', [
    /** Bases as they were in a backup. */
    z
      .strictObject({
        from: z.literal('backup'),
        backup: resourceNameSchema,
        /** Which of the backup's bases; left out: all of them. */
        bases: z.array(resourceNameSchema).min(1).max(LIMITS.restoreBases).optional(),
        ...restoreTarget,
      })
      .refine((r) => r.target === undefined || r.bases?.length === 1, {
        message: 'a target name needs exactly one base',
        path: ['target'],
      }),
    /** A base as it was at a time or journal sequence number (point-in-time recovery). */
    z
      .strictObject({
        from: z.literal('journal'),
        base: resourceNameSchema,
        timestamp: timestampSchema.optional(),
        sequence: z.number().int().min(0).optional(),
        ...restoreTarget,
      })
      .refine((r) => exactlyOne(r, ['timestamp', 'sequence']), {
        message: 'give the point to restore to: a timestamp or a sequence number',
        path: ['timestamp'],
      }),
  ])
  .meta({ id: 'RestoreRequest' });

/** Result of a `restore` job. */
export const restoreResultSchema = z
  .object({ bases: z.array(z.object({ name: resourceNameSchema, atomCount: countSchema })) })
  .meta({ id: 'RestoreResult' });

/** The span of a base's change journal, for choosing a point in time. */
export const journalInfoSchema = z
  .object({
    base: resourceNameSchema,
    firstSequence: countSchema,
    lastSequence: countSchema,
    firstTimestamp: timestampSchema.optional(),
    lastTimestamp: timestampSchema.optional(),
  })
  .meta({ id: 'JournalInfo' });

/** The result schema of each knowledge job kind. */
export const knowledgeJobResults = {
  import: importResultSchema,
  'restore-snapshot': snapshotRestoreResultSchema,
  backup: backupInfoSchema,
  restore: restoreResultSchema,
} as const;
export type KnowledgeJobKind = keyof typeof knowledgeJobResults;

// ---- the route table ----

const baseParams = z.object({ base: resourceNameSchema });
const snapshotParams = z.object({ base: resourceNameSchema, snapshot: resourceNameSchema });
const backupParams = z.object({ backup: resourceNameSchema });

export const knowledgeRoutes = {
  listBases: defineRoute({
    method: 'GET',
    path: '/v1/bases',
    summary: 'List the knowledge bases',
    tag: 'bases',
    role: 'read',
    status: 200,
    response: baseListSchema,
  }),
  createBase: defineRoute({
    method: 'POST',
    path: '/v1/bases',
    summary: 'Create an empty knowledge base',
    tag: 'bases',
    role: 'write',
    body: createBaseRequestSchema,
    status: 201,
    response: baseInfoSchema,
  }),
  getBase: defineRoute({
    method: 'GET',
    path: '/v1/bases/:base',
    summary: 'A knowledge base',
    tag: 'bases',
    role: 'read',
    params: baseParams,
    status: 200,
    response: baseInfoSchema,
  }),
  updateBase: defineRoute({
    method: 'PATCH',
    path: '/v1/bases/:base',
    summary: 'Rename a knowledge base or change its description',
    tag: 'bases',
    role: 'write',
    params: baseParams,
    body: updateBaseRequestSchema,
    status: 200,
    response: baseInfoSchema,
  }),
  deleteBase: defineRoute({
    method: 'DELETE',
    path: '/v1/bases/:base',
    summary: 'Delete a knowledge base with its snapshots',
    tag: 'bases',
    role: 'admin',
    params: baseParams,
    status: 204,
  }),
  addBaseAtoms: defineRoute({
    method: 'POST',
    path: '/v1/bases/:base/atoms',
    summary: 'Add atoms (Atomese text or JSON atoms) and wait for them to be stored',
    tag: 'atoms',
    role: 'write',
    params: baseParams,
    body: atomsInputSchema,
    status: 200,
    response: importResultSchema,
  }),
  searchAtoms: defineRoute({
    method: 'GET',
    path: '/v1/bases/:base/atoms',
    summary: 'Search atoms by node name (exact, prefix or substring) and type, a page at a time',
    tag: 'atoms',
    role: 'read',
    params: baseParams,
    query: searchAtomsQuerySchema,
    status: 200,
    response: atomPageSchema,
  }),
  countTypes: defineRoute({
    method: 'GET',
    path: '/v1/bases/:base/types',
    summary: 'Atom counts per type',
    tag: 'atoms',
    role: 'read',
    params: baseParams,
    status: 200,
    response: typeCountsSchema,
  }),
  importAtoms: defineRoute({
    method: 'POST',
    path: '/v1/bases/:base/import',
    summary: 'Import Atomese (text/x-scheme) or JSON lines streamed in the body, or a JSON body, as a job',
    tag: 'atoms',
    role: 'write',
    params: baseParams,
    query: importQuerySchema,
    body: atomsInputSchema,
    rawBody: [CONTENT_TYPES.atomese, CONTENT_TYPES.jsonLines],
    status: 202,
    response: jobAcceptedSchema,
  }),
  exportAtoms: defineRoute({
    method: 'GET',
    path: '/v1/bases/:base/export',
    summary: 'Export the atoms as Atomese or JSON lines, streamed',
    tag: 'atoms',
    role: 'read',
    params: baseParams,
    query: exportQuerySchema,
    status: 200,
    rawResponse: [CONTENT_TYPES.atomese, CONTENT_TYPES.jsonLines],
  }),
  listSnapshots: defineRoute({
    method: 'GET',
    path: '/v1/bases/:base/snapshots',
    summary: 'List the snapshots of a knowledge base',
    tag: 'snapshots',
    role: 'read',
    params: baseParams,
    status: 200,
    response: snapshotListSchema,
  }),
  createSnapshot: defineRoute({
    method: 'POST',
    path: '/v1/bases/:base/snapshots',
    summary: 'Take a named snapshot of a knowledge base',
    tag: 'snapshots',
    role: 'write',
    params: baseParams,
    body: createSnapshotRequestSchema,
    status: 201,
    response: snapshotInfoSchema,
  }),
  restoreSnapshot: defineRoute({
    method: 'POST',
    path: '/v1/bases/:base/snapshots/:snapshot/restore',
    summary: 'Make the knowledge base what it was at the snapshot, as a job',
    tag: 'snapshots',
    role: 'write',
    params: snapshotParams,
    status: 202,
    response: jobAcceptedSchema,
  }),
  deleteSnapshot: defineRoute({
    method: 'DELETE',
    path: '/v1/bases/:base/snapshots/:snapshot',
    summary: 'Delete a snapshot',
    tag: 'snapshots',
    role: 'write',
    params: snapshotParams,
    status: 204,
  }),
  createBackup: defineRoute({
    method: 'POST',
    path: '/v1/admin/backups',
    summary: 'Back up one knowledge base or all of them, as a job',
    tag: 'admin',
    role: 'admin',
    body: createBackupRequestSchema,
    status: 202,
    response: jobAcceptedSchema,
  }),
  listBackups: defineRoute({
    method: 'GET',
    path: '/v1/admin/backups',
    summary: 'List the backups',
    tag: 'admin',
    role: 'admin',
    status: 200,
    response: backupListSchema,
  }),
  downloadBackup: defineRoute({
    method: 'GET',
    path: '/v1/admin/backups/:backup',
    summary: 'Download a backup (JSON lines), streamed',
    tag: 'admin',
    role: 'admin',
    params: backupParams,
    status: 200,
    rawResponse: [CONTENT_TYPES.jsonLines],
  }),
  uploadBackup: defineRoute({
    method: 'PUT',
    path: '/v1/admin/backups/:backup',
    summary: 'Upload a backup (JSON lines, streamed) to restore from',
    tag: 'admin',
    role: 'admin',
    params: backupParams,
    rawBody: [CONTENT_TYPES.jsonLines],
    status: 201,
    response: backupInfoSchema,
  }),
  deleteBackup: defineRoute({
    method: 'DELETE',
    path: '/v1/admin/backups/:backup',
    summary: 'Delete a backup',
    tag: 'admin',
    role: 'admin',
    params: backupParams,
    status: 204,
  }),
  restore: defineRoute({
    method: 'POST',
    path: '/v1/admin/restore',
    summary: 'Restore from a backup, or a base to a point in time from its journal, as a job',
    tag: 'admin',
    role: 'admin',
    body: restoreRequestSchema,
    status: 202,
    response: jobAcceptedSchema,
  }),
  getJournal: defineRoute({
    method: 'GET',
    path: '/v1/admin/journal/:base',
    summary: 'The span of a knowledge base\'s change journal',
    tag: 'admin',
    role: 'admin',
    params: baseParams,
    status: 200,
    response: journalInfoSchema,
  }),
  ...jobRoutes,
};

export type KnowledgeRoutes = typeof knowledgeRoutes;

export type BaseInfo = z.infer<typeof baseInfoSchema>;
export type CreateBaseRequest = z.input<typeof createBaseRequestSchema>;
export type UpdateBaseRequest = z.input<typeof updateBaseRequestSchema>;
export type ImportResult = z.infer<typeof importResultSchema>;
export type ImportQuery = z.input<typeof importQuerySchema>;
export type ExportQuery = z.input<typeof exportQuerySchema>;
export type SearchAtomsQuery = z.input<typeof searchAtomsQuerySchema>;
export type TypeCounts = z.infer<typeof typeCountsSchema>;
export type SnapshotInfo = z.infer<typeof snapshotInfoSchema>;
export type CreateSnapshotRequest = z.input<typeof createSnapshotRequestSchema>;
export type SnapshotRestoreResult = z.infer<typeof snapshotRestoreResultSchema>;
export type BackupInfo = z.infer<typeof backupInfoSchema>;
export type CreateBackupRequest = z.input<typeof createBackupRequestSchema>;
export type RestoreRequest = z.input<typeof restoreRequestSchema>;
export type RestoreResult = z.infer<typeof restoreResultSchema>;
export type JournalInfo = z.infer<typeof journalInfoSchema>;
