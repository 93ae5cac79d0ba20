import { inject, injectable, optional } from '@theia/core/shared/inversify';
import { CognitiveClient, KnowledgeClient, type FetchLike } from '@ai-opencog/protocol';
import type { ServiceSettings } from '../common/ai-opencog-protocol';
import { DefaultServiceSettings, mergeSettings } from './service-settings';

/** The fetch the clients use (the global one unless a test binds another). */
export const ServiceFetch = Symbol('ServiceFetch');

/**
 * The protocol clients of one browser connection, made from the backend's defaults and the
 * browser's preferences; made again whenever the settings change.
 */
@injectable()
export class ServiceClients {
  private current: ServiceSettings;
  private cognitiveClient: CognitiveClient | undefined;
  private knowledgeClient: KnowledgeClient | undefined;

  constructor(
    @inject(DefaultServiceSettings) private readonly defaults: ServiceSettings,
    @inject(ServiceFetch) @optional() private readonly fetchImpl?: FetchLike,
  ) {
    this.current = defaults;
  }

  get settings(): ServiceSettings {
    return this.current;
  }

  configure(overrides: Partial<ServiceSettings>): void {
    this.current = mergeSettings(this.defaults, overrides);
    this.cognitiveClient = undefined;
    this.knowledgeClient = undefined;
  }

  get cognitive(): CognitiveClient {
    this.cognitiveClient ??= new CognitiveClient(this.options(this.current.cognitiveUrl));
    return this.cognitiveClient;
  }

  get knowledge(): KnowledgeClient {
    this.knowledgeClient ??= new KnowledgeClient(this.options(this.current.knowledgeUrl));
    return this.knowledgeClient;
  }

  private options(baseUrl: string) {
    return {
      baseUrl,
      token: this.current.token || undefined,
      timeoutMs: this.current.requestTimeoutMs,
      ...(this.fetchImpl ? { fetch: this.fetchImpl } : {}),
    };
  }
}
