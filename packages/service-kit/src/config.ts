import { readFileSync } from 'node:fs';
import { ROLES, type Role } from '@ai-opencog/protocol';
import { z } from 'zod';

/** A bearer token and who holds it. */
export interface ApiToken {
  name: string;
  token: string;
  role: Role;
}

/** Every bad variable of a configuration, each named with what is wrong (never with its value). */
export class ConfigError extends Error {
  constructor(readonly problems: readonly { variable: string; message: string }[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// ---- helpers to declare variables ----

/** An integer variable within bounds. */
export function envInt(defaultValue: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  return z
    .string()
    .trim()
    .regex(/^-?\d+$/, 'must be an integer')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .default(defaultValue);
}

/** A boolean variable: true/false, 1/0, yes/no, on/off. */
export function envBool(defaultValue: boolean) {
  return z.stringbool({ error: 'must be true or false' }).default(defaultValue);
}

/** A size in bytes: `1048576`, `512kb`, `10mb`, `1gb`. */
export function envBytes(defaultValue: string) {
  return z
    .string()
    .trim()
    .regex(/^\d+\s*(b|kb|mb|gb)?$/i, 'must be a size such as 1048576, 512kb or 10mb')
    .default(defaultValue)
    .transform(parseBytes);
}

export function envEnum<const T extends readonly [string, ...string[]]>(values: T, defaultValue: T[number]) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` }).default(defaultValue);
}

function parseBytes(text: string): number {
  const [, digits, unit = 'b'] = /^(\d+)\s*([a-z]*)$/i.exec(text.trim())!;
  const scale = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit.toLowerCase() as 'b' | 'kb' | 'mb' | 'gb'];
  return Number(digits) * scale;
}

// ---- tokens ----

const TOKEN_NAME = /^[A-Za-z0-9_.@-]{1,64}$/;
const TOKEN_VALUE = /^[A-Za-z0-9._~+/=-]{16,256}$/;

/**
 * Reads `name:token:role` entries separated by commas or new lines; `#` starts a comment. The
 * problems name the entry by its position and its name, never by its token.
 */
export function parseApiTokens(text: string): { tokens: ApiToken[]; problems: string[] } {
  const tokens: ApiToken[] = [];
  const problems: string[] = [];
  const entries = text
    .split(/[\n,]/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
  entries.forEach((entry, i) => {
    const parts = entry.split(':');
    const where = `entry ${i + 1}`;
    if (parts.length !== 3) return problems.push(`${where} is not name:token:role`);
    const [name, token, role] = parts as [string, string, string];
    if (!TOKEN_NAME.test(name)) return problems.push(`${where}: the name must be 1-64 letters, digits or _.@-`);
    if (!TOKEN_VALUE.test(token)) return problems.push(`${where} (${name}): the token must be 16-256 characters of A-Z a-z 0-9 ._~+/=-`);
    if (!(ROLES as readonly string[]).includes(role)) return problems.push(`${where} (${name}): the role must be one of ${ROLES.join(', ')}`);
    if (tokens.some((t) => t.token === token)) return problems.push(`${where} (${name}): the same token is given twice`);
    tokens.push({ name, token, role: role as Role });
  });
  return { tokens, problems };
}

function tokensVariable(read: (value: string) => string) {
  return z
    .string()
    .optional()
    .transform((value, ctx): ApiToken[] => {
      if (value === undefined) return [];
      let text: string;
      try {
        text = read(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
        return z.NEVER;
      }
      const { tokens, problems } = parseApiTokens(text);
      for (const message of problems) ctx.addIssue({ code: 'custom', message });
      return tokens;
    });
}

// ---- the common settings ----

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The variables every service reads, with their defaults. */
export const commonConfigShape = {
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: envInt(8080, { max: 65_535 }),
  LOG_LEVEL: envEnum(LOG_LEVELS, 'info'),
  /** Authentication is on unless this says `off`. */
  AUTH_MODE: envEnum(['tokens', 'off'], 'tokens'),
  /** `name:token:role,...` */
  API_TOKENS: tokensVariable((value) => value),
  /** A secrets file of `name:token:role` entries, one a line; merged into API_TOKENS. */
  API_TOKENS_FILE: tokensVariable((path) => readFileSync(path, 'utf8')),
  BODY_LIMIT: envBytes('10mb'),
  /** A request that has not started its answer by then gets 504 TIMEOUT; 0: no limit. */
  REQUEST_TIMEOUT_MS: envInt(30_000),
  SHUTDOWN_TIMEOUT_MS: envInt(10_000, { min: 100 }),
  /** Requests per token (or per IP without one) per minute; 0: no limit. */
  RATE_LIMIT_PER_MINUTE: envInt(600),
  /** Proxy hops to trust for the client's IP (X-Forwarded-For). */
  TRUST_PROXY: envInt(0, { max: 10 }),
  JOBS_MAX_CONCURRENT: envInt(2, { min: 1, max: 256 }),
  JOBS_MAX_QUEUED: envInt(100, { max: 100_000 }),
  /** How long finished jobs stay queryable. */
  JOBS_RETENTION_MS: envInt(3_600_000),
  WS_HEARTBEAT_MS: envInt(30_000, { min: 100 }),
};

type MergedTokens<T> = Omit<T, 'API_TOKENS_FILE'> & { API_TOKENS: ApiToken[] };

/**
 * The configuration schema of a service: the common variables plus its own (which may override
 * a common one's default, e.g. `PORT: envInt(8081, { max: 65535 })`). Tokens from
 * API_TOKENS_FILE are merged into API_TOKENS; with AUTH_MODE=tokens at least one is needed.
 */
export function serviceConfigSchema<S extends z.ZodRawShape = Record<never, never>>(shape: S = {} as S) {
  return z
    .object({ ...commonConfigShape, ...shape })
    .superRefine((c, ctx) => {
      const { AUTH_MODE, API_TOKENS, API_TOKENS_FILE } = c as unknown as CommonConfig & { API_TOKENS_FILE: ApiToken[] };
      if (AUTH_MODE === 'tokens' && API_TOKENS.length + API_TOKENS_FILE.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['API_TOKENS'],
          message: 'AUTH_MODE=tokens needs at least one token in API_TOKENS or API_TOKENS_FILE (or set AUTH_MODE=off)',
        });
      }
    })
    .transform((c) => {
      const { API_TOKENS_FILE, ...rest } = c as Record<string, unknown>;
      return { ...rest, API_TOKENS: [...(rest.API_TOKENS as ApiToken[]), ...(API_TOKENS_FILE as ApiToken[])] };
    }) as unknown as z.ZodType<MergedTokens<z.output<z.ZodObject<typeof commonConfigShape & S>>>>;
}

/** The common settings, as every part of the kit reads them. */
export type CommonConfig = MergedTokens<z.output<z.ZodObject<typeof commonConfigShape>>>;

/**
 * Reads the configuration once, at start: `loadConfig(serviceConfigSchema({...}), process.env)`.
 * Empty variables count as unset. Throws a ConfigError naming every bad variable.
 */
export function loadConfig<T>(schema: z.ZodType<T>, env: Record<string, string | undefined>): T {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(set);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => ({
      variable: issue.path.length > 0 ? String(issue.path[0]) : '(configuration)',
      message: issue.message,
    })),
  );
}
