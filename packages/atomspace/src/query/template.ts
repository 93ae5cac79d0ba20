import type { Atom } from '../atoms/atom';
import type { KnownTypes } from './known-types';
import { declaredVariables, freeVariables, implicitVariables, invalidQuery, scopeBinds, type VariableDecl } from './variables';

/** What a variable is grounded by: an atom, or for a glob the atoms it matched. */
export type Binding = Atom | readonly Atom[] | undefined;

export const enum TemplateKind {
  /** Taken as it is: nothing under it to substitute, execute or unquote. */
  Const,
  Var,
  /** Spliced into the link that holds it. */
  Glob,
  Link,
}

/** Beta reduction of a PutLink (or ExecutionOutputLink over a LambdaLink). */
export interface PutSpec {
  /** The lambda's variables; their bindings go at `base`, `base + 1` ... of the environment. */
  readonly vars: readonly VariableDecl[];
  readonly base: number;
  readonly body: Template;
}

/**
 * An atom prepared for instantiation or evaluation under variable bindings: quotations are
 * consumed, declared variables are numbered, and links outside quotation are marked `active`
 * (they are executed or evaluated according to their type).
 */
export class Template {
  constructor(
    readonly kind: TemplateKind,
    /** Const: the atom; Var, Glob: the variable; Link: the link it was compiled from. */
    readonly atom: Atom,
    readonly varIndex: number,
    /** Link: its members (a PutLink keeps only its argument here; the body is in `put`). */
    readonly children: readonly Template[],
    readonly active: boolean,
    readonly put: PutSpec | undefined,
  ) {}
}

/**
 * Compiles `atom`, whose variables `varIndex` numbers (0 .. slots - 1), into a Template.
 * QuoteLink makes its contents literal up to the matching UnquoteLink; LocalQuoteLink makes only
 * its direct child link literal (its members are still interpreted). A scope link outside
 * quotation (LambdaLink, ImplicationScopeLink, ExistsLink, a nested query ...) shadows the
 * variables it binds, as OpenCog's Instantiator does: inside it they stay as they are. A scope
 * without a variable declaration binds all of its variables.
 */
export function compileTemplate(
  kt: KnownTypes,
  atom: Atom,
  varIndex: ReadonlyMap<Atom, number>,
  slots: number,
): Template {
  const constant = (a: Atom) => new Template(TemplateKind.Const, a, -1, [], false, undefined);

  const link = (a: Atom, childLevel: number, active: boolean, index: ReadonlyMap<Atom, number>, n: number): Template => {
    const children = a.outgoing.map((c) => compile(c, childLevel, index, n));
    const interpreted = active && (kt.isExecutable(a.type) || kt.isLogical(a.type) || a.type === kt.evaluation);
    if (!interpreted && children.every((c, i) => c.kind === TemplateKind.Const && c.atom === a.outgoing[i])) {
      return constant(a);
    }
    return new Template(TemplateKind.Link, a, -1, children, active, undefined);
  };

  const compile = (a: Atom, level: number, index: ReadonlyMap<Atom, number>, n: number): Template => {
    const t = a.type;
    if (t.isNode) {
      const i = level === 0 && kt.isVariableType(t) ? index.get(a) : undefined;
      if (i === undefined) return constant(a);
      return new Template(t === kt.glob ? TemplateKind.Glob : TemplateKind.Var, a, i, [], false, undefined);
    }
    if (t === kt.quote && level === 0) return compile(onlyMember(a), 1, index, n);
    if (t === kt.unquote && level === 1) return compile(onlyMember(a), 0, index, n);
    if (t === kt.localQuote && level === 0) {
      const c = onlyMember(a);
      return c.type.isNode ? constant(c) : link(c, 0, false, index, n);
    }
    if (level === 0 && (t.isA(kt.put) || (t === kt.executionOutput && a.outgoing[0]?.type === kt.lambda))) {
      return putTemplate(a, index, n);
    }
    if (level === 0 && t.isA(kt.scope) && index.size > 0) return link(a, 0, true, shadowed(a, index), n);
    const childLevel = t === kt.quote ? level + 1 : t === kt.unquote ? Math.max(0, level - 1) : level;
    return link(a, childLevel, level === 0, index, n);
  };

  /** The variable numbering inside a scope: without the variables the scope binds. */
  const shadowed = (scope: Atom, index: ReadonlyMap<Atom, number>): ReadonlyMap<Atom, number> => {
    const binds = scopeBinds(kt, scope);
    if (binds === undefined) return NO_VARIABLES;
    if (!binds.some((v) => index.has(v))) return index;
    const inner = new Map(index);
    for (const v of binds) inner.delete(v);
    return inner;
  };

  const putTemplate = (a: Atom, index: ReadonlyMap<Atom, number>, n: number): Template => {
    if (a.arity !== 2) throw invalidQuery(`${a.type.name} takes a body (or LambdaLink) and its arguments, got ${a}`);
    const [head, args] = a.outgoing;
    let body = head;
    let vars: VariableDecl[];
    if (head.type === kt.lambda && head.arity === 2) {
      vars = declaredVariables(kt, head.outgoing[0]);
      body = head.outgoing[1];
    } else {
      if (head.type === kt.lambda) {
        if (head.arity !== 1) throw invalidQuery(`LambdaLink takes [variables] and a body, got ${head}`);
        body = head.outgoing[0];
      }
      vars = implicitVariables(kt, freeVariables(kt, [body]));
    }
    if (vars.some((v) => v.isGlob)) throw invalidQuery(`${a.type.name} cannot bind GlobNodes: ${a}`);
    const inner = new Map(index);
    const numbered = vars.map((v, i) => {
      inner.set(v.atom, n + i);
      return { ...v, index: n + i };
    });
    const spec: PutSpec = { vars: numbered, base: n, body: compile(body, 0, inner, n + vars.length) };
    return new Template(TemplateKind.Link, a, -1, [compile(args, 0, index, n)], true, spec);
  };

  return compile(atom, 0, varIndex, slots);
}

/** The only member of a quotation link. */
export function onlyMember(a: Atom): Atom {
  if (a.arity !== 1) throw invalidQuery(`${a.type.name} takes exactly one atom, got ${a}`);
  return a.outgoing[0];
}

const NO_VARIABLES: ReadonlyMap<Atom, number> = new Map();
const closedTemplates = new WeakMap<Atom, Template>();

/** The template of an atom executed or evaluated on its own (its variables stay free). */
export function closedTemplate(kt: KnownTypes, atom: Atom): Template {
  let t = closedTemplates.get(atom);
  if (t === undefined) {
    t = compileTemplate(kt, atom, NO_VARIABLES, 0);
    closedTemplates.set(atom, t);
  }
  return t;
}
