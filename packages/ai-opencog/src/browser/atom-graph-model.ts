import { Emitter, type Event } from '@theia/core/lib/common/event';
import type { GraphAtom, GraphEdge, GraphNeighbourhood } from '../common/ai-opencog-protocol';
import { atomLabel, atomText, isDefaultTruthValue, shortTypeName, truthValueText } from '../common/atom-format';

/*
 * The graph view's data, apart from drawing: the atoms and edges fetched so far (a neighbourhood,
 * then whatever clicks expanded), which atoms were expanded, and the elements cytoscape draws,
 * with a colour per type and the hover text (type, name, truth value, incoming count).
 */

export interface GraphElementData {
  id: string;
  label: string;
  type?: string;
  colour?: string;
  shape?: 'ellipse' | 'round-rectangle';
  tooltip?: string;
  expanded?: boolean;
  centre?: boolean;
  source?: string;
  target?: string;
}

export interface GraphElement {
  group: 'nodes' | 'edges';
  data: GraphElementData;
}

/** A fixed palette, so a type keeps its colour between sessions. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#86bcb6', '#d37295'];

export function typeColour(type: string): string {
  let h = 0;
  for (let i = 0; i < type.length; i++) h = (h * 31 + type.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

export function atomTooltip(node: GraphAtom): string {
  const lines = [atomText(node.atom, { short: false, maxLength: 300 })];
  lines.push(`truth value: ${isDefaultTruthValue(node.atom.tv) ? '(stv 1 0), the default' : truthValueText(node.atom.tv)}`);
  if (node.incomingCount >= 0) lines.push(`incoming links: ${node.incomingCount}`);
  return lines.join('\n');
}

export class AtomGraphModel {
  private readonly onDidChangeEmitter = new Emitter<{ added: GraphElement[]; reset: boolean }>();
  readonly onDidChange: Event<{ added: GraphElement[]; reset: boolean }> = this.onDidChangeEmitter.event;
  private readonly nodes = new Map<string, GraphAtom>();
  private readonly edges = new Map<string, GraphEdge>();
  private readonly expandedIds = new Set<string>();
  space: string | undefined;
  centre: string | undefined;
  truncated = false;

  get nodeCount(): number {
    return this.nodes.size;
  }

  get edgeCount(): number {
    return this.edges.size;
  }

  node(id: string): GraphAtom | undefined {
    return this.nodes.get(id);
  }

  isExpanded(id: string): boolean {
    return this.expandedIds.has(id);
  }

  /** Starts over with a new neighbourhood. */
  reset(n: GraphNeighbourhood, depth: number): void {
    this.nodes.clear();
    this.edges.clear();
    this.expandedIds.clear();
    this.space = n.space;
    this.centre = n.centre;
    this.truncated = false;
    const added = this.add(n, depth);
    this.onDidChangeEmitter.fire({ added, reset: true });
  }

  /** Adds what an expansion of `id` found; returns the new elements. */
  merge(id: string, n: GraphNeighbourhood): GraphElement[] {
    const added = this.add(n, 1, id);
    this.expandedIds.add(id);
    this.onDidChangeEmitter.fire({ added, reset: false });
    return added;
  }

  /** Every element, nodes first. */
  elements(): GraphElement[] {
    return [...[...this.nodes.values()].map((n) => this.nodeElement(n)), ...[...this.edges.values()].map((e) => this.edgeElement(e))];
  }

  /** Atoms per type, for the legend. */
  typeCounts(): { type: string; count: number; colour: string }[] {
    const counts = new Map<string, number>();
    for (const n of this.nodes.values()) counts.set(n.atom.type, (counts.get(n.atom.type) ?? 0) + 1);
    return [...counts]
      .map(([type, count]) => ({ type, count, colour: typeColour(type) }))
      .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  }

  private add(n: GraphNeighbourhood, depth: number, expandedFrom?: string): GraphElement[] {
    const added: GraphElement[] = [];
    const base = expandedFrom ? (this.nodes.get(expandedFrom)?.depth ?? 0) : 0;
    for (const node of n.nodes) {
      const known = this.nodes.get(node.id);
      if (known) {
        if (node.incomingCount >= 0) known.incomingCount = node.incomingCount;
        continue;
      }
      const copy = { ...node, depth: base + node.depth };
      this.nodes.set(node.id, copy);
      added.push(this.nodeElement(copy));
    }
    for (const edge of n.edges) {
      const id = edgeId(edge);
      if (this.edges.has(id)) continue;
      this.edges.set(id, edge);
      added.push(this.edgeElement(edge));
    }
    // Atoms whose neighbours were all fetched count as expanded.
    for (const node of n.nodes) if (node.depth < depth) this.expandedIds.add(node.id);
    this.truncated = this.truncated || n.truncated;
    return added;
  }

  private nodeElement(n: GraphAtom): GraphElement {
    const isLink = n.atom.outgoing !== undefined;
    return {
      group: 'nodes',
      data: {
        id: n.id,
        label: isLink ? shortTypeName(n.atom.type) : atomLabel(n.atom),
        type: n.atom.type,
        colour: typeColour(n.atom.type),
        shape: isLink ? 'round-rectangle' : 'ellipse',
        tooltip: atomTooltip(n),
        expanded: this.expandedIds.has(n.id),
        centre: n.id === this.centre,
      },
    };
  }

  private edgeElement(e: GraphEdge): GraphElement {
    return { group: 'edges', data: { id: edgeId(e), source: e.source, target: e.target, label: String(e.position) } };
  }
}

function edgeId(e: GraphEdge): string {
  return `e:${e.source}>${e.position}>${e.target}`;
}
