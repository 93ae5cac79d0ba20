import type { Atom } from '../atoms/atom';
import type { AtomType } from '../types/atom-type';
import type { KnownTypes } from './known-types';
import { Term, TermKind, variableKey } from './match-engine';
import { compileTemplate, onlyMember, type Template } from './template';
import {
  declaredVariables,
  freeVariables,
  implicitVariables,
  invalidQuery,
  type VariableDecl,
} from './variables';

export type PatternKind = 'get' | 'meet' | 'bind' | 'query' | 'satisfaction';

/** One link on the way from an anchor up to its clause's root. */
export interface PathStep {
  readonly type: AtomType;
  /** -1 when globs make the arity variable. */
  readonly arity: number;
  /** Where the anchor side sits in the link; -1 when unordered or after a glob. */
  readonly position: number;
}

/**
 * An entry point into a clause: a constant, or a variable once it is grounded. Candidate
 * groundings of the clause are found by walking up the incoming sets from it along `path`.
 */
export interface Anchor {
  /** Constants: index into the per-execution cost cache; -1 for variables. */
  readonly id: number;
  /** Constants: the entry in the pattern's table of constants; -1 for variables. */
  readonly constIndex: number;
  readonly varIndex: number;
  /** From the anchor's parent up to the clause root; empty when the anchor is the root. */
  readonly path: readonly PathStep[];
}

/** A clause that is searched for in the space. */
export interface SearchClause {
  /** Index into the branch's per-clause state. */
  readonly id: number;
  readonly atom: Atom;
  readonly term: Term;
  readonly vars: readonly number[];
  readonly anchors: readonly Anchor[];
  /** Types to scan when no anchor can be used; undefined: every atom. */
  readonly scanTypes: readonly AtomType[] | undefined;
}

/** A clause that is evaluated (to true or false) once its variables are grounded. */
export interface EvalClause {
  readonly id: number;
  readonly template: Template;
  readonly vars: readonly number[];
}

/** Search clauses connected through shared variables, with the evaluations local to them. */
export interface Component {
  readonly clauses: readonly SearchClause[];
  readonly vars: readonly number[];
  readonly evals: readonly EvalClause[];
}

/** One conjunction of the body (a body with OrLink or ChoiceLink alternatives has several). */
export interface Branch {
  /** Disconnected components: their groundings combine as a cartesian product. */
  readonly components: readonly Component[];
  /** Evaluations without variables, run once before the search. */
  readonly constEvals: readonly EvalClause[];
  /** Evaluations spanning several components, run on each combined grounding. */
  readonly crossEvals: readonly EvalClause[];
  readonly absents: readonly SearchClause[];
  readonly alwaysClauses: readonly SearchClause[];
  readonly alwaysEvals: readonly EvalClause[];
  readonly clauseCount: number;
  readonly evalCount: number;
  readonly constAnchorCount: number;
}

export interface CompiledPattern {
  readonly query: Atom;
  readonly kind: PatternKind;
  /** Every variable; the first `results` are the results (the rest are local to Absent/Always clauses). */
  readonly variables: readonly VariableDecl[];
  readonly results: number;
  readonly branches: readonly Branch[];
  /** BindLink, QueryLink: what each grounding is rewritten into. */
  readonly rewrite: Template | undefined;
  /**
   * The atoms the searched terms hold as constants (atoms of the query's space), numbered as
   * the terms and anchors refer to them: an execution looks each up in the space it searches.
   */
  readonly constants: readonly Atom[];
  /**
   * Every link of the query, by content hash: none of them, nor an equal link of another space,
   * is ever a clause grounding (a query never matches its own body).
   */
  readonly selfLinks: ReadonlyMap<number, readonly Atom[]>;
  /** The query's variables (`variableKey`): never a grounding. */
  readonly ownVars: ReadonlySet<string>;
  /** Whether one grounding can be found twice (unordered links, choices, alternatives). */
  readonly mayDuplicate: boolean;
  /** Declared variables that no searched clause grounds (they appear only under Absent or Always). */
  readonly ungroundable: readonly Atom[];
}

/** More alternatives than this (from OrLink/ChoiceLink combinations) is refused. */
const MAX_BRANCHES = 256;

export function patternKind(kt: KnownTypes, query: Atom): PatternKind | undefined {
  const t = query.type;
  if (t.isA(kt.bind)) return 'bind';
  if (t.isA(kt.query)) return 'query';
  if (t.isA(kt.get)) return 'get';
  if (t.isA(kt.meet)) return 'meet';
  if (t.isA(kt.satisfaction)) return 'satisfaction';
  return undefined;
}

export function compilePattern(kt: KnownTypes, query: Atom): CompiledPattern {
  const kind = patternKind(kt, query);
  if (kind === undefined) {
    throw invalidQuery(`${query.type.name} is not a query: expected GetLink, BindLink, QueryLink, MeetLink or SatisfactionLink`);
  }
  const { decl, body, rewrite } = splitQuery(kt, query, kind);
  const alternatives = expandBody(kt, body);
  let variables = decl ? declaredVariables(kt, decl) : implicitVariables(kt, freeVariables(kt, [body]));
  let c = compileBranches(kt, variables, alternatives);
  let results = variables.length;
  if (!decl && c.ungrounded.size > 0) {
    // Undeclared variables that only AbsentLink or AlwaysLink mention are local to those clauses:
    // numbered last, and not part of the results.
    const { ungrounded } = c;
    const order = [...variables.filter((v) => !ungrounded.has(v.index)), ...variables.filter((v) => ungrounded.has(v.index))];
    variables = implicitVariables(kt, order.map((v) => v.atom));
    results -= ungrounded.size;
    c = compileBranches(kt, variables, alternatives);
  }
  if (results === 0 && (kind === 'get' || kind === 'meet')) {
    throw invalidQuery(`${query.type.name} has no variables to ground: ${query}`);
  }
  return {
    query,
    kind,
    variables,
    results,
    branches: c.branches,
    rewrite: rewrite === undefined ? undefined : compileTemplate(kt, rewrite, c.varIndex, variables.length),
    constants: c.constants,
    selfLinks: linksOf(query),
    ownVars: new Set(variables.map((v) => variableKey(v.atom))),
    mayDuplicate: c.mayDuplicate || c.branches.length > 1,
    ungroundable: decl ? variables.filter((v) => c.ungrounded.has(v.index)).map((v) => v.atom) : [],
  };
}

function compileBranches(kt: KnownTypes, variables: readonly VariableDecl[], alternatives: readonly BodyClause[][]) {
  const c = new BranchCompiler(kt, variables);
  const branches = alternatives.map((clauses, i) =>
    c.compile(clauses, alternatives.length > 1 ? ` in alternative ${i + 1} of the body` : ''),
  );
  // Variables that no alternative grounds in a searched clause.
  const ungrounded = new Set(variables.filter((v) => !c.grounded.has(v.index)).map((v) => v.index));
  return { branches, ungrounded, varIndex: c.varIndex, mayDuplicate: c.mayDuplicate, constants: c.constants };
}

function splitQuery(kt: KnownTypes, query: Atom, kind: PatternKind): { decl?: Atom; body: Atom; rewrite?: Atom } {
  const out = query.outgoing;
  const name = query.type.name;
  const isDecl = (a: Atom) => kt.isDeclarationType(a.type);
  if (kind === 'bind' || kind === 'query') {
    if (out.length === 3) {
      if (!isDecl(out[0])) throw invalidQuery(`${name} expects a variable declaration before its body, got ${out[0]}`);
      return { decl: out[0], body: out[1], rewrite: out[2] };
    }
    if (out.length === 2 && !isDecl(out[0])) return { body: out[0], rewrite: out[1] };
    throw invalidQuery(`${name} takes [variable declaration] body rewrite, got ${query}`);
  }
  if (out.length === 1) return { body: out[0] };
  if (out.length === 2) {
    if (!isDecl(out[0])) throw invalidQuery(`${name} expects a variable declaration before its body, got ${out[0]}`);
    return { decl: out[0], body: out[1] };
  }
  throw invalidQuery(`${name} takes [variable declaration] body, got ${query}`);
}

/**
 * A clause of the body. A literal clause (a member of a PresentLink, an alternative of a
 * ChoiceLink) is searched for as it is written, whatever its type, as OpenCog's
 * `PatternLink::record_literal` does: `(Present (Not X))` looks for a NotLink in the space.
 * Other clauses are sorted by type: evaluatable ones are evaluated, the rest searched for.
 */
interface BodyClause {
  readonly atom: Atom;
  readonly literal: boolean;
}

/**
 * The body as alternatives, each a list of clauses: a top-level OrLink or ChoiceLink gives one
 * alternative per member, an AndLink's members are clauses, a PresentLink's members are literal
 * clauses, and a ChoiceLink among the clauses multiplies the alternatives.
 */
function expandBody(kt: KnownTypes, body: Atom): BodyClause[][] {
  if ((body.type === kt.or || body.type === kt.choice) && body.arity > 0) {
    return capped(body.outgoing.flatMap((b) => expandBody(kt, b)), body);
  }
  const members = body.type === kt.and ? body.outgoing : [body];
  let out: BodyClause[][] = [[]];
  for (const m of members) {
    const alternatives = expandClause(kt, m, false);
    if (alternatives.length === 1) {
      // No choice here: every alternative so far (each its own array) takes the clauses.
      for (const prefix of out) prefix.push(...alternatives[0]);
      continue;
    }
    out = capped(out.flatMap((prefix) => alternatives.map((a) => [...prefix, ...a])), body);
  }
  return out;
}

function expandClause(kt: KnownTypes, m: Atom, literal: boolean): BodyClause[][] {
  if (m.type === kt.present) return [m.outgoing.map((atom) => ({ atom, literal: true }))];
  if (m.type === kt.choice && m.arity > 0) return m.outgoing.flatMap((alt) => expandClause(kt, alt, true));
  return [[{ atom: m, literal }]];
}

function capped<T>(alternatives: T[][], body: Atom): T[][] {
  if (alternatives.length > MAX_BRANCHES) {
    throw invalidQuery(`the body has more than ${MAX_BRANCHES} alternatives (OrLink/ChoiceLink combinations): ${body}`);
  }
  return alternatives;
}

function linksOf(root: Atom): Map<number, Atom[]> {
  const byHash = new Map<number, Atom[]>();
  const walk = (a: Atom) => {
    if (a.type.isNode) return;
    const same = byHash.get(a.hash);
    if (same === undefined) byHash.set(a.hash, [a]);
    else if (same.includes(a)) return;
    else same.push(a);
    for (const c of a.outgoing) walk(c);
  };
  walk(root);
  return byHash;
}

/** Compiles the clauses of one alternative of the body. */
class BranchCompiler {
  mayDuplicate = false;
  /** Variables grounded by a searched clause in some alternative. */
  readonly grounded = new Set<number>();
  readonly varIndex: ReadonlyMap<Atom, number>;
  /** The constants of the searched terms, numbered in order of first appearance. */
  readonly constants: Atom[] = [];
  private readonly constIndex = new Map<Atom, number>();
  private readonly varsCache = new Map<Atom, number[]>();

  constructor(
    private readonly kt: KnownTypes,
    private readonly variables: readonly VariableDecl[],
  ) {
    this.varIndex = new Map(variables.map((v) => [v.atom, v.index]));
  }

  compile(clauses: readonly BodyClause[], where: string): Branch {
    const kt = this.kt;
    const literal: Atom[] = [];
    const evals: Atom[] = [];
    const absents: Atom[] = [];
    const alwaysLiteral: Atom[] = [];
    const alwaysEvals: Atom[] = [];
    const seen = new Set<Atom>();
    const seenLiteral = new Set<Atom>();
    for (const { atom: m, literal: isLiteral } of clauses) {
      const done = isLiteral ? seenLiteral : seen;
      if (done.has(m)) continue;
      done.add(m);
      if (isLiteral) {
        // Searched for as written; a member without variables is dropped, as OpenCog drops constants.
        if (this.varsOf(m).length > 0) literal.push(m);
      } else if (m.type === kt.absent) {
        const x = onlyMember(m);
        if (this.varsOf(x).length > 0) absents.push(x);
      } else if (m.type === kt.not && m.arity === 1 && m.outgoing[0].type === kt.present) {
        for (const x of m.outgoing[0].outgoing) if (this.varsOf(x).length > 0) absents.push(x);
      } else if (m.type === kt.always) {
        for (const x of m.outgoing) {
          if (this.isEvaluatable(x)) alwaysEvals.push(x);
          else if (this.varsOf(x).length > 0) alwaysLiteral.push(x);
        }
      } else if (this.isEvaluatable(m)) evals.push(m);
      else if (this.varsOf(m).length > 0) literal.push(m);
    }

    const grounded = new Set(literal.flatMap((c) => this.varsOf(c)));
    for (const e of [...evals, ...alwaysEvals]) this.addDummies(e, literal, grounded);
    for (const e of [...evals, ...alwaysEvals]) {
      const missing = this.varsOf(e).find((v) => !grounded.has(v));
      if (missing !== undefined) {
        throw invalidQuery(
          `${this.variables[missing].atom} appears only in evaluatable clauses${where}, so nothing can ground it: ${e}`,
        );
      }
    }
    const mentioned = new Set([...grounded, ...[...absents, ...alwaysLiteral].flatMap((c) => this.varsOf(c))]);
    for (const v of this.variables) {
      if (!mentioned.has(v.index)) throw invalidQuery(`the variable ${v.atom} does not appear (unquoted) in any clause${where}`);
      if (grounded.has(v.index)) this.grounded.add(v.index);
    }

    let clauseId = 0;
    let anchorId = 0;
    const searchClause = (atom: Atom): SearchClause => {
      const term = this.term(atom, 0);
      if (term.kind === TermKind.Glob) throw invalidQuery(`a GlobNode cannot be a whole clause: ${atom}`);
      const anchors: Anchor[] = [];
      collectAnchors(term, [], anchors, () => anchorId++);
      return { id: clauseId++, atom, term, vars: termVars(term), anchors, scanTypes: this.scanTypes(term) };
    };
    let evalId = 0;
    const evalClause = (atom: Atom): EvalClause => ({
      id: evalId++,
      template: compileTemplate(kt, atom, this.varIndex, this.variables.length),
      vars: this.varsOf(atom),
    });

    const components = connectedComponents([...new Set(literal)].map(searchClause));
    const compEvals: EvalClause[][] = components.map(() => []);
    const constEvals: EvalClause[] = [];
    const crossEvals: EvalClause[] = [];
    for (const e of evals.map(evalClause)) {
      if (e.vars.length === 0) {
        constEvals.push(e);
        continue;
      }
      const i = components.findIndex((c) => e.vars.every((v) => c.vars.includes(v)));
      (i < 0 ? crossEvals : compEvals[i]).push(e);
    }
    const absentClauses = absents.map(searchClause);
    const alwaysClauses = alwaysLiteral.map(searchClause);
    return {
      components: components.map((c, i) => ({ ...c, evals: compEvals[i] })),
      constEvals,
      crossEvals,
      absents: absentClauses,
      alwaysClauses,
      alwaysEvals: alwaysEvals.map(evalClause),
      clauseCount: clauseId,
      evalCount: evalId,
      constAnchorCount: anchorId,
    };
  }

  /**
   * Clauses OpenCog evaluates instead of searching for: comparisons (Equal, Identical,
   * GreaterThan ...), logic over evaluatables (Not, Or, And of evaluatables, True, False),
   * EvaluationLinks over GroundedPredicateNodes and nested SatisfactionLinks.
   */
  private isEvaluatable(a: Atom): boolean {
    const kt = this.kt;
    const t = a.type;
    if (t.isA(kt.virtualLink) || t === kt.trueLink || t === kt.falseLink) return true;
    if (t === kt.not || t === kt.or || t === kt.sequentialAnd || t === kt.sequentialOr) return true;
    if (t === kt.and) return a.outgoing.every((c) => this.isEvaluatable(c) || c.type === kt.present || c.type === kt.absent);
    if (t === kt.evaluation) return a.arity > 0 && a.outgoing[0].type === kt.groundedPredicate;
    return t.isA(kt.satisfaction);
  }

  /**
   * As OpenCog does for VirtualLinks (Equal, GreaterThan ...) whose variables no searched clause
   * grounds: a typed variable argument becomes a clause of its own (it ranges over the atoms of
   * its type), and an ordinary link argument becomes a clause that must be present.
   */
  private addDummies(e: Atom, literal: Atom[], grounded: Set<number>): void {
    if (!e.type.isA(this.kt.virtualLink)) return;
    for (const c of e.outgoing) {
      const vars = this.varsOf(c).filter((v) => !grounded.has(v));
      if (vars.length === 0) continue;
      const i = this.varIndex.get(c);
      if (i !== undefined) {
        const v = this.variables[i];
        if (v.isGlob) continue;
        if (v.type === undefined) {
          throw invalidQuery(
            `${v.atom} appears only in the virtual clause ${e}; declare its type (TypedVariableLink) ` +
              'so that it can range over the atoms of that type',
          );
        }
      } else if (c.type.isNode || this.isEvaluatable(c) || this.kt.isExecutable(c.type)) continue;
      literal.push(c);
      for (const v of vars) grounded.add(v);
    }
  }

  /** Declared variables that occur unquoted in `a`, in increasing order (do not modify). */
  private varsOf(a: Atom): number[] {
    let vars = this.varsCache.get(a);
    if (vars === undefined) {
      vars = this.collectVars(a);
      this.varsCache.set(a, vars);
    }
    return vars;
  }

  private collectVars(a: Atom): number[] {
    const found = new Set<number>();
    const walk = (x: Atom, level: number) => {
      const t = x.type;
      if (t.isNode) {
        const i = level === 0 ? this.varIndex.get(x) : undefined;
        if (i !== undefined) found.add(i);
        return;
      }
      const next = t === this.kt.quote ? level + 1 : t === this.kt.unquote ? Math.max(0, level - 1) : level;
      for (const c of x.outgoing) walk(c, next);
    };
    walk(a, 0);
    return [...found].sort((x, y) => x - y);
  }

  /**
   * The term of a clause. QuoteLink makes its contents literal up to the matching UnquoteLink;
   * LocalQuoteLink makes only its direct child link's type literal.
   */
  private term(a: Atom, level: number): Term {
    const kt = this.kt;
    const t = a.type;
    if (t.isNode) {
      const i = level === 0 && kt.isVariableType(t) ? this.varIndex.get(a) : undefined;
      return i === undefined ? this.constant(a) : Term.variable(this.variables[i]);
    }
    if (t === kt.quote && level === 0) return this.term(onlyMember(a), 1);
    if (t === kt.unquote && level === 1) return this.term(onlyMember(a), 0);
    if (t === kt.localQuote && level === 0) {
      const c = onlyMember(a);
      return c.type.isNode ? this.constant(c) : this.link(c, 0);
    }
    if (t === kt.choice && level === 0) {
      const alternatives = a.outgoing.map((c) => this.term(c, 0));
      if (alternatives.some((x) => x.kind === TermKind.Glob)) {
        throw invalidQuery(`a GlobNode cannot be a ChoiceLink alternative: ${a}`);
      }
      this.mayDuplicate = true;
      return Term.choice(alternatives);
    }
    return this.link(a, t === kt.quote ? level + 1 : t === kt.unquote ? Math.max(0, level - 1) : level);
  }

  private constant(a: Atom): Term {
    let i = this.constIndex.get(a);
    if (i === undefined) {
      i = this.constants.push(a) - 1;
      this.constIndex.set(a, i);
    }
    return Term.constant(a, i);
  }

  private link(a: Atom, childLevel: number): Term {
    const children = a.outgoing.map((c) => this.term(c, childLevel));
    if (children.every((c, i) => c.kind === TermKind.Const && c.atom === a.outgoing[i])) return this.constant(a);
    if (a.type.isUnordered) {
      if (children.filter((c) => c.kind === TermKind.Glob).length > 1) {
        throw invalidQuery(`an unordered link can hold at most one GlobNode: ${a}`);
      }
      if (children.length > 1) this.mayDuplicate = true;
    }
    return Term.link(a.type, children, this.variables);
  }

  private scanTypes(t: Term): readonly AtomType[] | undefined {
    if (t.kind === TermKind.Link) return [t.type!];
    if (t.kind === TermKind.Var) return this.variables[t.varIndex].type?.candidateTypes(this.kt.registry.all());
    if (t.kind === TermKind.Choice) {
      const parts = t.children.map((c) => this.scanTypes(c));
      return parts.some((p) => p === undefined) ? undefined : [...new Set(parts.flatMap((p) => p!))];
    }
    return [t.atom!.type];
  }
}

/** Constants and variables reachable from the root through links (not through choices). */
function collectAnchors(t: Term, down: PathStep[], out: Anchor[], nextId: () => number): void {
  if (t.kind === TermKind.Const) out.push({ id: nextId(), constIndex: t.varIndex, varIndex: -1, path: [...down].reverse() });
  else if (t.kind === TermKind.Var) out.push({ id: -1, constIndex: -1, varIndex: t.varIndex, path: [...down].reverse() });
  else if (t.kind === TermKind.Link) {
    let afterGlob = false;
    t.children.forEach((c, i) => {
      const step: PathStep = {
        type: t.type!,
        arity: t.globCount > 0 ? -1 : t.children.length,
        position: t.unordered || afterGlob ? -1 : i,
      };
      if (c.kind === TermKind.Glob) afterGlob = true;
      collectAnchors(c, [...down, step], out, nextId);
    });
  }
}

function termVars(t: Term): number[] {
  const found = new Set<number>();
  const walk = (x: Term) => {
    if (x.kind === TermKind.Var || x.kind === TermKind.Glob) found.add(x.varIndex);
    for (const c of x.children) walk(c);
  };
  walk(t);
  return [...found].sort((a, b) => a - b);
}

/** Groups clauses that share variables (directly or through other clauses). */
function connectedComponents(clauses: readonly SearchClause[]): { clauses: SearchClause[]; vars: number[] }[] {
  const groups: { clauses: SearchClause[]; vars: Set<number> }[] = [];
  for (const c of clauses) {
    const joined = groups.filter((g) => c.vars.some((v) => g.vars.has(v)));
    const merged = {
      clauses: [...joined.flatMap((g) => g.clauses), c],
      vars: new Set([...joined.flatMap((g) => [...g.vars]), ...c.vars]),
    };
    for (const g of joined) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  return groups.map((g) => ({ clauses: g.clauses, vars: [...g.vars].sort((a, b) => a - b) }));
}
