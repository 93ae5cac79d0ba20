import { parseSExprs, type SExpr } from '@ai-opencog/atomspace';
import type { AtomJson, TruthValueJson } from '@ai-opencog/protocol';
import type { JobOutcome, QueryOutcome } from '../common/ai-opencog-protocol';
import { atomText, isDefaultTruthValue, truthValueText } from '../common/atom-format';
import { InferenceTraceModel } from './inference-trace-model';

/*
 * What the results view shows for a query (a table of groundings, one column per variable), a
 * chaining job (the results with their TVs, and the inference trace as a tree) and a mining job
 * (the patterns with support and surprisingness).
 */

export interface ResultTable {
  columns: string[];
  rows: { cells: string[]; tv?: string }[];
}

export type ResultsContent =
  | { kind: 'query'; title: string; summary: string; table: ResultTable; outcome: QueryOutcome }
  | { kind: 'chain'; title: string; summary: string; table: ResultTable; trace: InferenceTraceModel; outcome: JobOutcome }
  | { kind: 'mine'; title: string; summary: string; table: ResultTable; outcome: JobOutcome };

/** The variables a query declares, in order (`$x`, `$y`); empty when it declares none. */
export function queryVariables(query: string): string[] {
  let forms: SExpr[];
  try {
    forms = parseSExprs(query);
  } catch {
    return [];
  }
  const top = forms[0];
  if (top?.kind !== 'list' || top.items.length < 3) return [];
  return variablesOf(top.items[1]);
}

function variablesOf(e: SExpr | undefined): string[] {
  if (e?.kind !== 'list') return [];
  const head = e.items[0]?.kind === 'symbol' ? e.items[0].value : '';
  const name = e.items[1];
  if (/^(Variable|VariableNode|Glob|GlobNode)$/.test(head)) return name?.kind === 'string' ? [name.value] : [];
  if (/^(TypedVariable|TypedVariableLink)$/.test(head)) return variablesOf(e.items[1]);
  if (/^(VariableList|VariableSet)$/.test(head)) return e.items.slice(1).flatMap(variablesOf);
  return [];
}

function cell(atom: AtomJson): string {
  return atomText(atom, { short: true, maxLength: 500 });
}

function tvText(tv: TruthValueJson | undefined): string | undefined {
  return tv && !isDefaultTruthValue(tv) ? truthValueText(tv) : undefined;
}

export function queryContent(outcome: QueryOutcome): ResultsContent {
  const r = outcome.result;
  const head = /^\s*[([]\s*([A-Za-z]+)/.exec(outcome.query)?.[1] ?? 'query';
  if (r.kind === 'tv') {
    const satisfied = r.tv.strength >= 0.5;
    return {
      kind: 'query',
      title: `${head} in ${outcome.space}`,
      summary: `${satisfied ? 'satisfiable' : 'not satisfiable'} ${truthValueText(r.tv)} in ${outcome.elapsedMs} ms`,
      table: { columns: ['truth value'], rows: [{ cells: [truthValueText(r.tv)] }] },
      outcome,
    };
  }
  const variables = /^(Bind|BindLink)$/.test(head) ? [] : queryVariables(outcome.query);
  const split = variables.length > 1;
  const rows = r.atoms.map((a) => {
    if (split && a.outgoing && a.outgoing.length === variables.length && /^List(Link)?$/.test(a.type)) {
      return { cells: a.outgoing.map(cell), tv: tvText(a.tv) };
    }
    return { cells: [cell(a)], tv: tvText(a.tv) };
  });
  const columns = split ? variables : [variables[0] ?? (/^(Bind|BindLink)$/.test(head) ? 'result' : 'grounding')];
  const count = r.atoms.length;
  return {
    kind: 'query',
    title: `${head} in ${outcome.space}`,
    summary: `${count} grounding${count === 1 ? '' : 's'}${r.complete ? '' : ' (stopped at the result limit)'} in ${outcome.elapsedMs} ms`,
    table: { columns, rows },
    outcome,
  };
}

export function jobContent(outcome: JobOutcome): ResultsContent {
  if (outcome.kind === 'mine') {
    const patterns = outcome.result.patterns;
    return {
      kind: 'mine',
      title: `Patterns mined in ${outcome.request.space}`,
      summary: `${patterns.length} pattern${patterns.length === 1 ? '' : 's'}${outcome.result.complete ? '' : ' (stopped at the time limit)'}`,
      table: {
        columns: ['pattern', 'support', 'surprisingness'],
        rows: patterns.map((p) => ({
          cells: [atomText(p.pattern, { short: true, maxLength: 500 }), String(p.support), p.surprisingness === undefined ? '' : String(Number(p.surprisingness.toFixed(4)))],
        })),
      },
      outcome,
    };
  }
  const r = outcome.result;
  const direction = outcome.kind === 'forward-chain' ? 'Forward' : 'Backward';
  const trace = new InferenceTraceModel(r);
  return {
    kind: 'chain',
    title: `${direction} chaining in ${outcome.request.space}`,
    summary: `${r.results.length} result${r.results.length === 1 ? '' : 's'}, ${trace.stepCount} inference step${trace.stepCount === 1 ? '' : 's'}, ${r.iterations} iterations, stopped: ${r.stopReason}${r.complete ? '' : ' (incomplete)'}`,
    table: { columns: ['result', 'truth value'], rows: r.results.map((x) => ({ cells: [cell(x.atom), truthValueText(x.tv)] })) },
    trace,
    outcome,
  };
}
