import { AbstractViewContribution } from '@theia/core/lib/browser/shell/view-contribution';
import { injectable } from '@theia/core/shared/inversify';
import type { ResultsContent } from './results-model';
import { ResultsWidget } from './results-widget';

/** The results view in the bottom panel. */
@injectable()
export class ResultsContribution extends AbstractViewContribution<ResultsWidget> {
  static readonly TOGGLE_COMMAND = 'aiOpencog.results.toggle';

  constructor() {
    super({
      widgetId: ResultsWidget.ID,
      widgetName: ResultsWidget.LABEL,
      defaultWidgetOptions: { area: 'bottom' },
      toggleCommandId: ResultsContribution.TOGGLE_COMMAND,
    });
  }

  async showResults(content: ResultsContent): Promise<ResultsWidget> {
    const widget = await this.openView({ activate: false, reveal: true });
    widget.showResults(content);
    return widget;
  }

  async showMessage(message: string): Promise<ResultsWidget> {
    const widget = await this.openView({ activate: false, reveal: true });
    widget.showMessage(message);
    return widget;
  }
}
