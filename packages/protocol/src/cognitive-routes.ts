import { z } from 'zod';
import {
  atomeseExpressionSchema,
  atomJsonSchema,
  atomPageSchema,
  atomRecordSchema,
  atomRefSchema,
  atomsInputSchema,
  attentionValueJsonSchema,
  handleSchema,
  truthValueJsonSchema,
  typeCountSchema,
  typeNameSchema,
} from './atoms';
import {
  countSchema,
  descriptionSchema,
  pagedQuery,
  queryFlag,
  resourceNameSchema,
  timestampSchema,
} from './fields';
import { jobAcceptedSchema, jobIdSchema, jobRoutes } from './jobs';
import { LIMITS } from './limits';
import { defineRoute } from './route';

/*
 * The cognitive service: spaces of working memory (AtomSpaces), their atoms, queries, reasoning
 * (URE forward/backward chaining), pattern mining and attention allocation (ECAN).
 */

// ---- spaces ----

/** A knowledge base (and optionally one of its snapshots) to load atoms from. */
export const loadSourceSchema = z
  .strictObject({ base: resourceNameSchema, snapshot: resourceNameSchema.optional() })
  .meta({ id: 'LoadSource' });

export const spaceInfoSchema = z
  .object({
    name: resourceNameSchema,
    description: descriptionSchema.optional(),
    atomCount: countSchema,
    createdAt: timestampSchema,
    loadedFrom: z.object({ base: resourceNameSchema, snapshot: resourceNameSchema.optional() }).optional(),
  })
  .meta({ id: 'SpaceInfo' });

export const spaceDetailSchema = spaceInfoSchema
  .extend({ typeCounts: z.array(typeCountSchema) })
  .meta({ id: 'SpaceDetail' });

export const createSpaceRequestSchema = z
  .strictObject({
    /** Left out: the service picks a name. */
    name: resourceNameSchema.optional(),
    description: descriptionSchema.optional(),
    /** Fill the new space from a knowledge base; the load runs as a job. */
    load: loadSourceSchema.optional(),
  })
  .meta({ id: 'CreateSpaceRequest' });

export const createSpaceResponseSchema = z
  .object({ space: spaceInfoSchema, jobId: jobIdSchema.optional() })
  .meta({ id: 'CreateSpaceResponse' });

export const spaceListSchema = z.object({ spaces: z.array(spaceInfoSchema) }).meta({ id: 'SpaceList' });

export const saveSpaceRequestSchema = z
  .strictObject({
    base: resourceNameSchema,
    /** `merge` adds the space's atoms to the base; `replace` makes the base hold exactly them. */
    mode: z.enum(['merge', 'replace']).default('merge'),
    /** Create the base when it does not exist (else BASE_NOT_FOUND). */
    createBase: z.boolean().default(false),
  })
  .meta({ id: 'SaveSpaceRequest' });

/** Result of a `load` job. */
export const loadResultSchema = z
  .object({ base: resourceNameSchema, snapshot: resourceNameSchema.optional(), atomCount: countSchema })
  .meta({ id: 'LoadResult' });

/** Result of a `save` job. */
export const saveResultSchema = z
  .object({ base: resourceNameSchema, atomCount: countSchema })
  .meta({ id: 'SaveResult' });

// ---- atoms ----

export const addAtomsResponseSchema = z
  .object({
    /** Top-level atoms read (existing atoms count: adding returns them). */
    count: countSchema,
    /** The first of them, up to LIMITS.atomsEchoed. */
    atoms: z.array(atomRecordSchema),
    truncated: z.boolean(),
  })
  .meta({ id: 'AddAtomsResponse' });

export const listAtomsQuerySchema = pagedQuery({
  type: typeNameSchema.optional(),
  /** With `type`: include its subtypes. */
  subtypes: queryFlag(true),
  /** Add each atom's Atomese text. */
  atomese: queryFlag(false),
});

export const getAtomQuerySchema = z.object({
  /** List the incoming set (up to LIMITS.atomsEchoed). */
  incoming: queryFlag(false),
  atomese: queryFlag(false),
});

export const atomDetailSchema = atomRecordSchema
  .extend({
    incomingCount: countSchema,
    incoming: z.array(atomRecordSchema).optional(),
  })
  .meta({ id: 'AtomDetail' });

export const removeAtomQuerySchema = z.object({
  /** Remove the atoms that contain it too (OpenCog's cog-extract-recursive!). */
  recursive: queryFlag(false),
});

export const removeAtomResponseSchema = z.object({ removed: countSchema }).meta({ id: 'RemoveAtomResponse' });

// ---- query ----

export const queryRequestSchema = z
  .strictObject({
    /** A GetLink, BindLink, QueryLink, MeetLink or SatisfactionLink in Atomese. */
    query: atomeseExpressionSchema,
    maxResults: z.number().int().min(1).max(LIMITS.maxResults).optional(),
    timeLimitMs: z.number().int().min(1).max(LIMITS.queryTimeLimitMs).optional(),
  })
  .meta({ id: 'QueryRequest' });

/** Results of a query: the atoms found (as JSON and as one Atomese text), or a truth value. */
export const queryResultSchema = z
  .discriminatedUnion('kind', [
    /** GetLink, BindLink: the members of the result SetLink. */
    z.object({ kind: z.literal('set'), complete: z.boolean(), atoms: z.array(atomJsonSchema), atomese: z.string() }),
    /** QueryLink, MeetLink: the results in the order found. */
    z.object({ kind: z.literal('value'), complete: z.boolean(), atoms: z.array(atomJsonSchema), atomese: z.string() }),
    /** SatisfactionLink: whether the pattern has a grounding. */
    z.object({ kind: z.literal('tv'), complete: z.boolean(), tv: truthValueJsonSchema }),
  ])
  .meta({ id: 'QueryResult' });

// ---- reasoning ----

const chainerShape = {
  /** The rule base: the name of its ConceptNode (e.g. `pln-rbs`). */
  ruleBase: z.string().min(1).max(LIMITS.ruleName).optional(),
  /** Rule names (DefinedSchemaNode names) to use, alone or narrowing the rule base. */
  rules: z.array(z.string().min(1).max(LIMITS.ruleName)).min(1).max(LIMITS.ruleNames).optional(),
  /** Declaration of the source's or target's variables, in Atomese. */
  vardecl: atomeseExpressionSchema.optional(),
  maximumIterations: z.number().int().min(1).max(LIMITS.iterations).optional(),
  /** λ of the complexity factor exp(−λ × complexity) weighing sources and inference trees. */
  complexityPenalty: z.number().min(0).max(1_000).optional(),
  /** Return the inference trace (which rule, which premises, which TV). */
  trace: z.boolean().default(false),
  timeLimitMs: z.number().int().min(1).max(LIMITS.jobTimeLimitMs).optional(),
  /** Seed of the chainer's random choices: the same seed gives the same run. */
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
};

const needsRules = (r: { ruleBase?: string; rules?: string[] }) => r.ruleBase !== undefined || r.rules !== undefined;
const needsRulesMessage = { message: 'give a ruleBase, rules, or both', path: ['ruleBase'] };

export const forwardChainRequestSchema = z
  .strictObject({
    ...chainerShape,
    /** The source(s) in Atomese: one atom, or several (each one a source). */
    source: z.string().min(1).max(LIMITS.atomeseText),
    /** When every source is exhausted, start over instead of stopping. */
    retryExhaustedSources: z.boolean().optional(),
  })
  .refine(needsRules, needsRulesMessage)
  .meta({ id: 'ForwardChainRequest' });

export const backwardChainRequestSchema = z
  .strictObject({
    ...chainerShape,
    /** The target in Atomese, possibly with variables. */
    target: atomeseExpressionSchema,
    /** Most and-BITs kept (unlikely ones are dropped beyond it). */
    maximumBitSize: z.number().int().min(1).max(LIMITS.iterations).optional(),
  })
  .refine(needsRules, needsRulesMessage)
  .meta({ id: 'BackwardChainRequest' });

export const inferenceStepSchema = z
  .object({
    iteration: countSchema,
    rule: z.string(),
    premises: z.array(atomJsonSchema),
    conclusion: atomJsonSchema,
    tv: truthValueJsonSchema,
  })
  .meta({ id: 'InferenceStep' });

/** Result of a `forward-chain` or `backward-chain` job. */
export const chainResultSchema = z
  .object({
    results: z.array(z.object({ atom: atomJsonSchema, atomese: z.string(), tv: truthValueJsonSchema })),
    iterations: countSchema,
    stopReason: z.enum(['exhausted', 'max-iterations', 'time-limit']),
    /** False when the time limit cut the run short. */
    complete: z.boolean(),
    trace: z.array(inferenceStepSchema).optional(),
  })
  .meta({ id: 'ChainResult' });

// ---- mining ----

export const SURPRISINGNESS_MEASURES = ['none', 'isurp-old', 'nisurp-old', 'isurp', 'nisurp', 'jsdsurp'] as const;

export const mineRequestSchema = z
  .strictObject({
    /** Least number of texts a pattern must match. */
    minsup: z.number().int().min(1).max(1_000_000_000),
    /** The texts to mine, in Atomese (e.g. a ConceptNode whose members they are); default: every atom. */
    texts: atomeseExpressionSchema.optional(),
    /** The pattern to start from (a LambdaLink), in Atomese; default: the most abstract one. */
    initialPattern: atomeseExpressionSchema.optional(),
    maximumIterations: z.number().int().min(1).max(LIMITS.iterations).optional(),
    maximumConjuncts: z.number().int().min(1).max(LIMITS.minerConjuncts).optional(),
    maximumVariables: z.number().int().min(1).max(LIMITS.minerVariables).optional(),
    /** Patterns returned, best first. */
    maximumPatterns: z.number().int().min(1).max(LIMITS.minerPatterns).optional(),
    surprisingness: z.enum(SURPRISINGNESS_MEASURES).default('nisurp'),
    timeLimitMs: z.number().int().min(1).max(LIMITS.jobTimeLimitMs).optional(),
  })
  .meta({ id: 'MineRequest' });

/** Result of a `mine` job: patterns ranked by surprisingness (or support with `none`). */
export const mineResultSchema = z
  .object({
    patterns: z.array(
      z.object({
        pattern: atomJsonSchema,
        atomese: z.string(),
        support: countSchema,
        surprisingness: z.number().optional(),
      }),
    ),
    complete: z.boolean(),
  })
  .meta({ id: 'MineResult' });

// ---- attention ----

export const attentionRequestSchema = z
  .strictObject({
    /** Stimulus given to atoms before the first cycle. */
    stimuli: z
      .array(z.strictObject({ atom: atomRefSchema, stimulus: z.number().min(0).max(1_000_000) }))
      .max(LIMITS.stimuli)
      .default([]),
    cycles: z.number().int().min(1).max(LIMITS.ecanCycles),
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    /** Atoms of the attentional focus to return, most important first. */
    focusSize: z.number().int().min(1).max(LIMITS.atomsEchoed).default(20),
    timeLimitMs: z.number().int().min(1).max(LIMITS.jobTimeLimitMs).optional(),
  })
  .meta({ id: 'AttentionRequest' });

/** Result of an `attention` job. */
export const attentionResultSchema = z
  .object({
    cycles: countSchema,
    focus: z.array(z.object({ atom: atomJsonSchema, atomese: z.string(), av: attentionValueJsonSchema })),
    hebbianLinksCreated: countSchema,
  })
  .meta({ id: 'AttentionResult' });

/** The result schema of each cognitive job kind. */
export const cognitiveJobResults = {
  load: loadResultSchema,
  save: saveResultSchema,
  'forward-chain': chainResultSchema,
  'backward-chain': chainResultSchema,
  mine: mineResultSchema,
  attention: attentionResultSchema,
} as const;
export type CognitiveJobKind = keyof typeof cognitiveJobResults;

// ---- the route table ----

const spaceParams = z.object({ space: resourceNameSchema });
const atomParams = z.object({ space: resourceNameSchema, handle: handleSchema });

export const cognitiveRoutes = {
  listSpaces: defineRoute({
    method: 'GET',
    path: '/v1/spaces',
    summary: 'List the spaces of working memory',
    tag: 'spaces',
    role: 'read',
    status: 200,
    response: spaceListSchema,
  }),
  createSpace: defineRoute({
    method: 'POST',
    path: '/v1/spaces',
    summary: 'Create a space, empty or loaded from a knowledge base (the load runs as a job)',
    tag: 'spaces',
    role: 'write',
    body: createSpaceRequestSchema,
    status: 201,
    response: createSpaceResponseSchema,
  }),
  getSpace: defineRoute({
    method: 'GET',
    path: '/v1/spaces/:space',
    summary: 'A space with its atom counts per type',
    tag: 'spaces',
    role: 'read',
    params: spaceParams,
    status: 200,
    response: spaceDetailSchema,
  }),
  dropSpace: defineRoute({
    method: 'DELETE',
    path: '/v1/spaces/:space',
    summary: 'Drop a space and its atoms',
    tag: 'spaces',
    role: 'write',
    params: spaceParams,
    status: 204,
  }),
  loadSpace: defineRoute({
    method: 'POST',
    path: '/v1/spaces/:space/load',
    summary: 'Load the atoms of a knowledge base (or a snapshot) into a space, as a job',
    tag: 'spaces',
    role: 'write',
    params: spaceParams,
    body: loadSourceSchema,
    status: 202,
    response: jobAcceptedSchema,
  }),
  saveSpace: defineRoute({
    method: 'POST',
    path: '/v1/spaces/:space/save',
    summary: 'Save the atoms of a space to a knowledge base, as a job',
    tag: 'spaces',
    role: 'write',
    params: spaceParams,
    body: saveSpaceRequestSchema,
    status: 202,
    response: jobAcceptedSchema,
  }),
  addAtoms: defineRoute({
    method: 'POST',
    path: '/v1/spaces/:space/atoms',
    summary: 'Add atoms given as Atomese text or JSON atoms',
    tag: 'atoms',
    role: 'write',
    params: spaceParams,
    body: atomsInputSchema,
    status: 200,
    response: addAtomsResponseSchema,
  }),
  listAtoms: defineRoute({
    method: 'GET',
    path: '/v1/spaces/:space/atoms',
    summary: 'List atoms, by type (with subtypes) or all, a page at a time',
    tag: 'atoms',
    role: 'read',
    params: spaceParams,
    query: listAtomsQuerySchema,
    status: 200,
    response: atomPageSchema,
  }),
  lookupAtom: defineRoute({
    method: 'POST',
    path: '/v1/spaces/:space/atoms/lookup',
    summary: 'Find an atom by its content (JSON or Atomese) without adding it',
    tag: 'atoms',
    role: 'read',
    params: spaceParams,
    body: atomRefSchema,
    status: 200,
    response: atomDetailSchema,
  }),
  getAtom: defineRoute({
    method: 'GET',
    path: '/v1/spaces/:space/atoms/:handle',
    summary: 'An atom with its values and, when asked, its incoming set',
    tag: 'atoms',
    role: 'read',
    params: atomParams,
    query: getAtomQuerySchema,
    status: 200,
    response: atomDetailSchema,
  }),
  removeAtom: defineRoute({
    method: 'DELETE',
    path: '/v1/spaces/:space/atoms/:handle',
    summary: 'Remove an atom (HAS_INCOMING unless recursive)',
    tag: 'atoms',
    role: 'write',
    params: atomParams,
    query: removeAtomQuerySchema,
    status: 200,
    response: removeAtomResponseSchema,
  }),
  runQuery: defineRoute({
    method: 'POST',
    path: '/v1/spaces/:space/query',
    summary: 'Run a pattern-matcher query given in Atomese',
    tag: 'query',
    role: 'write',
    params: spaceParams,
    body: queryRequestSchema,
    status: 200,
    response: queryResultSchema,
  }),
  forwardChain: defineRoute({
    method: 'POST',
    path: '/v1/spaces/:space/forward-chain',
    summary: 'Run the URE forward chainer from a source, as a job',
    tag: 'reasoning',
    role: 'write',
    params: spaceParams,
    body: forwardChainRequestSchema,
    status: 202,
    response: jobAcceptedSchema,
  }),
  backwardChain: defineRoute({
    method: 'POST',
    path: '/v1/spaces/:space/backward-chain',
    summary: 'Run the URE backward chainer towards a target, as a job',
    tag: 'reasoning',
    role: 'write',
    params: spaceParams,
    body: backwardChainRequestSchema,
    status: 202,
    response: jobAcceptedSchema,
  }),
  mine: defineRoute({
    method: 'POST',
    path: '/v1/spaces/:space/mine',
    summary: 'Run the pattern miner, as a job',
    tag: 'learning',
    role: 'write',
    params: spaceParams,
    body: mineRequestSchema,
    status: 202,
    response: jobAcceptedSchema,
  }),
  runAttention: defineRoute({
    method: 'POST',
    path: '/v1/spaces/:space/attention',
    summary: 'Stimulate atoms and run ECAN cycles, as a job',
    tag: 'learning',
    role: 'write',
    params: spaceParams,
    body: attentionRequestSchema,
    status: 202,
    response: jobAcceptedSchema,
  }),
  ...jobRoutes,
};

export type CognitiveRoutes = typeof cognitiveRoutes;

export type LoadSource = z.input<typeof loadSourceSchema>;
export type SpaceInfo = z.infer<typeof spaceInfoSchema>;
export type SpaceDetail = z.infer<typeof spaceDetailSchema>;
export type CreateSpaceRequest = z.input<typeof createSpaceRequestSchema>;
export type CreateSpaceResponse = z.infer<typeof createSpaceResponseSchema>;
export type SaveSpaceRequest = z.input<typeof saveSpaceRequestSchema>;
export type LoadResult = z.infer<typeof loadResultSchema>;
export type SaveResult = z.infer<typeof saveResultSchema>;
export type AddAtomsResponse = z.infer<typeof addAtomsResponseSchema>;
export type ListAtomsQuery = z.input<typeof listAtomsQuerySchema>;
export type GetAtomQuery = z.input<typeof getAtomQuerySchema>;
export type AtomDetail = z.infer<typeof atomDetailSchema>;
export type RemoveAtomQuery = z.input<typeof removeAtomQuerySchema>;
export type QueryRequest = z.input<typeof queryRequestSchema>;
export type QueryResult = z.infer<typeof queryResultSchema>;
export type ForwardChainRequest = z.input<typeof forwardChainRequestSchema>;
export type BackwardChainRequest = z.input<typeof backwardChainRequestSchema>;
export type InferenceStep = z.infer<typeof inferenceStepSchema>;
export type ChainResult = z.infer<typeof chainResultSchema>;
export type MineRequest = z.input<typeof mineRequestSchema>;
export type MineResult = z.infer<typeof mineResultSchema>;
export type AttentionRequest = z.input<typeof attentionRequestSchema>;
export type AttentionResult = z.infer<typeof attentionResultSchema>;
