import { ClipboardService } from '@theia/core/lib/browser/clipboard-service';
import { KeybindingContribution, KeybindingRegistry } from '@theia/core/lib/browser/keybinding';
import { CommandContribution, CommandRegistry } from '@theia/core/lib/common/command';
import { MenuContribution, MenuModelRegistry } from '@theia/core/lib/common/menu';
import { MessageService } from '@theia/core/lib/common/message-service';
import { QuickInputService } from '@theia/core/lib/common/quick-pick-service';
import URI from '@theia/core/lib/common/uri';
import { inject, injectable } from '@theia/core/shared/inversify';
import { EDITOR_CONTEXT_MENU } from '@theia/editor/lib/browser/editor-menu';
import { EditorManager } from '@theia/editor/lib/browser/editor-manager';
import type { TextEditor } from '@theia/editor/lib/browser/editor';
import { FileService } from '@theia/filesystem/lib/browser/file-service';
import { WorkspaceService } from '@theia/workspace/lib/browser/workspace-service';
import { describeError, parsePositionOf } from '../common/ai-opencog-errors';
import { AiOpencogPreferences } from '../common/ai-opencog-preferences';
import { AiOpencogService, type JobRequest } from '../common/ai-opencog-protocol';
import { atomExpressionAt, expressionAt } from '../common/atomese-source';
import { isAtomTypeName } from '../common/atom-type-info';
import { queryAroundAtom } from '../common/query-around';
import { AiOpencogCommands, ATOM_CONTEXT_MENU, isAtomAction, type AtomAction } from './ai-opencog-commands';
import { AtomGraphContribution } from './atom-graph-contribution';
import { AtomspaceExplorerContribution } from './atomspace-explorer-contribution';
import { CurrentSpace } from './current-space';
import { JobRunner } from './job-runner';
import { jobContent, queryContent } from './results-model';
import { ResultsContribution } from './results-contribution';
import { RuleBasePicker } from './rule-base-picker';
import { ServiceStatusContribution } from './service-status-contribution';

const SPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The commands (command palette, editor context menu, keybindings): load the current file or the
 * selection into a space; run the query under the cursor; forward or backward chaining from the
 * atom under the cursor with a chosen rule base; the miner; export a space to a workspace file;
 * and the actions on an atom of the explorer or the graph. Failures become one readable message.
 */
@injectable()
export class AiOpencogCommandContribution implements CommandContribution, MenuContribution, KeybindingContribution {
  @inject(AiOpencogService) protected readonly service!: AiOpencogService;
  @inject(EditorManager) protected readonly editors!: EditorManager;
  @inject(MessageService) protected readonly messages!: MessageService;
  @inject(QuickInputService) protected readonly quickInput!: QuickInputService;
  @inject(CurrentSpace) protected readonly currentSpace!: CurrentSpace;
  @inject(AiOpencogPreferences) protected readonly preferences!: AiOpencogPreferences;
  @inject(JobRunner) protected readonly jobs!: JobRunner;
  @inject(RuleBasePicker) protected readonly ruleBases!: RuleBasePicker;
  @inject(ResultsContribution) protected readonly results!: ResultsContribution;
  @inject(AtomGraphContribution) protected readonly graph!: AtomGraphContribution;
  @inject(AtomspaceExplorerContribution) protected readonly explorer!: AtomspaceExplorerContribution;
  @inject(ServiceStatusContribution) protected readonly status!: ServiceStatusContribution;
  @inject(FileService) protected readonly files!: FileService;
  @inject(WorkspaceService) protected readonly workspace!: WorkspaceService;
  @inject(ClipboardService) protected readonly clipboard!: ClipboardService;

  registerCommands(registry: CommandRegistry): void {
    const C = AiOpencogCommands;
    const editorOnly = { isEnabled: () => this.editor() !== undefined, isVisible: () => this.editor() !== undefined };
    registry.registerCommand(C.LOAD_FILE, { execute: () => this.run(() => this.loadFromEditor(false)), ...editorOnly });
    registry.registerCommand(C.LOAD_SELECTION, { execute: () => this.run(() => this.loadFromEditor(true)), ...editorOnly });
    registry.registerCommand(C.RUN_QUERY, { execute: () => this.run(() => this.runQueryAtCursor()), ...editorOnly });
    registry.registerCommand(C.FORWARD_CHAIN, { execute: () => this.run(() => this.chainAtCursor('forward-chain')), ...editorOnly });
    registry.registerCommand(C.BACKWARD_CHAIN, { execute: () => this.run(() => this.chainAtCursor('backward-chain')), ...editorOnly });
    registry.registerCommand(C.OPEN_GRAPH_AT_CURSOR, { execute: () => this.run(() => this.graphAtCursor()), ...editorOnly });
    registry.registerCommand(C.MINE, { execute: () => this.run(() => this.mine()) });
    registry.registerCommand(C.EXPORT_SPACE, { execute: () => this.run(() => this.exportSpace()) });
    registry.registerCommand(C.SELECT_SPACE, { execute: () => this.run(() => this.selectSpace()) });
    registry.registerCommand(C.REFRESH_EXPLORER, { execute: () => this.run(async () => (await this.explorer.openView({ reveal: true })).refresh()) });
    registry.registerCommand(C.CHECK_SERVICES, { execute: () => this.run(() => this.checkServices()) });
    const onAtom = (work: (a: AtomAction) => Promise<unknown>) => ({
      execute: (a: unknown) => this.run(async () => (isAtomAction(a) ? work(a) : undefined)),
      isEnabled: (a: unknown) => isAtomAction(a),
      isVisible: (a: unknown) => isAtomAction(a),
    });
    registry.registerCommand(C.OPEN_GRAPH, onAtom((a) => this.graph.showAtom(a.space, { handle: a.handle })));
    registry.registerCommand(C.QUERY_AROUND, onAtom((a) => this.queryAround(a)));
    registry.registerCommand(C.REMOVE_ATOM, onAtom((a) => this.removeAtom(a)));
    registry.registerCommand(C.COPY_ATOMESE, onAtom(async (a) => this.clipboard.writeText(a.atomese)));
  }

  registerMenus(menus: MenuModelRegistry): void {
    const C = AiOpencogCommands;
    const group = [...EDITOR_CONTEXT_MENU, '2_atomspace'];
    menus.registerSubmenu(group, 'AtomSpace');
    const submenu = [...group, 'AtomSpace'];
    [C.LOAD_FILE, C.LOAD_SELECTION, C.RUN_QUERY, C.FORWARD_CHAIN, C.BACKWARD_CHAIN, C.OPEN_GRAPH_AT_CURSOR].forEach((c, i) =>
      menus.registerMenuAction(submenu, { commandId: c.id, label: c.label, order: String(i) }),
    );
    [C.OPEN_GRAPH, C.QUERY_AROUND, C.COPY_ATOMESE].forEach((c, i) => menus.registerMenuAction([...ATOM_CONTEXT_MENU, '1_view'], { commandId: c.id, label: c.label, order: String(i) }));
    menus.registerMenuAction([...ATOM_CONTEXT_MENU, '2_edit'], { commandId: C.REMOVE_ATOM.id, label: C.REMOVE_ATOM.label });
  }

  registerKeybindings(keybindings: KeybindingRegistry): void {
    const C = AiOpencogCommands;
    const inEditor = 'editorTextFocus';
    keybindings.registerKeybinding({ command: C.LOAD_FILE.id, keybinding: 'ctrlcmd+alt+l', when: inEditor });
    keybindings.registerKeybinding({ command: C.RUN_QUERY.id, keybinding: 'ctrlcmd+alt+q', when: inEditor });
    keybindings.registerKeybinding({ command: C.FORWARD_CHAIN.id, keybinding: 'ctrlcmd+alt+f', when: inEditor });
    keybindings.registerKeybinding({ command: C.BACKWARD_CHAIN.id, keybinding: 'ctrlcmd+alt+b', when: inEditor });
    keybindings.registerKeybinding({ command: C.OPEN_GRAPH_AT_CURSOR.id, keybinding: 'ctrlcmd+alt+g', when: inEditor });
  }

  /** Runs a command's work; a failure becomes one readable error message. */
  protected async run(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.messages.error(describeError(error));
    }
  }

  protected editor(): { editor: TextEditor; uri: URI } | undefined {
    const widget = this.editors.currentEditor;
    return widget ? { editor: widget.editor, uri: widget.editor.uri } : undefined;
  }

  protected requireEditor(): { editor: TextEditor; uri: URI } {
    const e = this.editor();
    if (!e) throw new Error('Open an Atomese file in an editor first.');
    return e;
  }

  /** The selection's text, or the expression under the cursor as `pick` finds it. */
  protected textAtCursor(pick: (text: string, offset: number) => string | undefined): string | undefined {
    const { editor } = this.requireEditor();
    const selection = editor.selection;
    const text = editor.document.getText();
    const selected = editor.document.getText(selection).trim();
    if (selected) return selected;
    return pick(text, editor.document.offsetAt(selection.start));
  }

  protected async loadFromEditor(selectionOnly: boolean): Promise<void> {
    const { editor, uri } = this.requireEditor();
    const text = selectionOnly ? editor.document.getText(editor.selection) : editor.document.getText();
    if (!text.trim()) throw new Error(selectionOnly ? 'Select the Atomese to load first.' : 'The file is empty.');
    const space = this.currentSpace.name;
    const file = uri.path.base;
    let summary;
    try {
      summary = await this.service.addAtoms(space, text, file);
    } catch (error) {
      // The service read the text as the editor has it: show where it stopped.
      const position = parsePositionOf(error);
      if (position) {
        const base = selectionOnly ? editor.selection.start : { line: 0, character: 0 };
        const at = { line: base.line + position.line - 1, character: (position.line === 1 ? base.character : 0) + position.column - 1 };
        editor.cursor = at;
        editor.revealPosition(at, { vertical: 'center' });
      }
      throw error;
    }
    this.currentSpace.set(space);
    this.currentSpace.modified(space);
    const what = selectionOnly ? `the selection of ${file}` : file;
    this.messages.info(`Loaded ${summary.count} top-level atom${summary.count === 1 ? '' : 's'} from ${what} into space "${space}"${summary.created ? ' (new)' : ''}: ${summary.atomCount} atoms in all.`);
  }

  protected async runQueryAtCursor(): Promise<void> {
    const query = this.textAtCursor(expressionAt);
    if (!query) throw new Error('Put the cursor on a query (GetLink, BindLink, QueryLink, MeetLink or SatisfactionLink).');
    await this.runQuery(this.currentSpace.name, query);
  }

  protected async runQuery(space: string, query: string): Promise<void> {
    await this.results.showMessage(`Running the query in space "${space}"…`);
    const outcome = await this.service.runQuery(space, query, {
      maxResults: this.preferences['aiOpencog.query.maxResults'],
      timeLimitMs: this.preferences['aiOpencog.query.timeLimitMs'],
    });
    await this.results.showResults(queryContent(outcome));
    // A BindLink adds its rewrites to the space.
    if (/^\s*[([]\s*Bind/.test(query)) this.currentSpace.modified(space);
  }

  protected async chainAtCursor(kind: 'forward-chain' | 'backward-chain'): Promise<void> {
    const atom = this.textAtCursor((text, offset) => atomExpressionAt(text, offset, () => false));
    if (!atom) throw new Error(`Put the cursor on the ${kind === 'forward-chain' ? 'source' : 'target'} atom, or select it.`);
    const space = this.currentSpace.name;
    const rules = await this.ruleBases.pick(space);
    if (!rules) return;
    const common = {
      space,
      rules,
      maximumIterations: this.preferences['aiOpencog.reasoning.maximumIterations'],
      timeLimitMs: this.preferences['aiOpencog.jobs.timeLimitMs'],
    };
    const request: JobRequest = kind === 'forward-chain' ? { kind, source: atom, ...common } : { kind, target: atom, ...common };
    const title = `${kind === 'forward-chain' ? 'Forward' : 'Backward'} chaining in space "${space}"`;
    const outcome = await this.jobs.run(request, title);
    if (!outcome) return;
    await this.results.showResults(jobContent(outcome));
    this.currentSpace.modified(space);
  }

  protected async graphAtCursor(): Promise<void> {
    const atom = this.textAtCursor((text, offset) => atomExpressionAt(text, offset, (head) => isAtomTypeName(head)));
    if (!atom) throw new Error('Put the cursor on an atom.');
    await this.graph.showAtom(this.currentSpace.name, { atomese: atom });
  }

  protected async mine(): Promise<void> {
    const space = this.currentSpace.name;
    const minsupText = await this.quickInput.input({
      prompt: `Minimum support: how many texts of space "${space}" a pattern must match`,
      value: '2',
      validateInput: async (v) => (/^[1-9]\d{0,8}$/.test(v.trim()) ? undefined : 'a whole number, 1 or more'),
    });
    if (minsupText === undefined) return;
    const outcome = await this.jobs.run(
      { kind: 'mine', space, minsup: Number(minsupText.trim()), maximumPatterns: 100, timeLimitMs: this.preferences['aiOpencog.jobs.timeLimitMs'] },
      `Mining patterns in space "${space}"`,
    );
    if (outcome) await this.results.showResults(jobContent(outcome));
  }

  protected async selectSpace(): Promise<string | undefined> {
    const sources = await this.service.listSources();
    const spaces = sources.filter((s) => s.source.kind === 'space');
    const items = [
      ...spaces.map((s) => ({ label: s.source.name, description: `${s.atomCount} atoms${s.source.name === this.currentSpace.name ? ' (current)' : ''}` })),
      { label: 'New space…', description: 'create an empty space', create: true },
    ];
    const picked = await this.quickInput.pick(items, { placeHolder: 'Space that commands work on' });
    if (!picked) return undefined;
    let name = picked.label;
    if ('create' in picked) {
      const entered = await this.quickInput.input({
        prompt: 'Name of the new space',
        validateInput: async (v) => (SPACE_NAME.test(v) ? undefined : 'letters, digits, ".", "_" or "-", starting with a letter or digit'),
      });
      if (!entered) return undefined;
      await this.service.createSpace(entered);
      name = entered;
    }
    this.currentSpace.set(name);
    return name;
  }

  protected async exportSpace(): Promise<void> {
    const space = this.currentSpace.name;
    const root = this.workspace.tryGetRoots()[0];
    if (!root) throw new Error('Open a workspace folder to export into.');
    const relative = await this.quickInput.input({
      prompt: `Export space "${space}" to this file of the workspace`,
      value: `${space}.scm`,
      validateInput: async (v) => (v.trim() && !v.includes('..') ? undefined : 'a path inside the workspace'),
    });
    if (!relative) return;
    const target = root.resource.resolve(relative.trim());
    if (await this.files.exists(target)) {
      const answer = await this.messages.warn(`${relative} exists. Replace it?`, 'Replace', 'Cancel');
      if (answer !== 'Replace') return;
    }
    const exported = await this.service.exportSpace(space);
    await this.files.write(target, exported.atomese);
    this.messages.info(`Exported space "${space}" (${exported.atomCount} atoms, ${exported.topLevelCount} top-level) to ${relative}.`);
    await this.editors.open(target);
  }

  protected async queryAround(a: AtomAction): Promise<void> {
    const details = await this.service.getAtomDetails(a.space, { handle: a.handle });
    const query = queryAroundAtom(details.atom, details.incoming.map((r) => r.atom));
    if (!query) {
      this.messages.info('No link holds this atom: there is nothing around it to query.');
      return;
    }
    await this.runQuery(a.space, query);
  }

  protected async removeAtom(a: AtomAction): Promise<void> {
    const details = await this.service.getAtomDetails(a.space, { handle: a.handle });
    const held = details.incomingCount;
    const label = a.atomese.length > 80 ? `${a.atomese.slice(0, 79)}…` : a.atomese;
    const choice = held > 0
      ? await this.messages.warn(`${label} is held by ${held} link${held === 1 ? '' : 's'}. Remove it with them?`, 'Remove with links', 'Cancel')
      : await this.messages.warn(`Remove ${label} from space "${a.space}"?`, 'Remove', 'Cancel');
    if (choice !== 'Remove' && choice !== 'Remove with links') return;
    const removed = await this.service.removeAtom(a.space, a.handle, held > 0);
    this.currentSpace.modified(a.space);
    this.messages.info(`Removed ${removed} atom${removed === 1 ? '' : 's'} from space "${a.space}".`);
  }

  protected async checkServices(): Promise<void> {
    const report = await this.status.check();
    if (!report) return;
    const lines = report.services.map((s) => `${s.name}: ${s.status}${s.detail ? ` (${s.detail})` : ''}`).join('; ');
    if (report.services.every((s) => s.status === 'ready')) this.messages.info(`AI-OpenCog services: ${lines}`);
    else this.messages.warn(`AI-OpenCog services: ${lines}`);
  }
}
