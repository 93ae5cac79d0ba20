import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { inject, injectable } from '@theia/core/shared/inversify';
import type { RpcProxy } from '@theia/core/lib/common/messaging/proxy-factory';
import { AiOpencogPreferences } from '../common/ai-opencog-preferences';
import { AiOpencogService, type ServiceSettings } from '../common/ai-opencog-protocol';

/**
 * Gives the backend the browser's AI-OpenCog preferences (URLs, token, time limit): at start, when
 * they change, and again after a reconnection (the backend keeps them per connection).
 */
@injectable()
export class AiOpencogSettingsSync implements FrontendApplicationContribution {
  @inject(AiOpencogPreferences) protected readonly preferences!: AiOpencogPreferences;
  @inject(AiOpencogService) protected readonly service!: AiOpencogService;

  private ready: Promise<void> | undefined;

  /** Resolves once the backend has the preferences. */
  whenSynced(): Promise<void> {
    return this.ready ?? this.push();
  }

  onStart(): void {
    this.ready = this.push();
    this.preferences.onPreferenceChanged((e) => {
      if (e.preferenceName === 'aiOpencog.cognitive.url' || e.preferenceName === 'aiOpencog.knowledge.url' || e.preferenceName === 'aiOpencog.token' || e.preferenceName === 'aiOpencog.requestTimeoutMs') {
        this.ready = this.push();
      }
    });
    (this.service as RpcProxy<AiOpencogService>).onDidOpenConnection?.(() => {
      this.ready = this.push();
    });
  }

  protected async push(): Promise<void> {
    await this.preferences.ready;
    const settings: Partial<ServiceSettings> = {
      cognitiveUrl: this.preferences['aiOpencog.cognitive.url'],
      knowledgeUrl: this.preferences['aiOpencog.knowledge.url'],
      token: this.preferences['aiOpencog.token'],
      requestTimeoutMs: this.preferences['aiOpencog.requestTimeoutMs'],
    };
    try {
      await this.service.configure(settings);
    } catch {
      // the connection is down; onDidOpenConnection pushes again
    }
  }
}
