import { ContextMenuRenderer } from '@theia/core/lib/browser/context-menu-renderer';
import { BaseWidget, Message } from '@theia/core/lib/browser/widgets/widget';
import { MessageService } from '@theia/core/lib/common/message-service';
import { inject, injectable, postConstruct } from '@theia/core/shared/inversify';
import cytoscape from 'cytoscape';
import { describeError } from '../common/ai-opencog-errors';
import { AiOpencogPreferences } from '../common/ai-opencog-preferences';
import { AiOpencogService } from '../common/ai-opencog-protocol';
import { atomText } from '../common/atom-format';
import { ATOM_CONTEXT_MENU, type AtomAction } from './ai-opencog-commands';
import { AtomGraphModel, type GraphElement } from './atom-graph-model';

/** Above this many atoms the graph draws for speed: straight edges, no labels when zoomed out. */
const LARGE = 400;

/**
 * The graph view (editor area): an atom's neighbourhood to a chosen depth, drawn with cytoscape.
 * Pan and zoom with the mouse; a colour per type; hover an atom for its Atomese and truth value;
 * click an atom to fetch its neighbours; right-click for its actions.
 */
@injectable()
export class AtomGraphWidget extends BaseWidget {
  static readonly ID = 'ai-opencog-atom-graph';
  static readonly LABEL = 'AtomSpace Graph';

  @inject(AtomGraphModel) readonly model!: AtomGraphModel;
  @inject(AiOpencogService) protected readonly service!: AiOpencogService;
  @inject(AiOpencogPreferences) protected readonly preferences!: AiOpencogPreferences;
  @inject(MessageService) protected readonly messages!: MessageService;
  @inject(ContextMenuRenderer) protected readonly contextMenu!: ContextMenuRenderer;

  protected cy: cytoscape.Core | undefined;
  protected readonly canvasHost = document.createElement('div');
  protected readonly tooltip = document.createElement('div');
  protected readonly status = document.createElement('span');
  protected readonly legend = document.createElement('div');
  protected readonly depthSelect = document.createElement('select');
  protected depth = 2;
  protected busy = false;

  @postConstruct()
  protected init(): void {
    this.id = AtomGraphWidget.ID;
    this.title.label = AtomGraphWidget.LABEL;
    this.title.caption = 'Neighbourhood of an atom';
    this.title.iconClass = 'codicon codicon-graph';
    this.title.closable = true;
    this.addClass('aoc-graph');
    this.node.tabIndex = 0;
    this.depth = this.preferences['aiOpencog.graph.depth'] || 2;

    const toolbar = document.createElement('div');
    toolbar.className = 'aoc-graph-toolbar';
    const depthLabel = document.createElement('label');
    depthLabel.textContent = 'Depth ';
    this.depthSelect.className = 'theia-select aoc-graph-depth';
    for (let d = 1; d <= 6; d++) {
      const option = document.createElement('option');
      option.value = String(d);
      option.textContent = String(d);
      this.depthSelect.appendChild(option);
    }
    this.depthSelect.value = String(this.depth);
    this.depthSelect.onchange = () => {
      this.depth = Number(this.depthSelect.value);
      if (this.model.space && this.model.centre) void this.showAtom(this.model.space, { handle: this.model.centre });
    };
    depthLabel.appendChild(this.depthSelect);
    toolbar.appendChild(depthLabel);
    toolbar.appendChild(this.button('codicon-screen-full', 'Fit to view', () => this.cy?.fit(undefined, 20)));
    toolbar.appendChild(this.button('codicon-refresh', 'Lay out again', () => this.runLayout()));
    this.status.className = 'aoc-graph-status';
    toolbar.appendChild(this.status);
    this.legend.className = 'aoc-graph-legend';
    this.canvasHost.className = 'aoc-graph-canvas';
    this.tooltip.className = 'aoc-graph-tooltip';
    this.tooltip.style.display = 'none';
    this.node.appendChild(toolbar);
    this.node.appendChild(this.legend);
    this.node.appendChild(this.canvasHost);
    this.node.appendChild(this.tooltip);
    this.toDispose.push({ dispose: () => this.cy?.destroy() });
  }

  protected button(icon: string, title: string, onClick: () => void): HTMLButtonElement {
    const b = document.createElement('button');
    b.className = 'theia-button secondary aoc-icon-button';
    b.title = title;
    b.innerHTML = `<i class="codicon ${icon}"></i>`;
    b.onclick = onClick;
    return b;
  }

  /** Draws the neighbourhood of an atom of `space`. */
  async showAtom(space: string, centre: { handle: string } | { atomese: string }): Promise<void> {
    this.setStatus('Fetching the neighbourhood…');
    try {
      const maxAtoms = this.preferences['aiOpencog.graph.maxAtoms'] || 2000;
      const n = await this.service.neighbourhood(space, centre, this.depth, maxAtoms);
      this.model.reset(n, this.depth);
      this.draw();
      const centreNode = this.model.node(n.centre);
      this.title.label = `Graph: ${centreNode ? atomText(centreNode.atom, { short: true, maxLength: 40 }) : space}`;
    } catch (error) {
      this.setStatus(describeError(error));
      this.messages.error(describeError(error));
    }
  }

  protected async expand(id: string): Promise<void> {
    if (this.busy || !this.model.space || this.model.isExpanded(id)) return;
    this.busy = true;
    this.setStatus('Expanding…');
    try {
      const n = await this.service.neighbourhood(this.model.space, { handle: id }, 1, this.preferences['aiOpencog.graph.maxAtoms'] || 2000);
      const added = this.model.merge(id, n);
      if (this.cy) {
        const origin = this.cy.getElementById(id).position();
        const nodes = added.filter((e) => e.group === 'nodes');
        nodes.forEach((e, i) => {
          const angle = (2 * Math.PI * i) / Math.max(1, nodes.length);
          (e as cytoscape.ElementDefinition).position = { x: origin.x + 120 * Math.cos(angle), y: origin.y + 120 * Math.sin(angle) };
        });
        this.cy.add(added as cytoscape.ElementDefinition[]);
        this.cy.getElementById(id).data('expanded', true);
      }
      this.updateStatus();
    } catch (error) {
      this.messages.error(describeError(error));
      this.updateStatus();
    } finally {
      this.busy = false;
    }
  }

  protected draw(): void {
    const elements = this.model.elements();
    const large = this.model.nodeCount > LARGE;
    this.cy?.destroy();
    const style = getComputedStyle(this.node);
    const foreground = style.getPropertyValue('--theia-foreground').trim() || '#cccccc';
    const edgeColour = style.getPropertyValue('--theia-editorLineNumber-foreground').trim() || '#888888';
    this.cy = cytoscape({
      container: this.canvasHost,
      elements: elements as cytoscape.ElementDefinition[],
      minZoom: 0.05,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      pixelRatio: large ? 1 : 'auto',
      textureOnViewport: large,
      hideEdgesOnViewport: this.model.nodeCount > 1500,
      motionBlur: false,
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(colour)',
            shape: 'data(shape)' as unknown as cytoscape.Css.NodeShape,
            label: 'data(label)',
            color: foreground,
            'font-size': 10,
            'text-valign': 'bottom',
            'text-margin-y': 3,
            width: 18,
            height: 18,
            'min-zoomed-font-size': large ? 9 : 0,
          },
        },
        { selector: 'node[shape = "round-rectangle"]', style: { width: 26, height: 14, 'font-size': 9 } },
        { selector: 'node[?centre]', style: { 'border-width': 3, 'border-color': foreground, width: 26, height: 26 } },
        { selector: 'node[!expanded]', style: { 'border-style': 'dashed', 'border-width': 1, 'border-color': foreground } },
        {
          selector: 'edge',
          style: {
            width: 1,
            'line-color': edgeColour,
            'target-arrow-color': edgeColour,
            'target-arrow-shape': large ? 'none' : 'triangle',
            'arrow-scale': 0.7,
            'curve-style': large ? 'haystack' : 'straight',
          },
        },
        { selector: ':selected', style: { 'overlay-opacity': 0.2, 'overlay-color': foreground } },
      ],
      layout: { name: 'preset' },
    });
    this.cy.on('tap', 'node', (e) => void this.expand(e.target.id()));
    this.cy.on('cxttap', 'node', (e) => this.openContextMenu(e.target.id(), e.originalEvent as MouseEvent));
    this.cy.on('mouseover', 'node', (e) => this.showTooltip(e.target.data('tooltip'), e.renderedPosition));
    this.cy.on('mouseout', 'node', () => (this.tooltip.style.display = 'none'));
    this.cy.on('pan zoom', () => (this.tooltip.style.display = 'none'));
    this.runLayout();
    this.updateStatus();
  }

  protected runLayout(): void {
    const cy = this.cy;
    if (!cy) return;
    const n = this.model.nodeCount;
    const layout: cytoscape.LayoutOptions =
      n <= 150
        ? ({ name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 8000, idealEdgeLength: () => 60, numIter: 1000 } as cytoscape.LayoutOptions)
        : ({
            name: 'concentric',
            animate: false,
            concentric: (node: cytoscape.NodeSingular) => 100 - (this.model.node(node.id())?.depth ?? 0),
            levelWidth: () => 1,
            minNodeSpacing: 8,
          } as cytoscape.LayoutOptions);
    cy.layout(layout).run();
    cy.fit(undefined, 20);
  }

  protected showTooltip(text: string, at: { x: number; y: number }): void {
    this.tooltip.textContent = text;
    this.tooltip.style.left = `${at.x + 14}px`;
    this.tooltip.style.top = `${at.y + 40}px`;
    this.tooltip.style.display = 'block';
  }

  protected openContextMenu(id: string, event: MouseEvent | undefined): void {
    const node = this.model.node(id);
    if (!node || !this.model.space || !event) return;
    const action: AtomAction = { space: this.model.space, handle: id, atomese: atomText(node.atom) };
    this.contextMenu.render({ menuPath: ATOM_CONTEXT_MENU, anchor: { x: event.clientX, y: event.clientY }, args: [action], includeAnchorArg: false, context: this.node });
  }

  protected updateStatus(): void {
    this.setStatus(
      `${this.model.nodeCount.toLocaleString('en-US')} atoms, ${this.model.edgeCount.toLocaleString('en-US')} edges${this.model.truncated ? ' (more around: click an atom to expand it)' : ''}`,
    );
    this.legend.replaceChildren(
      ...this.model.typeCounts().map((t) => {
        const item = document.createElement('span');
        item.className = 'aoc-legend-item';
        item.innerHTML = `<span class="aoc-legend-swatch" style="background:${t.colour}"></span>`;
        item.appendChild(document.createTextNode(`${t.type} ${t.count}`));
        return item;
      }),
    );
  }

  protected setStatus(text: string): void {
    this.status.textContent = text;
  }

  /** Elements as drawn, for tests. */
  drawnElements(): GraphElement[] {
    return this.model.elements();
  }

  protected override onResize(msg: Parameters<BaseWidget['onResize']>[0]): void {
    super.onResize(msg);
    this.cy?.resize();
  }

  protected override onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.cy?.resize();
  }

  protected override onActivateRequest(msg: Message): void {
    super.onActivateRequest(msg);
    this.node.focus();
  }
}
