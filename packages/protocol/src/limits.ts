/**
 * The bounds every request schema enforces, so that validation rejects absurd input before any
 * work is done. Services read them too (e.g. to cap a page), and the IDE can show them.
 */
export const LIMITS = {
  /** Names of spaces, knowledge bases, snapshots and backups. */
  resourceName: 64,
  description: 1_000,
  typeName: 128,
  /** A node's name (OpenCog puts whole sentences and documents in names). */
  atomName: 65_536,
  /** Atoms in one link's outgoing set. */
  arity: 4_096,
  /** Keyed values on one atom, and items in one FloatValue/StringValue/LinkValue. */
  valuesPerAtom: 256,
  valueItems: 65_536,
  /** JSON atoms in one request body. */
  atomsPerRequest: 10_000,
  /** Atomese text inside a JSON body; larger inputs go through the streamed import. */
  atomeseText: 4_000_000,
  /** Atomese text of one query, source, target, pattern or declaration. */
  atomeseExpression: 100_000,
  /** Nesting depth of a JSON body (atoms inside atoms); checked before schema validation. */
  jsonDepth: 256,
  /** A file name reported in parse errors. */
  fileName: 256,
  pageSize: 1_000,
  defaultPageSize: 100,
  offset: 100_000_000,
  cursor: 512,
  searchText: 256,
  /** Atoms a response lists when it reports what a request added. */
  atomsEchoed: 1_000,
  jobId: 64,
  jobKind: 64,
  /** Client-chosen id of a stream message, echoed in the reply. */
  messageId: 64,
  /** A synchronous query's time limit. */
  queryTimeLimitMs: 600_000,
  maxResults: 1_000_000,
  /** A job's time limit. */
  jobTimeLimitMs: 86_400_000,
  ruleNames: 256,
  ruleName: 256,
  iterations: 10_000_000,
  stimuli: 10_000,
  ecanCycles: 100_000,
  minerConjuncts: 16,
  minerVariables: 32,
  minerPatterns: 100_000,
  restoreBases: 1_000,
} as const;
