import { ReactWidget } from '@theia/core/lib/browser/widgets/react-widget';
import { injectable, postConstruct } from '@theia/core/shared/inversify';
import * as React from '@theia/core/shared/react';
import { truthValueText } from '../common/atom-format';
import type { TraceNode } from './inference-trace-model';
import type { ResultsContent, ResultTable } from './results-model';

/**
 * The results view (bottom panel): a query's groundings as a table; a chaining job's results and
 * its inference trace as a tree (rule, premises, TVs) that unfolds on click; mined patterns.
 */
@injectable()
export class ResultsWidget extends ReactWidget {
  static readonly ID = 'ai-opencog-results';
  static readonly LABEL = 'AtomSpace Results';

  private content: ResultsContent | undefined;
  private message: string | undefined;
  private readonly expanded = new Set<string>();
  private readonly childrenCache = new Map<string, TraceNode[]>();
  private roots: TraceNode[] = [];

  @postConstruct()
  protected init(): void {
    this.id = ResultsWidget.ID;
    this.title.label = ResultsWidget.LABEL;
    this.title.caption = 'Results of queries, chaining and mining';
    this.title.iconClass = 'codicon codicon-table';
    this.title.closable = true;
    this.addClass('aoc-results');
    this.node.tabIndex = 0;
    this.update();
  }

  get current(): ResultsContent | undefined {
    return this.content;
  }

  showResults(content: ResultsContent): void {
    this.content = content;
    this.message = undefined;
    this.expanded.clear();
    this.childrenCache.clear();
    this.roots = content.kind === 'chain' ? content.trace.roots() : [];
    // The first root with a derivation unfolds one level, so the trace is visible at once.
    if (content.kind === 'chain') {
      const first = this.roots.find((r) => content.trace.hasChildren(r));
      if (first) this.expanded.add(first.id);
    }
    this.update();
  }

  /** A note in place of results (a query that is running, say). */
  showMessage(message: string): void {
    this.message = message;
    this.update();
  }

  protected override onActivateRequest(msg: Parameters<ReactWidget['onActivateRequest']>[0]): void {
    super.onActivateRequest(msg);
    this.node.focus();
  }

  protected render(): React.ReactNode {
    const c = this.content;
    if (this.message && !c) return <div className="aoc-results-empty">{this.message}</div>;
    if (!c) return <div className="aoc-results-empty">Run a query (AtomSpace: Run Query under Cursor), chaining or the miner to see results here.</div>;
    return (
      <div className="aoc-results-content">
        <div className="aoc-results-header">
          <span className="aoc-results-title">{c.title}</span>
          <span className="aoc-results-summary">{c.summary}</span>
          {this.message && <span className="aoc-results-note">{this.message}</span>}
        </div>
        {c.kind === 'query' && <pre className="aoc-query-text">{c.outcome.query}</pre>}
        <div className="aoc-results-body">
          <div className="aoc-results-table-wrap">{this.renderTable(c.table)}</div>
          {c.kind === 'chain' && (
            <div className="aoc-trace">
              <div className="aoc-section-title">Inference trace ({c.trace.stepCount} steps)</div>
              {this.roots.length === 0 ? <div className="aoc-results-empty">No inference step.</div> : this.roots.map((n) => this.renderTraceNode(n, 0))}
            </div>
          )}
        </div>
      </div>
    );
  }

  protected renderTable(table: ResultTable): React.ReactNode {
    const withTv = table.rows.some((r) => r.tv !== undefined);
    if (table.rows.length === 0) return <div className="aoc-results-empty aoc-no-groundings">No groundings.</div>;
    return (
      <table className="aoc-results-table">
        <thead>
          <tr>
            <th className="aoc-row-number">#</th>
            {table.columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
            {withTv && <th>truth value</th>}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i} className="aoc-grounding">
              <td className="aoc-row-number">{i + 1}</td>
              {r.cells.map((cell, j) => (
                <td key={j}>
                  <code>{cell}</code>
                </td>
              ))}
              {withTv && <td>{r.tv ?? ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  protected childrenOf(node: TraceNode): TraceNode[] {
    const c = this.content;
    if (c?.kind !== 'chain') return [];
    let children = this.childrenCache.get(node.id);
    if (!children) {
      children = c.trace.children(node);
      this.childrenCache.set(node.id, children);
    }
    return children;
  }

  protected toggle(node: TraceNode): void {
    if (this.expanded.has(node.id)) this.expanded.delete(node.id);
    else this.expanded.add(node.id);
    this.update();
  }

  protected renderTraceNode(node: TraceNode, depth: number): React.ReactNode {
    const c = this.content;
    const expandable = c?.kind === 'chain' && c.trace.hasChildren(node);
    const open = this.expanded.has(node.id);
    return (
      <div key={node.id} className="aoc-trace-node">
        <div className={`aoc-trace-row aoc-trace-${node.kind}`} style={{ paddingLeft: `${depth * 16 + 4}px` }} onClick={() => expandable && this.toggle(node)}>
          <i className={`codicon ${expandable ? (open ? 'codicon-chevron-down' : 'codicon-chevron-right') : 'codicon-blank'}`} />
          {node.kind === 'step' ? (
            <>
              <span className="aoc-rule">{node.step.rule}</span>
              <span className="aoc-trace-tv">{truthValueText(node.tv)}</span>
              <span className="aoc-trace-meta">iteration {node.step.iteration}, {node.step.premises.length} premise{node.step.premises.length === 1 ? '' : 's'}</span>
            </>
          ) : (
            <>
              <code className="aoc-trace-atom">{node.text}</code>
              {node.tv && <span className="aoc-trace-tv">{truthValueText(node.tv)}</span>}
              {node.stepCount > 0 && <span className="aoc-trace-meta">concluded by {node.stepCount} step{node.stepCount === 1 ? '' : 's'}</span>}
            </>
          )}
        </div>
        {open && this.childrenOf(node).map((child) => this.renderTraceNode(child, depth + 1))}
      </div>
    );
  }
}
