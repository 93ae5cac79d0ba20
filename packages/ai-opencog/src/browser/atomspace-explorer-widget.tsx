import { ContextMenuRenderer } from '@theia/core/lib/browser/context-menu-renderer';
import { ReactWidget } from '@theia/core/lib/browser/widgets/react-widget';
import { CommandService } from '@theia/core/lib/common/command';
import { inject, injectable, postConstruct } from '@theia/core/shared/inversify';
import * as React from '@theia/core/shared/react';
import type { AtomRecord, AtomSource } from '../common/ai-opencog-protocol';
import { atomText, isDefaultTruthValue, truthValueText } from '../common/atom-format';
import { AiOpencogPreferences } from '../common/ai-opencog-preferences';
import { AiOpencogCommands, ATOM_CONTEXT_MENU, type AtomAction } from './ai-opencog-commands';
import { AtomspaceExplorerModel, sameSource } from './atomspace-explorer-model';
import { CurrentSpace } from './current-space';

/**
 * The AtomSpace explorer (left panel): a space or knowledge base to look at, its atom types with
 * counts, its atoms a page at a time (by type, by search), and the selected atom with its values,
 * outgoing and incoming atoms. Right-click an atom for its actions.
 */
@injectable()
export class AtomspaceExplorerWidget extends ReactWidget {
  static readonly ID = 'ai-opencog-atomspace-explorer';
  static readonly LABEL = 'AtomSpace';

  @inject(AtomspaceExplorerModel) readonly model!: AtomspaceExplorerModel;
  @inject(CurrentSpace) protected readonly currentSpace!: CurrentSpace;
  @inject(ContextMenuRenderer) protected readonly contextMenu!: ContextMenuRenderer;
  @inject(CommandService) protected readonly commands!: CommandService;
  @inject(AiOpencogPreferences) protected readonly preferences!: AiOpencogPreferences;

  private searchText = '';
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  @postConstruct()
  protected init(): void {
    this.id = AtomspaceExplorerWidget.ID;
    this.title.label = AtomspaceExplorerWidget.LABEL;
    this.title.caption = 'AtomSpace explorer: spaces, knowledge bases, types and atoms';
    this.title.iconClass = 'codicon codicon-type-hierarchy';
    this.title.closable = true;
    this.addClass('aoc-explorer');
    this.node.tabIndex = 0;
    this.model.pageSize = this.preferences['aiOpencog.explorer.pageSize'] || 100;
    this.toDispose.push(this.model.onDidChange(() => this.update()));
    this.toDispose.push(
      this.currentSpace.onDidModify((space) => {
        void this.model.refresh(this.model.state.source ?? { kind: 'space', name: space });
      }),
    );
    this.toDispose.push(
      this.currentSpace.onDidChange((space) => {
        if (!sameSource(this.model.state.source, { kind: 'space', name: space })) void this.model.refresh({ kind: 'space', name: space });
      }),
    );
    this.toDispose.push(
      this.preferences.onPreferenceChanged((e) => {
        if (e.preferenceName === 'aiOpencog.explorer.pageSize') {
          this.model.pageSize = this.preferences['aiOpencog.explorer.pageSize'];
          void this.model.refresh();
        }
      }),
    );
    void this.model.refresh({ kind: 'space', name: this.currentSpace.name });
  }

  refresh(): Promise<void> {
    return this.model.refresh();
  }

  protected override onActivateRequest(msg: Parameters<ReactWidget['onActivateRequest']>[0]): void {
    super.onActivateRequest(msg);
    this.node.focus();
  }

  protected selectSource(value: string): void {
    const [kind, ...rest] = value.split(':');
    const source: AtomSource = { kind: kind === 'base' ? 'base' : 'space', name: rest.join(':') };
    if (source.kind === 'space') this.currentSpace.set(source.name);
    this.searchText = '';
    void this.model.selectSource(source);
  }

  protected onSearch(text: string, now = false): void {
    this.searchText = text;
    this.update();
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.model.setSearch(this.searchText), now ? 0 : 350);
  }

  protected actionOf(record: AtomRecord): AtomAction | undefined {
    const source = this.model.state.source;
    if (source?.kind !== 'space') return undefined;
    return { space: source.name, handle: record.handle, atomese: atomText(record.atom) };
  }

  protected openContextMenu(event: React.MouseEvent, record: AtomRecord): void {
    event.preventDefault();
    event.stopPropagation();
    void this.model.selectAtom(record);
    const action = this.actionOf(record);
    if (!action) return;
    this.contextMenu.render({ menuPath: ATOM_CONTEXT_MENU, anchor: { x: event.clientX, y: event.clientY }, args: [action], includeAnchorArg: false, context: this.node });
  }

  protected render(): React.ReactNode {
    const s = this.model.state;
    const sourceValue = s.source ? `${s.source.kind}:${s.source.name}` : '';
    return (
      <div className="aoc-explorer-content">
        <div className="aoc-explorer-toolbar">
          <select className="theia-select aoc-source-select" value={sourceValue} title="Space or knowledge base" onChange={(e) => this.selectSource(e.currentTarget.value)}>
            {s.sources.length === 0 && <option value="">(no spaces yet: load a file)</option>}
            {s.sources.some((x) => x.source.kind === 'space') && (
              <optgroup label="Spaces (working memory)">
                {s.sources
                  .filter((x) => x.source.kind === 'space')
                  .map((x) => (
                    <option key={`space:${x.source.name}`} value={`space:${x.source.name}`}>
                      {x.source.name} ({x.atomCount.toLocaleString('en-US')})
                    </option>
                  ))}
              </optgroup>
            )}
            {s.sources.some((x) => x.source.kind === 'base') && (
              <optgroup label="Knowledge bases">
                {s.sources
                  .filter((x) => x.source.kind === 'base')
                  .map((x) => (
                    <option key={`base:${x.source.name}`} value={`base:${x.source.name}`}>
                      {x.source.name} ({x.atomCount.toLocaleString('en-US')})
                    </option>
                  ))}
              </optgroup>
            )}
          </select>
          <button className="theia-button secondary aoc-icon-button" title="Refresh" onClick={() => void this.model.refresh()}>
            <i className="codicon codicon-refresh" />
          </button>
        </div>
        {s.error && <div className="aoc-error">{s.error}</div>}
        {!s.error && !s.loading && s.sources.length === 0 && (
          <div className="aoc-hint">
            No space yet. Open an Atomese file (e.g. animals.scm) and run <b>AtomSpace: Load Current File into Space</b> (Ctrl+Alt+L) from the command palette or the editor&apos;s context menu.
          </div>
        )}
        {s.detail && (
          <div className="aoc-summary">
            <span className="aoc-atom-count">{s.detail.atomCount.toLocaleString('en-US')} atoms</span>
            {s.loading && <i className="codicon codicon-loading codicon-modifier-spin aoc-spinner" />}
          </div>
        )}
        {s.detail && this.renderTypes()}
        {s.source && (
          <input
            className="theia-input aoc-search"
            type="search"
            placeholder={s.source.kind === 'space' ? 'Search node names in the space' : 'Search node names in the base'}
            value={this.searchText}
            onChange={(e) => this.onSearch(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && this.onSearch(this.searchText, true)}
          />
        )}
        {s.page && this.renderAtoms()}
        {s.selected && this.renderDetails()}
      </div>
    );
  }

  protected renderTypes(): React.ReactNode {
    const s = this.model.state;
    const counts = [...(s.detail?.typeCounts ?? [])].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
    return (
      <div className="aoc-section aoc-types">
        <div className="aoc-section-title">Types</div>
        <div className={`aoc-type-row${s.typeFilter ? '' : ' aoc-selected'}`} onClick={() => void this.model.setTypeFilter(undefined)}>
          <span className="aoc-type-name">All types</span>
          <span className="aoc-count">{(s.detail?.atomCount ?? 0).toLocaleString('en-US')}</span>
        </div>
        {counts.map((c) => (
          <div key={c.type} className={`aoc-type-row${s.typeFilter === c.type ? ' aoc-selected' : ''}`} title={`Only ${c.type} atoms (and subtypes)`} onClick={() => void this.model.setTypeFilter(c.type)}>
            <span className="aoc-type-name">{c.type}</span>
            <span className="aoc-count">{c.count.toLocaleString('en-US')}</span>
          </div>
        ))}
      </div>
    );
  }

  protected renderAtoms(): React.ReactNode {
    const s = this.model.state;
    const page = s.page!;
    return (
      <div className="aoc-section aoc-atoms">
        <div className="aoc-section-title">
          Atoms{s.typeFilter ? ` of type ${s.typeFilter}` : ''}
          <span className="aoc-pager">
            <button className="theia-button secondary aoc-icon-button" disabled={!this.model.canGoBack} title="Previous page" onClick={() => void this.model.previousPage()}>
              <i className="codicon codicon-chevron-left" />
            </button>
            <span className="aoc-page-label">{this.model.pageLabel()}</span>
            <button className="theia-button secondary aoc-icon-button" disabled={!this.model.canGoForward} title="Next page" onClick={() => void this.model.nextPage()}>
              <i className="codicon codicon-chevron-right" />
            </button>
          </span>
        </div>
        <div className="aoc-atom-list">
          {page.items.map((r) => (
            <div
              key={r.handle}
              className={`aoc-atom-row${s.selected?.handle === r.handle ? ' aoc-selected' : ''}`}
              title={atomText(r.atom, { values: true, maxLength: 2000 })}
              onClick={() => void this.model.selectAtom(r)}
              onDoubleClick={() => {
                const action = this.actionOf(r);
                if (action) void this.commands.executeCommand(AiOpencogCommands.OPEN_GRAPH.id, action);
              }}
              onContextMenu={(e) => this.openContextMenu(e, r)}
            >
              {atomText(r.atom, { short: true, maxLength: 160 })}
            </div>
          ))}
        </div>
      </div>
    );
  }

  protected renderDetails(): React.ReactNode {
    const s = this.model.state;
    const record = s.selected!;
    const details = s.details;
    const atom = details?.atom ?? record.atom;
    const action = this.actionOf(record);
    const link = (r: AtomRecord) => (
      <div key={r.handle} className="aoc-atom-row aoc-link" title="Select this atom" onClick={() => void this.model.selectAtom(r)} onContextMenu={(e) => this.openContextMenu(e, r)}>
        {atomText(r.atom, { short: true, maxLength: 160 })}
      </div>
    );
    return (
      <div className="aoc-section aoc-details">
        <div className="aoc-section-title">Selected atom</div>
        <pre className="aoc-atomese">{details?.atomese ?? atomText(atom, { values: true })}</pre>
        <table className="aoc-values">
          <tbody>
            <tr>
              <td>type</td>
              <td>{atom.type}</td>
            </tr>
            <tr>
              <td>truth value</td>
              <td>{isDefaultTruthValue(atom.tv) ? '(stv 1 0) default' : truthValueText(atom.tv)}</td>
            </tr>
            {atom.av && (
              <tr>
                <td>attention</td>
                <td>{`(av ${atom.av.sti} ${atom.av.lti} ${atom.av.vlti ?? 0})`}</td>
              </tr>
            )}
            {(atom.values ?? []).map((v, i) => (
              <tr key={i}>
                <td>{atomText(v.key, { short: true, maxLength: 60 })}</td>
                <td>{JSON.stringify('items' in v.value ? v.value.items : v.value).slice(0, 200)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {action && (
          <div className="aoc-actions">
            <button className="theia-button" onClick={() => void this.commands.executeCommand(AiOpencogCommands.OPEN_GRAPH.id, action)}>
              Graph
            </button>
            <button className="theia-button secondary" onClick={() => void this.commands.executeCommand(AiOpencogCommands.QUERY_AROUND.id, action)}>
              Query around
            </button>
            <button className="theia-button secondary" onClick={() => void this.commands.executeCommand(AiOpencogCommands.REMOVE_ATOM.id, action)}>
              Remove
            </button>
          </div>
        )}
        {details && details.outgoing.length > 0 && (
          <>
            <div className="aoc-subtitle">Outgoing ({details.outgoing.length})</div>
            {details.outgoing.map(link)}
          </>
        )}
        {details && (
          <>
            <div className="aoc-subtitle">
              Incoming ({details.incomingCount}
              {details.incomingCount > details.incoming.length ? `, ${details.incoming.length} shown` : ''})
            </div>
            {details.incoming.map(link)}
          </>
        )}
      </div>
    );
  }
}
