import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { StatusBar, StatusBarAlignment } from '@theia/core/lib/browser/status-bar/status-bar';
import { Emitter, type Event } from '@theia/core/lib/common/event';
import { inject, injectable } from '@theia/core/shared/inversify';
import { AiOpencogPreferences } from '../common/ai-opencog-preferences';
import { AiOpencogService, type HealthReport } from '../common/ai-opencog-protocol';
import { AiOpencogSettingsSync } from './ai-opencog-settings-sync';

export const SERVICE_STATUS_ID = 'ai-opencog-service-status';

/** The status bar item's text, tooltip and colour for a health report. */
export function statusOf(report: HealthReport | undefined): { text: string; tooltip: string; ok: boolean } {
  if (!report) return { text: '$(sync~spin) AtomSpace', tooltip: 'Checking the AI-OpenCog services…', ok: true };
  const ready = report.services.filter((s) => s.status === 'ready').length;
  const ok = ready === report.services.length;
  const lines = report.services.map((s) => `${s.name} (${s.url}): ${s.status}${s.detail ? ` — ${s.detail}` : ''}`);
  const text = ok ? '$(pass-filled) AtomSpace: services ready' : `$(warning) AtomSpace: ${report.services.length - ready} of ${report.services.length} services down`;
  return { text, tooltip: `${lines.join('\n')}\nChecked at ${new Date(report.checkedAt).toLocaleTimeString()}. Click to check again.`, ok };
}

/** A status bar item with the health of the services (their /readyz), checked periodically. */
@injectable()
export class ServiceStatusContribution implements FrontendApplicationContribution {
  static readonly CHECK_COMMAND = 'aiOpencog.checkServices';

  @inject(StatusBar) protected readonly statusBar!: StatusBar;
  @inject(AiOpencogService) protected readonly service!: AiOpencogService;
  @inject(AiOpencogPreferences) protected readonly preferences!: AiOpencogPreferences;
  @inject(AiOpencogSettingsSync) protected readonly settings!: AiOpencogSettingsSync;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private last: HealthReport | undefined;
  private readonly onDidCheckEmitter = new Emitter<HealthReport>();
  readonly onDidCheck: Event<HealthReport> = this.onDidCheckEmitter.event;

  get lastReport(): HealthReport | undefined {
    return this.last;
  }

  onStart(): void {
    this.show();
    void this.check();
  }

  onStop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  async check(): Promise<HealthReport | undefined> {
    if (this.timer) clearTimeout(this.timer);
    try {
      await this.settings.whenSynced();
      this.last = await this.service.health();
      this.onDidCheckEmitter.fire(this.last);
    } catch {
      this.last = { checkedAt: new Date().toISOString(), services: [{ name: 'cognitive', url: '', status: 'unreachable', detail: 'the IDE backend did not answer' }] };
    }
    this.show();
    this.timer = setTimeout(() => void this.check(), this.preferences['aiOpencog.health.intervalMs'] || 10_000);
    return this.last;
  }

  protected show(): void {
    const { text, tooltip, ok } = statusOf(this.last);
    void this.statusBar.setElement(SERVICE_STATUS_ID, {
      text,
      tooltip,
      alignment: StatusBarAlignment.LEFT,
      priority: 50,
      command: ServiceStatusContribution.CHECK_COMMAND,
      ...(ok ? {} : { backgroundColor: 'var(--theia-statusBarItem-warningBackground)', color: 'var(--theia-statusBarItem-warningForeground)' }),
    });
  }
}
