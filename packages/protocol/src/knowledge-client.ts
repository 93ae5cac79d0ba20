import type { AtomsInput } from './atoms';
import {
  knowledgeJobResults,
  knowledgeRoutes,
  type CreateBackupRequest,
  type CreateBaseRequest,
  type CreateSnapshotRequest,
  type ExportQuery,
  type ImportQuery,
  type RestoreRequest,
  type SearchAtomsQuery,
  type UpdateBaseRequest,
} from './knowledge-routes';
import { CONTENT_TYPES } from './route';
import { ServiceClient, type CallOptions, type ClientOptions, type RawBody } from './service-client';

const r = knowledgeRoutes;

/**
 * Typed client of the knowledge service: one method per route of `knowledgeRoutes`, plus the
 * job, health and readiness methods of ServiceClient. Exports and backup downloads come back as
 * a BodyStream; imports and backup uploads take a streamed body (e.g. a file's ReadableStream).
 */
export class KnowledgeClient extends ServiceClient<typeof knowledgeJobResults> {
  constructor(options: ClientOptions) {
    super(knowledgeJobResults, options);
  }

  listBases(options?: CallOptions) {
    return this.call(r.listBases, {}, options);
  }

  createBase(body: CreateBaseRequest, options?: CallOptions) {
    return this.call(r.createBase, { body }, options);
  }

  getBase(base: string, options?: CallOptions) {
    return this.call(r.getBase, { params: { base } }, options);
  }

  updateBase(base: string, body: UpdateBaseRequest, options?: CallOptions) {
    return this.call(r.updateBase, { params: { base }, body }, options);
  }

  deleteBase(base: string, options?: CallOptions) {
    return this.call(r.deleteBase, { params: { base } }, options);
  }

  addBaseAtoms(base: string, input: AtomsInput, options?: CallOptions) {
    return this.call(r.addBaseAtoms, { params: { base }, body: input }, options);
  }

  searchAtoms(base: string, query: SearchAtomsQuery = {}, options?: CallOptions) {
    return this.call(r.searchAtoms, { params: { base }, query }, options);
  }

  countTypes(base: string, options?: CallOptions) {
    return this.call(r.countTypes, { params: { base } }, options);
  }

  /**
   * Imports, as a job: JSON (`{atomese}` or `{atoms}`) or a streamed body of Atomese
   * (`text/x-scheme`) or JSON lines (`application/x-ndjson`).
   */
  importAtoms(base: string, input: AtomsInput | RawBody, query: ImportQuery = {}, options?: CallOptions) {
    const body = 'contentType' in input ? { raw: input } : { body: input };
    return this.call(r.importAtoms, { params: { base }, query, ...body }, options);
  }

  exportAtoms(base: string, query: ExportQuery = {}, options?: CallOptions) {
    return this.stream(r.exportAtoms, { params: { base }, query }, options);
  }

  listSnapshots(base: string, options?: CallOptions) {
    return this.call(r.listSnapshots, { params: { base } }, options);
  }

  createSnapshot(base: string, body: CreateSnapshotRequest, options?: CallOptions) {
    return this.call(r.createSnapshot, { params: { base }, body }, options);
  }

  restoreSnapshot(base: string, snapshot: string, options?: CallOptions) {
    return this.call(r.restoreSnapshot, { params: { base, snapshot } }, options);
  }

  deleteSnapshot(base: string, snapshot: string, options?: CallOptions) {
    return this.call(r.deleteSnapshot, { params: { base, snapshot } }, options);
  }

  createBackup(body: CreateBackupRequest = {}, options?: CallOptions) {
    return this.call(r.createBackup, { body }, options);
  }

  listBackups(options?: CallOptions) {
    return this.call(r.listBackups, {}, options);
  }

  downloadBackup(backup: string, options?: CallOptions) {
    return this.stream(r.downloadBackup, { params: { backup } }, options);
  }

  uploadBackup(backup: string, body: RawBody['body'], options?: CallOptions) {
    return this.call(r.uploadBackup, { params: { backup }, raw: { contentType: CONTENT_TYPES.jsonLines, body } }, options);
  }

  deleteBackup(backup: string, options?: CallOptions) {
    return this.call(r.deleteBackup, { params: { backup } }, options);
  }

  restore(body: RestoreRequest, options?: CallOptions) {
    return this.call(r.restore, { body }, options);
  }

  getJournal(base: string, options?: CallOptions) {
    return this.call(r.getJournal, { params: { base } }, options);
  }
}
