import type { RpcServer } from '@theia/core/lib/common/messaging/proxy-factory';
import type {
  AtomJson,
  AtomRecord,
  BaseInfo,
  ChainResult,
  JobProgress,
  MineResult,
  QueryResult,
  Readiness,
  SpaceInfo,
  TypeCount,
} from '@ai-opencog/protocol';

/*
 * What the browser and the extension's backend say to each other over Theia's JSON-RPC: the
 * service path, the server interface (the backend, which talks to the services with the protocol
 * clients) and the client interface (the browser, told about job progress).
 */

/** Where the backend serves AiOpencogService. */
export const AI_OPENCOG_SERVICE_PATH = '/services/ai-opencog';

/** Where the services are and how to reach them; empty values fall back on the backend's defaults. */
export interface ServiceSettings {
  cognitiveUrl: string;
  knowledgeUrl: string;
  token: string;
  /** Time limit of one call to a service. */
  requestTimeoutMs: number;
}

/** What the backend found at `/readyz` of each service. */
export interface ServiceHealth {
  name: 'cognitive' | 'knowledge';
  url: string;
  status: 'ready' | 'unavailable' | 'unreachable';
  /** Why it is not ready (a dependency down, the service unreachable). */
  detail?: string;
  readiness?: Readiness;
}

export interface HealthReport {
  checkedAt: string;
  services: ServiceHealth[];
}

/** A space of working memory or a knowledge base: the two kinds of sources the explorer shows. */
export type AtomSource = { kind: 'space'; name: string } | { kind: 'base'; name: string };

export interface SourceSummary {
  source: AtomSource;
  atomCount: number;
  description?: string;
}

export interface SourceDetail extends SourceSummary {
  typeCounts: TypeCount[];
}

export interface AtomListRequest {
  source: AtomSource;
  /** Only atoms of this type (and its subtypes). */
  type?: string;
  /** Text to find in node names (knowledge bases search; spaces are scanned). */
  search?: string;
  /** Page by offset; `limit` atoms a page. */
  offset: number;
  limit: number;
}

export interface AtomListPage {
  items: AtomRecord[];
  offset: number;
  /** Total atoms that match, when known. */
  total?: number;
  /** More pages follow. */
  hasMore: boolean;
  /** A scan of a space stopped at its bound before the end (search over a very large space). */
  truncated?: boolean;
}

/** An atom with its incoming and outgoing atoms, each with a handle when the service has one. */
export interface AtomDetails {
  space: string;
  handle: string;
  atom: AtomJson;
  atomese: string;
  incomingCount: number;
  incoming: AtomRecord[];
  outgoing: AtomRecord[];
}

export interface AddAtomsSummary {
  space: string;
  /** Top-level atoms read. */
  count: number;
  /** Atoms in the space afterwards. */
  atomCount: number;
  created: boolean;
}

export interface QueryRequestOptions {
  maxResults?: number;
  timeLimitMs?: number;
}

export interface QueryOutcome {
  space: string;
  query: string;
  result: QueryResult;
  elapsedMs: number;
}

export interface RuleChoice {
  ruleBase?: string;
  rules?: string[];
}

/** The long operations: each runs as a job of the cognitive service. */
export type JobRequest =
  | { kind: 'forward-chain'; space: string; source: string; rules: RuleChoice; maximumIterations?: number; timeLimitMs?: number }
  | { kind: 'backward-chain'; space: string; target: string; rules: RuleChoice; maximumIterations?: number; timeLimitMs?: number }
  | { kind: 'mine'; space: string; minsup: number; maximumConjuncts?: number; maximumPatterns?: number; timeLimitMs?: number };

export type JobOutcome =
  | { kind: 'forward-chain' | 'backward-chain'; jobId: string; request: JobRequest; result: ChainResult }
  | { kind: 'mine'; jobId: string; request: JobRequest; result: MineResult };

/** Atoms around a centre, as the graph view draws them. */
export interface GraphNeighbourhood {
  space: string;
  centre: string;
  nodes: GraphAtom[];
  edges: GraphEdge[];
  /** The bound on atoms was reached: more atoms are around. */
  truncated: boolean;
}

export interface GraphAtom {
  /** The atom's handle in the space. */
  id: string;
  atom: AtomJson;
  /** Links pointing at it, in the space. */
  incomingCount: number;
  /** Distance from the centre. */
  depth: number;
}

/** From a link to a member of its outgoing set, at `position`. */
export interface GraphEdge {
  source: string;
  target: string;
  position: number;
}

export interface ExportedSpace {
  space: string;
  atomese: string;
  atomCount: number;
  topLevelCount: number;
}

/** The backend: every call goes to the services through the protocol clients. */
export const AiOpencogService = Symbol('AiOpencogService');
export interface AiOpencogService extends RpcServer<AiOpencogClient> {
  /** The browser's preferences (URLs, token, limits); empty values keep the backend's defaults. */
  configure(settings: Partial<ServiceSettings>): Promise<void>;
  /** The settings in force (the token is never sent back, only whether there is one). */
  getEffectiveSettings(): Promise<Omit<ServiceSettings, 'token'> & { hasToken: boolean }>;
  health(): Promise<HealthReport>;

  listSources(): Promise<SourceSummary[]>;
  getSource(source: AtomSource): Promise<SourceDetail>;
  createSpace(name: string): Promise<SpaceInfo>;
  dropSpace(name: string): Promise<void>;
  listBases(): Promise<BaseInfo[]>;

  listAtoms(request: AtomListRequest): Promise<AtomListPage>;
  getAtomDetails(space: string, ref: { handle: string } | { atomese: string }): Promise<AtomDetails>;
  removeAtom(space: string, handle: string, recursive: boolean): Promise<number>;
  addAtoms(space: string, atomese: string, file: string | undefined): Promise<AddAtomsSummary>;

  runQuery(space: string, query: string, options: QueryRequestOptions): Promise<QueryOutcome>;
  /** Rule bases the space defines (ConceptNodes that DefinedSchemaNodes are members of). */
  listRuleBases(space: string): Promise<string[]>;
  startJob(request: JobRequest): Promise<string>;
  /** Waits for the job, telling the client its progress; resolves with its result. */
  awaitJob(jobId: string): Promise<JobOutcome>;
  cancelJob(jobId: string): Promise<void>;

  neighbourhood(space: string, centre: { handle: string } | { atomese: string }, depth: number, maxAtoms: number): Promise<GraphNeighbourhood>;
  exportSpace(space: string): Promise<ExportedSpace>;
}

/** The browser, as the backend sees it. */
export const AiOpencogClient = Symbol('AiOpencogClient');
export interface AiOpencogClient {
  onJobProgress(jobId: string, progress: JobProgress): void;
}

export type { AtomJson, AtomRecord, BaseInfo, ChainResult, JobProgress, MineResult, QueryResult, SpaceInfo, TypeCount };
