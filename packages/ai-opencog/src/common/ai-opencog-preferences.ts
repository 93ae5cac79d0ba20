import { interfaces } from '@theia/core/shared/inversify';
import {
  createPreferenceProxy,
  PreferenceContribution,
  PreferenceProxy,
  PreferenceSchema,
  PreferenceService,
} from '@theia/core/lib/common/preferences';

/*
 * The "AI-OpenCog" section of Theia's preferences: where the services are, the token, and the
 * limits the IDE asks for. Empty URLs and token keep what the IDE's backend was started with
 * (`npm start` gives it the services' URLs and the run's token).
 */

export const AiOpencogConfigSchema: PreferenceSchema = {
  title: 'AI-OpenCog',
  properties: {
    'aiOpencog.cognitive.url': {
      type: 'string',
      default: '',
      description: 'URL of the cognitive service (e.g. http://127.0.0.1:7302). Empty: the one the IDE was started with.',
    },
    'aiOpencog.knowledge.url': {
      type: 'string',
      default: '',
      description: 'URL of the knowledge service (e.g. http://127.0.0.1:7301). Empty: the one the IDE was started with.',
    },
    'aiOpencog.token': {
      type: 'string',
      default: '',
      description: 'Bearer token for the services. Empty: the one the IDE was started with.',
    },
    'aiOpencog.requestTimeoutMs': {
      type: 'number',
      default: 30000,
      minimum: 1000,
      description: 'Time limit of one call to a service, in milliseconds.',
    },
    'aiOpencog.defaultSpace': {
      type: 'string',
      default: 'default',
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
      description: 'The space that commands use when none is selected in the AtomSpace explorer (created when missing).',
    },
    'aiOpencog.query.maxResults': {
      type: 'number',
      default: 1000,
      minimum: 1,
      description: 'Most results a query returns.',
    },
    'aiOpencog.query.timeLimitMs': {
      type: 'number',
      default: 5000,
      minimum: 1,
      description: 'Time limit of a query, in milliseconds.',
    },
    'aiOpencog.jobs.timeLimitMs': {
      type: 'number',
      default: 120000,
      minimum: 1,
      description: 'Time limit of chaining and mining jobs, in milliseconds.',
    },
    'aiOpencog.reasoning.maximumIterations': {
      type: 'number',
      default: 100,
      minimum: 1,
      description: 'Most iterations of the forward and backward chainers.',
    },
    'aiOpencog.explorer.pageSize': {
      type: 'number',
      default: 100,
      minimum: 10,
      maximum: 1000,
      description: 'Atoms per page in the AtomSpace explorer.',
    },
    'aiOpencog.graph.depth': {
      type: 'number',
      default: 2,
      minimum: 1,
      maximum: 6,
      description: 'Default depth of the neighbourhood the graph view draws.',
    },
    'aiOpencog.graph.maxAtoms': {
      type: 'number',
      default: 2000,
      minimum: 10,
      maximum: 20000,
      description: 'Most atoms the graph view fetches and draws at once.',
    },
    'aiOpencog.health.intervalMs': {
      type: 'number',
      default: 10000,
      minimum: 1000,
      description: 'How often the status bar checks the services (/readyz), in milliseconds.',
    },
  },
};

export interface AiOpencogConfiguration {
  'aiOpencog.cognitive.url': string;
  'aiOpencog.knowledge.url': string;
  'aiOpencog.token': string;
  'aiOpencog.requestTimeoutMs': number;
  'aiOpencog.defaultSpace': string;
  'aiOpencog.query.maxResults': number;
  'aiOpencog.query.timeLimitMs': number;
  'aiOpencog.jobs.timeLimitMs': number;
  'aiOpencog.reasoning.maximumIterations': number;
  'aiOpencog.explorer.pageSize': number;
  'aiOpencog.graph.depth': number;
  'aiOpencog.graph.maxAtoms': number;
  'aiOpencog.health.intervalMs': number;
}

export const AiOpencogPreferenceContribution = Symbol('AiOpencogPreferenceContribution');
export const AiOpencogPreferences = Symbol('AiOpencogPreferences');
export type AiOpencogPreferences = PreferenceProxy<AiOpencogConfiguration>;

export function createAiOpencogPreferences(preferences: PreferenceService, schema: PreferenceSchema = AiOpencogConfigSchema): AiOpencogPreferences {
  return createPreferenceProxy(preferences, schema);
}

export function bindAiOpencogPreferences(bind: interfaces.Bind): void {
  bind(AiOpencogPreferences)
    .toDynamicValue((ctx) => {
      const preferences = ctx.container.get<PreferenceService>(PreferenceService);
      const contribution = ctx.container.get<PreferenceContribution>(AiOpencogPreferenceContribution);
      return createAiOpencogPreferences(preferences, contribution.schema);
    })
    .inSingletonScope();
  bind(AiOpencogPreferenceContribution).toConstantValue({ schema: AiOpencogConfigSchema });
  bind(PreferenceContribution).toService(AiOpencogPreferenceContribution);
}
