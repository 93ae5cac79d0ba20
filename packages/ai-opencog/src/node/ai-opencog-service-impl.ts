import { inject, injectable } from '@theia/core/shared/inversify';
import { ServiceError, type SpaceInfo, type BaseInfo } from '@ai-opencog/protocol';
import { AiOpencogError } from '../common/ai-opencog-errors';
import type {
  AddAtomsSummary,
  AiOpencogClient,
  AiOpencogService,
  AtomDetails,
  AtomListPage,
  AtomListRequest,
  AtomSource,
  ExportedSpace,
  GraphNeighbourhood,
  HealthReport,
  JobOutcome,
  JobRequest,
  QueryOutcome,
  QueryRequestOptions,
  ServiceHealth,
  ServiceSettings,
  SourceDetail,
  SourceSummary,
} from '../common/ai-opencog-protocol';
import { atomText, bareAtom } from '../common/atom-format';
import { collectNeighbourhood, forEachLimited, neighbourhoodInSnapshot } from './atom-neighbourhood';
import { listAtomPage } from './atom-listing';
import { followJob } from './job-follower';
import { ServiceClients } from './service-clients';
import { exportSpace } from './space-exporter';
import { SpaceSnapshots } from './space-snapshots';

/** Rule bases a space defines: the ConceptNodes that rules (DefinedSchemaNodes) are members of. */
const RULE_BASE_QUERY =
  '(Get (VariableList (TypedVariable (Variable "$rule") (Type "DefinedSchemaNode")) (TypedVariable (Variable "$rbs") (Type "ConceptNode")))' +
  ' (Present (Member (Variable "$rule") (Variable "$rbs"))))';

/**
 * The extension's backend for one browser connection: every call goes to the services with the
 * protocol clients; every failure leaves as an AiOpencogError naming what was being done, with
 * the service's error code and details (a parse error's line and column, say).
 */
@injectable()
export class AiOpencogServiceImpl implements AiOpencogService {
  private client: AiOpencogClient | undefined;
  private readonly jobs = new Map<string, { request: JobRequest; abort: AbortController }>();
  /** Aborted when the connection closes: calls in flight stop. */
  private readonly lifetime = new AbortController();

  constructor(
    @inject(ServiceClients) private readonly clients: ServiceClients,
    @inject(SpaceSnapshots) private readonly snapshots: SpaceSnapshots,
  ) {}

  setClient(client: AiOpencogClient | undefined): void {
    this.client = client;
  }

  dispose(): void {
    this.lifetime.abort(new Error('the IDE connection closed'));
    for (const [jobId, job] of this.jobs) {
      job.abort.abort();
      void this.clients.cognitive.cancelJob(jobId).catch(() => undefined);
    }
    this.jobs.clear();
  }

  async configure(settings: Partial<ServiceSettings>): Promise<void> {
    this.clients.configure(settings);
    this.snapshots.invalidate();
  }

  async getEffectiveSettings() {
    const { token, ...rest } = this.clients.settings;
    return { ...rest, hasToken: token !== '' };
  }

  async health(): Promise<HealthReport> {
    const check = async (name: ServiceHealth['name']): Promise<ServiceHealth> => {
      const client = name === 'cognitive' ? this.clients.cognitive : this.clients.knowledge;
      const url = name === 'cognitive' ? this.clients.settings.cognitiveUrl : this.clients.settings.knowledgeUrl;
      try {
        const readiness = await client.readiness({ signal: AbortSignal.timeout(5000) });
        const down = readiness.checks.filter((c) => c.status === 'down').map((c) => `${c.name} is down${c.error ? ` (${c.error})` : ''}`);
        return { name, url, status: readiness.status, readiness, ...(down.length ? { detail: down.join('; ') } : {}) };
      } catch (error) {
        return { name, url, status: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
      }
    };
    const services = await Promise.all([check('cognitive'), check('knowledge')]);
    return { checkedAt: new Date().toISOString(), services };
  }

  listSources(): Promise<SourceSummary[]> {
    return this.guard('list the spaces and knowledge bases', async () => {
      const [spaces, bases] = await Promise.all([
        this.clients.cognitive.listSpaces(this.call()),
        this.clients.knowledge.listBases(this.call()).catch((error: unknown) => {
          // The knowledge service is optional for the explorer: spaces still show without it.
          if (error instanceof ServiceError && (error.code === 'UNAVAILABLE' || error.status === 0)) return { bases: [] as BaseInfo[] };
          throw error;
        }),
      ]);
      return [
        ...spaces.spaces.map((s) => ({ source: { kind: 'space' as const, name: s.name }, atomCount: s.atomCount, description: s.description })),
        ...bases.bases.map((b) => ({ source: { kind: 'base' as const, name: b.name }, atomCount: b.atomCount, description: b.description })),
      ];
    });
  }

  getSource(source: AtomSource): Promise<SourceDetail> {
    return this.guard(`read ${describeSource(source)}`, async () => {
      if (source.kind === 'space') {
        const s = await this.clients.cognitive.getSpace(source.name, this.call());
        return { source, atomCount: s.atomCount, description: s.description, typeCounts: s.typeCounts };
      }
      const [base, counts] = await Promise.all([
        this.clients.knowledge.getBase(source.name, this.call()),
        this.clients.knowledge.countTypes(source.name, this.call()),
      ]);
      return { source, atomCount: base.atomCount, description: base.description, typeCounts: counts.counts };
    });
  }

  createSpace(name: string): Promise<SpaceInfo> {
    return this.guard(`create space "${name}"`, async () => (await this.clients.cognitive.createSpace({ name }, this.call())).space);
  }

  dropSpace(name: string): Promise<void> {
    return this.guard(`drop space "${name}"`, async () => {
      this.snapshots.invalidate(name);
      await this.clients.cognitive.dropSpace(name, this.call());
    });
  }

  listBases(): Promise<BaseInfo[]> {
    return this.guard('list the knowledge bases', async () => (await this.clients.knowledge.listBases(this.call())).bases);
  }

  listAtoms(request: AtomListRequest): Promise<AtomListPage> {
    return this.guard(`list the atoms of ${describeSource(request.source)}`, () => listAtomPage(this.clients, request, this.snapshots, this.lifetime.signal));
  }

  getAtomDetails(space: string, ref: { handle: string } | { atomese: string }): Promise<AtomDetails> {
    return this.guard(`read an atom of space "${space}"`, async () => {
      const handle = 'handle' in ref ? ref.handle : (await this.clients.cognitive.lookupAtom(space, { atomese: ref.atomese }, this.call())).handle;
      const detail = await this.clients.cognitive.getAtom(space, handle, { incoming: true, atomese: true }, this.call());
      const outgoing: AtomDetails['outgoing'] = [];
      const members = detail.atom.outgoing ?? [];
      const found = new Array<AtomDetails['outgoing'][number] | undefined>(members.length);
      await forEachLimited(
        members.map((m, i) => ({ m, i })),
        8,
        async ({ m, i }) => {
          const r = await this.clients.cognitive.lookupAtom(space, { atom: bareAtom(m) }, this.call());
          found[i] = { handle: r.handle, atom: r.atom };
        },
      );
      for (const f of found) if (f) outgoing.push(f);
      return {
        space,
        handle: detail.handle,
        atom: detail.atom,
        atomese: detail.atomese ?? atomText(detail.atom, { values: true }),
        incomingCount: detail.incomingCount,
        incoming: detail.incoming ?? [],
        outgoing,
      };
    });
  }

  removeAtom(space: string, handle: string, recursive: boolean): Promise<number> {
    return this.guard(`remove the atom from space "${space}"`, async () => {
      this.snapshots.invalidate(space);
      return (await this.clients.cognitive.removeAtom(space, handle, { recursive }, this.call())).removed;
    });
  }

  addAtoms(space: string, atomese: string, file: string | undefined): Promise<AddAtomsSummary> {
    return this.guard(`load ${file ?? 'the text'} into space "${space}"`, async () => {
      const created = await this.ensureSpace(space);
      this.snapshots.invalidate(space);
      const added = await this.clients.cognitive.addAtoms(space, { atomese, ...(file ? { file } : {}) }, this.call());
      const info = await this.clients.cognitive.getSpace(space, this.call());
      return { space, count: added.count, atomCount: info.atomCount, created };
    });
  }

  runQuery(space: string, query: string, options: QueryRequestOptions): Promise<QueryOutcome> {
    return this.guard(`run the query in space "${space}"`, async () => {
      const started = Date.now();
      // BindLink and QueryLink add what they rewrite to.
      if (/^\s*[([]\s*(Bind|Query)/.test(query)) this.snapshots.invalidate(space);
      const result = await this.clients.cognitive.runQuery(space, { query, ...options }, this.call());
      return { space, query, result, elapsedMs: Date.now() - started };
    });
  }

  listRuleBases(space: string): Promise<string[]> {
    return this.guard(`list the rule bases of space "${space}"`, async () => {
      const result = await this.clients.cognitive.runQuery(space, { query: RULE_BASE_QUERY, maxResults: 10_000 }, this.call());
      if (result.kind === 'tv') return [];
      const names = new Set<string>();
      for (const row of result.atoms) {
        const rbs = row.outgoing?.[1];
        if (rbs?.name !== undefined) names.add(rbs.name);
      }
      return [...names].sort();
    });
  }

  startJob(request: JobRequest): Promise<string> {
    return this.guard(`start ${describeJob(request)}`, async () => {
      const c = this.clients.cognitive;
      const common = { ...(request.timeLimitMs ? { timeLimitMs: request.timeLimitMs } : {}) };
      let accepted: { jobId: string };
      if (request.kind === 'mine') {
        accepted = await c.mine(
          request.space,
          {
            minsup: request.minsup,
            ...(request.maximumConjuncts ? { maximumConjuncts: request.maximumConjuncts } : {}),
            ...(request.maximumPatterns ? { maximumPatterns: request.maximumPatterns } : {}),
            ...common,
          },
          this.call(),
        );
      } else {
        const chainer = {
          ...(request.rules.ruleBase ? { ruleBase: request.rules.ruleBase } : {}),
          ...(request.rules.rules?.length ? { rules: request.rules.rules } : {}),
          ...(request.maximumIterations ? { maximumIterations: request.maximumIterations } : {}),
          trace: true,
          ...common,
        };
        accepted =
          request.kind === 'forward-chain'
            ? await c.forwardChain(request.space, { ...chainer, source: request.source }, this.call())
            : await c.backwardChain(request.space, { ...chainer, target: request.target }, this.call());
      }
      this.jobs.set(accepted.jobId, { request, abort: new AbortController() });
      return accepted.jobId;
    });
  }

  awaitJob(jobId: string): Promise<JobOutcome> {
    const job = this.jobs.get(jobId);
    const what = job ? describeJob(job.request) : `job ${jobId}`;
    return this.guard(`run ${what}`, async () => {
      if (!job) throw new ServiceError('JOB_NOT_FOUND', `this IDE did not start job ${jobId}`);
      const signal = AbortSignal.any([job.abort.signal, this.lifetime.signal]);
      try {
        const finished = await followJob(this.clients.cognitive, jobId, {
          signal,
          onProgress: (progress) => this.client?.onJobProgress(jobId, progress),
        });
        if (finished.status === 'cancelled') throw new ServiceError('QUERY_ABORTED', 'the job was cancelled');
        if (finished.status === 'failed') throw ServiceError.fromInfo(finished.error ?? { code: 'INTERNAL', message: 'the job failed' });
        const request = job.request;
        if (request.kind === 'mine') {
          return { kind: 'mine', jobId, request, result: await this.clients.cognitive.waitForResult(jobId, 'mine', { signal }) };
        }
        return { kind: request.kind, jobId, request, result: await this.clients.cognitive.waitForResult(jobId, request.kind, { signal }) };
      } finally {
        this.jobs.delete(jobId);
        // what a job changes is applied to the space when it ends
        this.snapshots.invalidate(job.request.space);
      }
    });
  }

  cancelJob(jobId: string): Promise<void> {
    return this.guard(`cancel job ${jobId}`, async () => {
      await this.clients.cognitive.cancelJob(jobId, this.call());
    });
  }

  neighbourhood(space: string, centre: { handle: string } | { atomese: string }, depth: number, maxAtoms: number): Promise<GraphNeighbourhood> {
    return this.guard(`collect the neighbourhood of the atom in space "${space}"`, async () => {
      const signal = this.lifetime.signal;
      const handle = 'handle' in centre ? centre.handle : (await this.clients.cognitive.lookupAtom(space, { atomese: centre.atomese }, { signal })).handle;
      for (let attempt = 0; attempt < 2; attempt++) {
        const snapshot = await this.snapshots.get(space, signal);
        if (!snapshot.complete) break; // too large to hold: ask the service atom by atom
        const found = neighbourhoodInSnapshot(snapshot, handle, depth, maxAtoms);
        if (found) return found;
        this.snapshots.invalidate(space); // the atom came after the snapshot: take another
      }
      return collectNeighbourhood(this.clients.cognitive, space, { handle }, { depth, maxAtoms, signal });
    });
  }

  exportSpace(space: string): Promise<ExportedSpace> {
    return this.guard(`export space "${space}"`, () => exportSpace(this.clients.cognitive, space, this.lifetime.signal));
  }

  /** Creates the space when it does not exist; true when it did not. */
  private async ensureSpace(space: string): Promise<boolean> {
    try {
      await this.clients.cognitive.getSpace(space, this.call());
      return false;
    } catch (error) {
      if (!(error instanceof ServiceError) || error.code !== 'SPACE_NOT_FOUND') throw error;
      try {
        await this.clients.cognitive.createSpace({ name: space }, this.call());
      } catch (createError) {
        // Another caller created it meanwhile: fine.
        if (!(createError instanceof ServiceError) || createError.code !== 'CONFLICT') throw createError;
      }
      return true;
    }
  }

  private call() {
    return { signal: this.lifetime.signal };
  }

  private async guard<T>(action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toAiOpencogError(action, error);
    }
  }
}

/** Any failure as the error the browser receives: message, code, status, details; no stack. */
export function toAiOpencogError(action: string, error: unknown): Error {
  if (error instanceof Error && AiOpencogError.is(error)) return error;
  if (error instanceof ServiceError) {
    return AiOpencogError(error.message, { code: error.code, status: error.status, action, details: error.details });
  }
  const message = error instanceof Error ? error.message : String(error);
  const aborted = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
  return AiOpencogError(message, { code: aborted ? 'QUERY_ABORTED' : 'INTERNAL', status: 0, action });
}

function describeSource(source: AtomSource): string {
  return source.kind === 'space' ? `space "${source.name}"` : `knowledge base "${source.name}"`;
}

function describeJob(request: JobRequest): string {
  switch (request.kind) {
    case 'forward-chain':
      return `forward chaining in space "${request.space}"`;
    case 'backward-chain':
      return `backward chaining in space "${request.space}"`;
    case 'mine':
      return `the pattern miner in space "${request.space}"`;
  }
}
