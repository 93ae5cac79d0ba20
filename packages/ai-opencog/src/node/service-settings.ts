import type { ServiceSettings } from '../common/ai-opencog-protocol';

/*
 * The settings the IDE's backend starts with: read once from its environment when the backend
 * module is loaded (scripts/start-local.js sets them), and overridden by the browser's preferences.
 */

/** What the backend uses when the preferences leave a setting empty. */
export const DefaultServiceSettings = Symbol('DefaultServiceSettings');

export const FALLBACK_SETTINGS: ServiceSettings = {
  cognitiveUrl: 'http://127.0.0.1:7302',
  knowledgeUrl: 'http://127.0.0.1:7301',
  token: '',
  requestTimeoutMs: 30_000,
};

/**
 * `AI_OPENCOG_COGNITIVE_URL`, `AI_OPENCOG_KNOWLEDGE_URL`, `AI_OPENCOG_TOKEN`,
 * `AI_OPENCOG_REQUEST_TIMEOUT_MS`; a bad value is refused with a message naming it.
 */
export function settingsFromEnvironment(env: Record<string, string | undefined>): ServiceSettings {
  const url = (name: string, fallback: string): string => {
    const value = env[name]?.trim();
    if (!value) return fallback;
    if (!/^https?:\/\/\S+$/.test(value)) throw new Error(`${name} must be an http:// or https:// URL, got '${value}'`);
    return value.replace(/\/+$/, '');
  };
  const timeout = env.AI_OPENCOG_REQUEST_TIMEOUT_MS?.trim();
  const requestTimeoutMs = timeout ? Number(timeout) : FALLBACK_SETTINGS.requestTimeoutMs;
  if (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs < 1) {
    throw new Error(`AI_OPENCOG_REQUEST_TIMEOUT_MS must be a positive integer, got '${timeout}'`);
  }
  return {
    cognitiveUrl: url('AI_OPENCOG_COGNITIVE_URL', FALLBACK_SETTINGS.cognitiveUrl),
    knowledgeUrl: url('AI_OPENCOG_KNOWLEDGE_URL', FALLBACK_SETTINGS.knowledgeUrl),
    token: env.AI_OPENCOG_TOKEN?.trim() ?? '',
    requestTimeoutMs,
  };
}

/** The defaults with the non-empty values of `overrides` on top. */
export function mergeSettings(defaults: ServiceSettings, overrides: Partial<ServiceSettings>): ServiceSettings {
  const pick = <K extends keyof ServiceSettings>(key: K): ServiceSettings[K] => {
    const value = overrides[key];
    if (value === undefined || value === null || value === '' || (typeof value === 'number' && !(value > 0))) return defaults[key];
    return (typeof value === 'string' ? value.trim().replace(/\/+$/, '') : value) as ServiceSettings[K];
  };
  return {
    cognitiveUrl: pick('cognitiveUrl'),
    knowledgeUrl: pick('knowledgeUrl'),
    token: overrides.token?.trim() ? overrides.token.trim() : defaults.token,
    requestTimeoutMs: pick('requestTimeoutMs'),
  };
}
