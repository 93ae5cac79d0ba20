import { readFileSync } from 'node:fs';
import { parseTypesScript, TypeRegistry, type TypeDeclaration } from '@ai-opencog/atomspace';
import { LIMITS } from '@ai-opencog/protocol';
import { envInt, loadConfig, serviceConfigSchema } from '@ai-opencog/service-kit';
import { z } from 'zod';

/** The default port of the cognitive service (the knowledge service listens on 7301). */
export const DEFAULT_PORT = 7302;
export const DEFAULT_KNOWLEDGE_URL = 'http://127.0.0.1:7301';

/**
 * The service's own variables, beside the common ones of service-kit (HOST, LOG_LEVEL,
 * AUTH_MODE, API_TOKENS, BODY_LIMIT, JOBS_*, ...). Every one is documented in README.md.
 */
const cognitiveShape = {
  PORT: envInt(DEFAULT_PORT, { max: 65_535 }),
  /** Where the knowledge service listens. */
  KNOWLEDGE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default(DEFAULT_KNOWLEDGE_URL),
  /** Bearer token for the knowledge service (write role: loads read, saves write). */
  KNOWLEDGE_TOKEN: z.string().min(1).optional(),
  /** Time limit of one call to the knowledge service (a streamed export or import may take longer: this bounds its start). */
  KNOWLEDGE_TIMEOUT_MS: envInt(30_000, { min: 100 }),
  /** `redis://host:port`: share changes with other instances over Redis pub/sub; absent: in-process bus. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  /** Default and largest time limit of a synchronous query. */
  QUERY_TIME_LIMIT_MS: envInt(5_000, { min: 1, max: LIMITS.queryTimeLimitMs }),
  /** Default and largest number of results of a synchronous query. */
  QUERY_MAX_RESULTS: envInt(10_000, { min: 1, max: LIMITS.maxResults }),
  /** Atoms one space may hold; adds, loads and job results beyond it fail with PAYLOAD_TOO_LARGE. */
  MAX_ATOMS_PER_SPACE: envInt(1_000_000, { min: 1 }),
  /** Spaces this instance holds at most. */
  MAX_SPACES: envInt(100, { min: 1 }),
  /** Default and largest run time of a job (chaining, mining, attention, load, save). */
  JOB_TIME_LIMIT_MS: envInt(300_000, { min: 100, max: LIMITS.jobTimeLimitMs }),
  /** Heap limit of the worker thread a reasoning, mining or attention job runs in. */
  JOB_MEMORY_LIMIT_MB: envInt(1_024, { min: 32, max: 65_536 }),
  /** Atoms (results, trace steps, patterns, focus) a job result lists at most. */
  JOB_MAX_RESULT_ITEMS: envInt(10_000, { min: 1, max: 1_000_000 }),
  /**
   * OpenCog `atom_types.script` file declaring user types (e.g. `GENE_NODE <- CONCEPT_NODE`) for
   * every space; read and checked at start, so the value is the declarations.
   */
  ATOM_TYPES_FILE: z
    .string()
    .min(1)
    .optional()
    .transform((path, ctx): TypeDeclaration[] => {
      if (path === undefined) return [];
      try {
        const declarations = parseTypesScript(readFileSync(path, 'utf8'));
        new TypeRegistry().declareAll(declarations);
        return declarations;
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        ctx.addIssue({ code: 'custom', message: `cannot use the types file: ${e.syscall !== undefined ? e.code : e.message}` });
        return z.NEVER;
      }
    }),
};

const schema = serviceConfigSchema(cognitiveShape);

export type CognitiveConfig = z.output<typeof schema>;

/**
 * The configuration, read once at start from `env` (main.ts passes process.env). Throws a
 * ConfigError naming every bad variable.
 */
export function loadCognitiveConfig(env: Record<string, string | undefined>): CognitiveConfig {
  return loadConfig(schema, env);
}
