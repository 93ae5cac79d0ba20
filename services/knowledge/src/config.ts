import { envBytes, envInt, envEnum, serviceConfigSchema } from '@ai-opencog/service-kit';
import type { StorageConfig } from '@ai-opencog/storage';
import { z } from 'zod';

/*
 * The knowledge service's configuration: the common variables of service-kit plus the ones below,
 * read once at start (`loadConfig(knowledgeConfigSchema(), process.env)`) and passed down. The CLI
 * reads the storage part only (`storeConfigSchema()`), with the same names.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const postgresUrl = z
  .string()
  .trim()
  .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL');
const neo4jUrl = z
  .string()
  .trim()
  .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/\S+$/, 'must be a bolt:// or neo4j:// URL');
const redisUrl = z
  .string()
  .trim()
  .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL');

/** Where the knowledge lives, and the atom types it may hold: what the service and the CLI share. */
export const storeConfigShape = {
  /** PGlite's data folder (the embedded default backend). */
  DATA_DIR: z.string().trim().min(1).default('./data/knowledge'),
  /** PostgreSQL instead of PGlite. */
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: envInt(10, { min: 1, max: 1_000 }),
  /** Neo4j instead of PGlite. */
  NEO4J_URL: neo4jUrl.optional(),
  NEO4J_USER: z.string().min(1).optional(),
  NEO4J_PASSWORD: z.string().min(1).optional(),
  NEO4J_DATABASE: z.string().min(1).optional(),
  /** Where backups are written and read. */
  BACKUP_DIR: z.string().trim().min(1).default('./data/backups'),
  /** User atom types, `Name:Parent[,Parent...]` separated by spaces or semicolons. */
  ATOM_TYPES: z.string().trim().optional(),
  /** Files in OpenCog's atom_types.script notation (`GENE_NODE <- CONCEPT_NODE`), separated by commas. */
  ATOM_TYPES_FILE: z.string().trim().optional(),
  LOG_LEVEL: envEnum(LOG_LEVELS, 'info'),
};

const serviceShape = {
  ...storeConfigShape,
  PORT: envInt(7301, { max: 65_535 }),
  /** Redis for the read cache, change events and rate limits; in-process equivalents without it. */
  REDIS_URL: redisUrl.optional(),
  REDIS_KEY_PREFIX: z.string().min(1).max(64).default('ai-opencog:'),
  CACHE_TTL_MS: envInt(60_000, { min: 1 }),
  /** Largest streamed request body (an import, a backup upload): 413 PAYLOAD_TOO_LARGE beyond. */
  STREAM_BODY_LIMIT: envBytes('20gb'),
  /**
   * Top-level atoms per write of an import. Default 500 with PGlite (it runs in the service's
   * thread: a write blocks other requests while it runs), 2,000 with PostgreSQL and Neo4j.
   */
  IMPORT_BATCH_SIZE: envInt(0, { min: 0, max: 10_000 }),
  /**
   * An import's staging base untouched for this long is taken as abandoned by a process that died,
   * and is cleaned up (staged) or finished (committing). PGlite (one process per data folder)
   * cleans up at start regardless.
   */
  STAGING_STALE_MS: envInt(600_000, { min: 1_000 }),
};

function oneBackend(c: { DATABASE_URL?: string; NEO4J_URL?: string }, ctx: z.RefinementCtx): void {
  if (c.DATABASE_URL !== undefined && c.NEO4J_URL !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['NEO4J_URL'], message: 'set DATABASE_URL (PostgreSQL) or NEO4J_URL (Neo4j), not both' });
  }
}

/** The service's schema: common variables (service-kit) + storage + its own. */
export function knowledgeConfigSchema() {
  return serviceConfigSchema(serviceShape).superRefine(oneBackend);
}

/** The CLI's schema: the storage variables only. */
export function storeConfigSchema() {
  return z.object(storeConfigShape).superRefine(oneBackend);
}

export type KnowledgeConfig = z.output<ReturnType<typeof knowledgeConfigSchema>>;
export type StoreSettings = z.output<ReturnType<typeof storeConfigSchema>>;

/** The storage backend the settings name: PostgreSQL with DATABASE_URL, Neo4j with NEO4J_URL, else PGlite in DATA_DIR. */
export function storageConfigOf(settings: StoreSettings): StorageConfig {
  if (settings.DATABASE_URL !== undefined) {
    return { backend: 'postgres', url: settings.DATABASE_URL, poolSize: settings.DATABASE_POOL_SIZE };
  }
  if (settings.NEO4J_URL !== undefined) {
    return {
      backend: 'neo4j',
      url: settings.NEO4J_URL,
      username: settings.NEO4J_USER,
      password: settings.NEO4J_PASSWORD,
      database: settings.NEO4J_DATABASE,
    };
  }
  return { backend: 'pglite', dataDir: settings.DATA_DIR };
}
