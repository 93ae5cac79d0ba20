import type { Atom } from '../atoms/atom';
import type { AtomSpace } from '../atoms/atomspace';
import { FALSE_TV, TRUE_TV, type TruthValue } from '../values/truth-value';
import { LinkValue } from '../values/value';
import { evaluate } from './evaluate';
import { instantiate, materialize, type ExecContext } from './instantiate';
import { knownTypes } from './known-types';
import { ExecutionLimits } from './limits';
import { compilePattern, type CompiledPattern } from './pattern-compiler';
import type { Groundings, QueryOptions, QueryResult } from './query-options';
import { Search, type GroundingSink } from './search';
import { closedTemplate, type Binding } from './template';
import { invalidQuery, type VariableDecl } from './variables';

/** Compiled patterns by query atom: repeated executions skip the analysis. */
const compiled = new WeakMap<Atom, CompiledPattern>();

/**
 * Executes a GetLink, BindLink, QueryLink, MeetLink or SatisfactionLink. A query that is not in
 * `space` is added to it first.
 */
export function executeQuery(space: AtomSpace, query: Atom, options: QueryOptions = {}): QueryResult {
  return runQuery(context(space, options), query, options.maxResults);
}

/** All groundings of a query's body (any of the five query types), for callers that rewrite on their own. */
export function findGroundings(space: AtomSpace, query: Atom, options: QueryOptions = {}): Groundings {
  const ctx = context(space, options);
  const p = patternOf(ctx, query);
  requireGroundable(p);
  const { rows, complete } = collect(ctx, p, options.maxResults);
  const vars = p.variables.slice(0, p.results);
  return {
    variables: vars.map((v) => v.atom),
    groundings: rows.map((row) => vars.map((v) => groundingAtom(ctx, v, row[v.index]))),
    complete,
  };
}

/**
 * Executes an atom: a query runs (its result is a SetLink, LinkValue or TruthValue), an
 * evaluatable atom (logic, comparisons, EvaluationLink) is evaluated to a TruthValue, and
 * anything else is instantiated with arithmetic, ExecutionOutputLinks and PutLinks in it
 * executed; the resulting atom is added to the space.
 */
export function executeAtom(space: AtomSpace, atom: Atom, options: QueryOptions = {}): Atom | LinkValue | TruthValue {
  const ctx = context(space, options);
  const a = inSpace(space, atom);
  const kt = ctx.kt;
  if (a.type.isA(kt.patternLink)) {
    const r = runQuery(ctx, a, options.maxResults);
    return r.kind === 'set' ? r.atom : r.kind === 'value' ? r.value : r.tv;
  }
  const tpl = closedTemplate(kt, a);
  if (kt.isLogical(a.type) || a.type === kt.evaluation) return evaluate(ctx, tpl, []);
  return materialize(space, instantiate(ctx, tpl, [], true));
}

/** Evaluates an atom to a TruthValue (see `evaluate` for what is computed and what is looked up). */
export function evaluateAtom(space: AtomSpace, atom: Atom, options: QueryOptions = {}): TruthValue {
  const ctx = context(space, options);
  return evaluate(ctx, closedTemplate(ctx.kt, inSpace(space, atom)), []);
}

function context(space: AtomSpace, options: QueryOptions): ExecContext {
  const { maxResults } = options;
  if (maxResults !== undefined && !(Number.isInteger(maxResults) && maxResults >= 0)) {
    throw invalidQuery(`maxResults must be a non-negative whole number, got ${maxResults}`);
  }
  const ctx: ExecContext = {
    space,
    kt: knownTypes(space.types),
    grounded: options.grounded,
    limits: new ExecutionLimits(options.signal, options.timeLimitMs),
    runQuery: (q) => runQuery(ctx, q, undefined),
  };
  return ctx;
}

function inSpace(space: AtomSpace, atom: Atom): Atom {
  return space.isVisible(atom) ? atom : space.add(atom);
}

function patternOf(ctx: ExecContext, query: Atom): CompiledPattern {
  const q = inSpace(ctx.space, query);
  let p = compiled.get(q);
  if (p === undefined) {
    p = compilePattern(ctx.kt, q);
    compiled.set(q, p);
  }
  return p;
}

function runQuery(ctx: ExecContext, query: Atom, maxResults: number | undefined): QueryResult {
  const p = patternOf(ctx, query);
  if (p.kind === 'satisfaction') {
    const first = new FirstGrounding();
    search(ctx, p, first);
    return { kind: 'tv', tv: first.found ? TRUE_TV : FALSE_TV, complete: true };
  }
  requireGroundable(p);
  const { rows, complete } = collect(ctx, p, maxResults);
  const results = new Set<Atom>();
  for (const row of rows) {
    ctx.limits.tick();
    const rewrite = p.rewrite;
    results.add(rewrite === undefined ? getResult(ctx, p, row) : materialize(ctx.space, instantiate(ctx, rewrite, row, true)));
  }
  const items = [...results];
  if (p.kind === 'get' || p.kind === 'bind') return { kind: 'set', atom: ctx.space.addLink(ctx.kt.set, items), complete };
  return { kind: 'value', value: new LinkValue(items), complete };
}

/** Get/Meet: the grounding of the only variable, or a ListLink of all of them in declaration order. */
function getResult(ctx: ExecContext, p: CompiledPattern, row: readonly Binding[]): Atom {
  if (p.results === 1) return groundingAtom(ctx, p.variables[0], row[0]);
  return ctx.space.addLink(
    ctx.kt.list,
    p.variables.slice(0, p.results).map((v) => groundingAtom(ctx, v, row[v.index])),
  );
}

/** A glob's grounding is the ListLink of the atoms it matched; an unbound variable stands for itself. */
function groundingAtom(ctx: ExecContext, v: VariableDecl, b: Binding): Atom {
  if (b === undefined) return v.atom;
  return v.isGlob ? ctx.space.addLink(ctx.kt.list, b as readonly Atom[]) : (b as Atom);
}

function requireGroundable(p: CompiledPattern): void {
  if (p.ungroundable.length > 0) {
    throw invalidQuery(
      `${p.ungroundable.join(', ')} cannot be grounded: it appears only under AbsentLink or AlwaysLink in ${p.query}`,
    );
  }
}

function search(ctx: ExecContext, p: CompiledPattern, sink: GroundingSink): void {
  for (const branch of p.branches) if (new Search(ctx, p, branch, sink).run()) return;
}

function collect(ctx: ExecContext, p: CompiledPattern, maxResults: number | undefined): Collector {
  const c = new Collector(p.results, maxResults ?? Infinity, p.mayDuplicate);
  search(ctx, p, c);
  return c;
}

class FirstGrounding implements GroundingSink {
  found = false;

  accept(): boolean {
    this.found = true;
    return true;
  }
}

/** Keeps distinct groundings, up to a maximum. */
class Collector implements GroundingSink {
  readonly rows: Binding[][] = [];
  complete = true;
  private readonly seen: Set<Atom | string> | undefined;

  constructor(
    private readonly width: number,
    private readonly max: number,
    dedupe: boolean,
  ) {
    this.seen = dedupe ? new Set() : undefined;
  }

  accept(bindings: readonly Binding[]): boolean {
    const row = bindings.slice(0, this.width);
    if (this.seen !== undefined) {
      const key = this.key(row);
      if (this.seen.has(key)) return false;
      this.seen.add(key);
    }
    if (this.rows.length >= this.max) {
      this.complete = false;
      return true;
    }
    this.rows.push(row);
    return false;
  }

  private key(row: readonly Binding[]): Atom | string {
    if (row.length === 1 && row[0] !== undefined && !Array.isArray(row[0])) return row[0] as Atom;
    const part = (b: Binding) =>
      b === undefined ? '-' : Array.isArray(b) ? `[${b.map((a: Atom) => a.id).join(',')}]` : String((b as Atom).id);
    return row.map(part).join(' ');
  }
}
