import { AbstractViewContribution } from '@theia/core/lib/browser/shell/view-contribution';
import { injectable } from '@theia/core/shared/inversify';
import { AtomGraphWidget } from './atom-graph-widget';

/** The graph view, in the editor area. */
@injectable()
export class AtomGraphContribution extends AbstractViewContribution<AtomGraphWidget> {
  constructor() {
    super({
      widgetId: AtomGraphWidget.ID,
      widgetName: AtomGraphWidget.LABEL,
      defaultWidgetOptions: { area: 'main' },
    });
  }

  async showAtom(space: string, centre: { handle: string } | { atomese: string }): Promise<AtomGraphWidget> {
    const widget = await this.openView({ activate: true, reveal: true });
    await widget.showAtom(space, centre);
    return widget;
  }
}
