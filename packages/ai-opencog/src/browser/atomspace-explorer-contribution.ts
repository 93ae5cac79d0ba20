import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { AbstractViewContribution } from '@theia/core/lib/browser/shell/view-contribution';
import { injectable } from '@theia/core/shared/inversify';
import { AtomspaceExplorerWidget } from './atomspace-explorer-widget';

/** The AtomSpace explorer in the left panel (View → AtomSpace), shown on first start. */
@injectable()
export class AtomspaceExplorerContribution extends AbstractViewContribution<AtomspaceExplorerWidget> implements FrontendApplicationContribution {
  static readonly TOGGLE_COMMAND = 'aiOpencog.explorer.toggle';

  constructor() {
    super({
      widgetId: AtomspaceExplorerWidget.ID,
      widgetName: AtomspaceExplorerWidget.LABEL,
      defaultWidgetOptions: { area: 'left', rank: 250 },
      toggleCommandId: AtomspaceExplorerContribution.TOGGLE_COMMAND,
      toggleKeybinding: 'ctrlcmd+alt+e',
    });
  }

  async initializeLayout(): Promise<void> {
    await this.openView({ activate: false, reveal: true });
  }
}
