import type { AtomRef, AtomsInput } from './atoms';
import {
  cognitiveJobResults,
  cognitiveRoutes,
  type AttentionRequest,
  type BackwardChainRequest,
  type CreateSpaceRequest,
  type ForwardChainRequest,
  type GetAtomQuery,
  type ListAtomsQuery,
  type LoadSource,
  type MineRequest,
  type QueryRequest,
  type RemoveAtomQuery,
  type SaveSpaceRequest,
} from './cognitive-routes';
import { ServiceClient, type CallOptions, type ClientOptions } from './service-client';

const r = cognitiveRoutes;

/**
 * Typed client of the cognitive service: one method per route of `cognitiveRoutes`, plus the
 * job, health and readiness methods of ServiceClient. Long operations return `{ jobId }`; wait
 * with `waitForResult(jobId, kind)` or follow them over a StreamClient.
 */
export class CognitiveClient extends ServiceClient<typeof cognitiveJobResults> {
  constructor(options: ClientOptions) {
    super(cognitiveJobResults, options);
  }

  listSpaces(options?: CallOptions) {
    return this.call(r.listSpaces, {}, options);
  }

  createSpace(body: CreateSpaceRequest = {}, options?: CallOptions) {
    return this.call(r.createSpace, { body }, options);
  }

  getSpace(space: string, options?: CallOptions) {
    return this.call(r.getSpace, { params: { space } }, options);
  }

  dropSpace(space: string, options?: CallOptions) {
    return this.call(r.dropSpace, { params: { space } }, options);
  }

  loadSpace(space: string, source: LoadSource, options?: CallOptions) {
    return this.call(r.loadSpace, { params: { space }, body: source }, options);
  }

  saveSpace(space: string, body: SaveSpaceRequest, options?: CallOptions) {
    return this.call(r.saveSpace, { params: { space }, body }, options);
  }

  addAtoms(space: string, input: AtomsInput, options?: CallOptions) {
    return this.call(r.addAtoms, { params: { space }, body: input }, options);
  }

  listAtoms(space: string, query: ListAtomsQuery = {}, options?: CallOptions) {
    return this.call(r.listAtoms, { params: { space }, query }, options);
  }

  lookupAtom(space: string, ref: AtomRef, options?: CallOptions) {
    return this.call(r.lookupAtom, { params: { space }, body: ref }, options);
  }

  getAtom(space: string, handle: string, query: GetAtomQuery = {}, options?: CallOptions) {
    return this.call(r.getAtom, { params: { space, handle }, query }, options);
  }

  removeAtom(space: string, handle: string, query: RemoveAtomQuery = {}, options?: CallOptions) {
    return this.call(r.removeAtom, { params: { space, handle }, query }, options);
  }

  runQuery(space: string, body: QueryRequest, options?: CallOptions) {
    return this.call(r.runQuery, { params: { space }, body }, options);
  }

  forwardChain(space: string, body: ForwardChainRequest, options?: CallOptions) {
    return this.call(r.forwardChain, { params: { space }, body }, options);
  }

  backwardChain(space: string, body: BackwardChainRequest, options?: CallOptions) {
    return this.call(r.backwardChain, { params: { space }, body }, options);
  }

  mine(space: string, body: MineRequest, options?: CallOptions) {
    return this.call(r.mine, { params: { space }, body }, options);
  }

  runAttention(space: string, body: AttentionRequest, options?: CallOptions) {
    return this.call(r.runAttention, { params: { space }, body }, options);
  }
}
