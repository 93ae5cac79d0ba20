import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { bindViewContribution } from '@theia/core/lib/browser/shell/view-contribution';
import { WidgetFactory } from '@theia/core/lib/browser/widget-manager';
import { ServiceConnectionProvider } from '@theia/core/lib/browser/messaging/service-connection-provider';
import { KeybindingContribution } from '@theia/core/lib/browser/keybinding';
import { CommandContribution } from '@theia/core/lib/common/command';
import { MenuContribution } from '@theia/core/lib/common/menu';
import { ContainerModule } from '@theia/core/shared/inversify';
import { LanguageGrammarDefinitionContribution } from '@theia/monaco/lib/browser/textmate/textmate-contribution';
import { bindAiOpencogPreferences } from '../common/ai-opencog-preferences';
import { AI_OPENCOG_SERVICE_PATH, AiOpencogService } from '../common/ai-opencog-protocol';
import { AiOpencogCommandContribution } from './ai-opencog-command-contribution';
import { AiOpencogFrontendClient } from './ai-opencog-frontend-client';
import { AiOpencogSettingsSync } from './ai-opencog-settings-sync';
import { AtomGraphContribution } from './atom-graph-contribution';
import { AtomGraphModel } from './atom-graph-model';
import { AtomGraphWidget } from './atom-graph-widget';
import { AtomeseCompletionProvider } from './atomese-completion-provider';
import { AtomeseDiagnosticsContribution } from './atomese-diagnostics-contribution';
import { AtomeseHoverProvider } from './atomese-hover-provider';
import { AtomeseLanguageContribution } from './atomese-language-contribution';
import { AtomspaceExplorerContribution } from './atomspace-explorer-contribution';
import { AtomspaceExplorerModel } from './atomspace-explorer-model';
import { AtomspaceExplorerWidget } from './atomspace-explorer-widget';
import { CurrentSpace } from './current-space';
import { JobRunner } from './job-runner';
import { ResultsContribution } from './results-contribution';
import { ResultsWidget } from './results-widget';
import { RuleBasePicker } from './rule-base-picker';
import { ServiceStatusContribution } from './service-status-contribution';
import '../../src/browser/style/index.css';

export default new ContainerModule((bind) => {
  bindAiOpencogPreferences(bind);

  // The backend, over Theia's JSON-RPC; it reports job progress to the client.
  bind(AiOpencogFrontendClient).toSelf().inSingletonScope();
  bind(AiOpencogService)
    .toDynamicValue((ctx) =>
      ServiceConnectionProvider.createProxy<AiOpencogService>(ctx.container, AI_OPENCOG_SERVICE_PATH, ctx.container.get(AiOpencogFrontendClient)),
    )
    .inSingletonScope();
  bind(AiOpencogSettingsSync).toSelf().inSingletonScope();
  bind(FrontendApplicationContribution).toService(AiOpencogSettingsSync);

  bind(CurrentSpace).toSelf().inSingletonScope();
  bind(JobRunner).toSelf().inSingletonScope();
  bind(RuleBasePicker).toSelf().inSingletonScope();

  // AtomSpace explorer.
  bind(AtomspaceExplorerModel)
    .toDynamicValue((ctx) => new AtomspaceExplorerModel(ctx.container.get<AiOpencogService>(AiOpencogService)))
    .inSingletonScope();
  bind(AtomspaceExplorerWidget).toSelf().inSingletonScope();
  bind(WidgetFactory).toDynamicValue((ctx) => ({ id: AtomspaceExplorerWidget.ID, createWidget: () => ctx.container.get(AtomspaceExplorerWidget) }));
  bindViewContribution(bind, AtomspaceExplorerContribution);
  bind(FrontendApplicationContribution).toService(AtomspaceExplorerContribution);

  // Graph view.
  bind(AtomGraphModel).toSelf().inSingletonScope();
  bind(AtomGraphWidget).toSelf().inSingletonScope();
  bind(WidgetFactory).toDynamicValue((ctx) => ({ id: AtomGraphWidget.ID, createWidget: () => ctx.container.get(AtomGraphWidget) }));
  bindViewContribution(bind, AtomGraphContribution);

  // Results view.
  bind(ResultsWidget).toSelf().inSingletonScope();
  bind(WidgetFactory).toDynamicValue((ctx) => ({ id: ResultsWidget.ID, createWidget: () => ctx.container.get(ResultsWidget) }));
  bindViewContribution(bind, ResultsContribution);

  // Atomese language.
  bind(AtomeseCompletionProvider).toSelf().inSingletonScope();
  bind(AtomeseHoverProvider).toSelf().inSingletonScope();
  bind(AtomeseLanguageContribution).toSelf().inSingletonScope();
  bind(LanguageGrammarDefinitionContribution).toService(AtomeseLanguageContribution);
  bind(AtomeseDiagnosticsContribution).toSelf().inSingletonScope();
  bind(FrontendApplicationContribution).toService(AtomeseDiagnosticsContribution);

  // Service health in the status bar.
  bind(ServiceStatusContribution).toSelf().inSingletonScope();
  bind(FrontendApplicationContribution).toService(ServiceStatusContribution);

  // Commands, menus, keybindings.
  bind(AiOpencogCommandContribution).toSelf().inSingletonScope();
  bind(CommandContribution).toService(AiOpencogCommandContribution);
  bind(MenuContribution).toService(AiOpencogCommandContribution);
  bind(KeybindingContribution).toService(AiOpencogCommandContribution);
});
