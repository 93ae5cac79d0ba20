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
import { closedTemplate, compileTemplate, type Binding, type Template } from './template';
import { invalidQuery, type VariableDecl } from './variables';

/** Compiled patterns by query atom: repeated executions skip the analysis. */
const compiled = new WeakMap<Atom, CompiledPattern>();

/** A compiled pattern with its constants looked up in the space one execution searches. */
interface Prepared {
  readonly p: CompiledPattern;
  readonly consts: readonly (Atom | undefined)[];
}

/**
 * Executes a GetLink, BindLink, QueryLink, MeetLink or SatisfactionLink. A query that is not in
 * `space` is added to it first, unless `options.addQuery` is false.
 */
export function executeQuery(space: AtomSpace, query: Atom, options: QueryOptions = {}): QueryResult {
  return runQuery(context(space, options), query, options.maxResults, options.addQuery !== false);
}

/** All groundings of a query's body (any of the five query types), for callers that rewrite on their own. */
export function findGroundings(space: AtomSpace, query: Atom, options: QueryOptions = {}): Groundings {
  const ctx = context(space, options);
  const q = prepare(ctx, query, options.addQuery !== false);
  const p = q.p;
  requireGroundable(p);
  const { rows, complete } = collect(ctx, q, options.maxResults);
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
  const add = options.addQuery !== false;
  const a = add ? inSpace(space, atom) : atom;
  const kt = ctx.kt;
  if (a.type.isA(kt.patternLink)) {
    const r = runQuery(ctx, a, options.maxResults, add);
    return r.kind === 'set' ? r.atom : r.kind === 'value' ? r.value : r.tv;
  }
  const tpl = closedTemplate(kt, a);
  if (kt.isLogical(a.type) || a.type === kt.evaluation) return evaluate(ctx, tpl, []);
  return materialize(space, instantiate(ctx, tpl, [], true));
}

/** Evaluates an atom to a TruthValue (see `evaluate` for what is computed and what is looked up). */
export function evaluateAtom(space: AtomSpace, atom: Atom, options: QueryOptions = {}): TruthValue {
  const ctx = context(space, options);
  return evaluate(ctx, closedTemplate(ctx.kt, options.addQuery === false ? atom : inSpace(space, atom)), []);
}

/** Instantiation templates by atom, for the variables they were last compiled with. */
const instantiationTemplates = new WeakMap<Atom, { vars: readonly Atom[]; tpl: Template }>();

/**
 * Substitutes groundings for variables in `atom` and adds the result to `space`: OpenCog's
 * Instantiator. `groundings` maps the variables of `atom` (its own VariableNode and GlobNode
 * atoms) to what stands for them (a glob's grounding is the sequence of atoms spliced in its
 * place). QuoteLinks, UnquoteLinks and LocalQuoteLinks are consumed; quoted variables and those an
 * inner scope binds are left as they are; unless `execute` is false, arithmetic,
 * ExecutionOutputLinks and PutLinks are executed (innermost first). `atom` may live in another
 * space: it is not added to `space`, its result is.
 */
export function instantiateAtom(
  space: AtomSpace,
  atom: Atom,
  groundings: ReadonlyMap<Atom, Atom | readonly Atom[]>,
  options: QueryOptions & { execute?: boolean } = {},
): Atom {
  const ctx = context(space, options);
  const vars = [...groundings.keys()];
  let entry = instantiationTemplates.get(atom);
  if (entry === undefined || entry.vars.length !== vars.length || entry.vars.some((v, i) => v !== vars[i])) {
    entry = { vars, tpl: compileTemplate(ctx.kt, atom, new Map(vars.map((v, i) => [v, i])), vars.length) };
    instantiationTemplates.set(atom, entry);
  }
  return materialize(space, instantiate(ctx, entry.tpl, [...groundings.values()], options.execute !== false));
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
    runQuery: (q) => runQuery(ctx, q, undefined, true),
  };
  return ctx;
}

function inSpace(space: AtomSpace, atom: Atom): Atom {
  return space.isVisible(atom) ? atom : space.add(atom);
}

/**
 * The compiled pattern of a query (compiled once per query atom), with its constants resolved in
 * the space searched: the query's own atoms when the space holds the query (then it holds all of
 * them), else the equal atoms of the space, undefined for those it lacks.
 */
function prepare(ctx: ExecContext, query: Atom, add: boolean): Prepared {
  const space = ctx.space;
  let q = query;
  let held = space.isVisible(q);
  if (!held && add) {
    q = space.add(q);
    held = true;
  }
  if (space.types.byIndex(q.type.id) !== q.type) {
    throw invalidQuery(`the query ${q} uses atom types of another type registry than the atomspace ${space.name}`);
  }
  let p = compiled.get(q);
  if (p === undefined) {
    p = compilePattern(ctx.kt, q);
    compiled.set(q, p);
  }
  return { p, consts: held ? p.constants : p.constants.map((c) => space.get(c)) };
}

function runQuery(ctx: ExecContext, query: Atom, maxResults: number | undefined, add: boolean): QueryResult {
  const q = prepare(ctx, query, add);
  const p = q.p;
  if (p.kind === 'satisfaction') {
    const first = new FirstGrounding();
    search(ctx, q, first);
    return { kind: 'tv', tv: first.found ? TRUE_TV : FALSE_TV, complete: true };
  }
  requireGroundable(p);
  const { rows, complete } = collect(ctx, q, maxResults);
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

function search(ctx: ExecContext, q: Prepared, sink: GroundingSink): void {
  for (const branch of q.p.branches) if (new Search(ctx, q.p, branch, sink, q.consts).run()) return;
}

function collect(ctx: ExecContext, q: Prepared, maxResults: number | undefined): Collector {
  const c = new Collector(q.p.results, maxResults ?? Infinity, q.p.mayDuplicate);
  search(ctx, q, c);
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
