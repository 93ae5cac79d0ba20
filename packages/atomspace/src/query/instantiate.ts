import type { Atom } from '../atoms/atom';
import type { AtomSpace } from '../atoms/atomspace';
import { AtomSpaceError } from '../errors';
import type { AtomType } from '../types/atom-type';
import { quoteSchemeString } from '../atomese/scheme-string';
import type { KnownTypes } from './known-types';
import type { ExecutionLimits } from './limits';
import type { GroundedFunctions, QueryResult } from './query-options';
import { TemplateKind, type Binding, type PutSpec, type Template } from './template';

/**
 * An atom computed during instantiation or evaluation that is not (yet) in the space. Evaluating
 * `(Equal (Plus 1 2) (Number 3))` compares such atoms without adding `(Number 3)` anywhere;
 * `materialize` adds one to the space when a result is kept.
 */
export class VirtualAtom {
  constructor(
    readonly type: AtomType,
    readonly name: string,
    readonly outgoing: readonly Ground[],
  ) {}
}

export type Ground = Atom | VirtualAtom;

/** What one execution needs besides the template: the space, grounded code and limits. */
export interface ExecContext {
  readonly space: AtomSpace;
  readonly kt: KnownTypes;
  readonly grounded: GroundedFunctions | undefined;
  readonly limits: ExecutionLimits;
  /** Runs a nested query (a PutLink's argument, a SatisfactionLink being evaluated). */
  runQuery(query: Atom): QueryResult;
}

export function executionError(message: string): AtomSpaceError {
  return new AtomSpaceError('EXECUTION_ERROR', message);
}

/**
 * Substitutes the bindings into `tpl`. Glob groundings are spliced into the link that holds the
 * glob; unbound variables stay as they are. With `execute`, active arithmetic links,
 * ExecutionOutputLinks and PutLinks are executed (innermost first).
 */
export function instantiate(ctx: ExecContext, tpl: Template, env: readonly Binding[], execute: boolean): Ground {
  switch (tpl.kind) {
    case TemplateKind.Const:
      return tpl.atom;
    case TemplateKind.Var:
      return (env[tpl.varIndex] as Atom | undefined) ?? tpl.atom;
    case TemplateKind.Glob: {
      const seq = env[tpl.varIndex] as readonly Atom[] | undefined;
      return seq === undefined ? tpl.atom : new VirtualAtom(ctx.kt.list, '', seq);
    }
    case TemplateKind.Link:
      break;
  }
  if (tpl.put !== undefined) return execute ? reduce(ctx, tpl, tpl.put, env) : tpl.atom;
  const src = tpl.atom;
  const out: Ground[] = [];
  for (const c of tpl.children) {
    if (c.kind === TemplateKind.Glob && env[c.varIndex] !== undefined) out.push(...(env[c.varIndex] as readonly Atom[]));
    else out.push(instantiate(ctx, c, env, execute));
  }
  if (execute && tpl.active) {
    const t = src.type;
    if (ctx.kt.isArithmetic(t)) return arithmetic(ctx.kt, t, out);
    if (t === ctx.kt.executionOutput) return callSchema(ctx, src, out);
  }
  const same = out.length === src.outgoing.length && out.every((g, i) => g === src.outgoing[i]);
  return same ? src : new VirtualAtom(src.type, '', out);
}

/** The numeric value of a NumberNode; anything else is an EXECUTION_ERROR naming `what` needed it. */
export function numberOf(g: Ground, kt: KnownTypes, what: AtomType): number {
  if (g.type !== kt.number) throw executionError(`${what.name} expects numbers, got ${groundToString(g)}`);
  return Number(g.name);
}

function arithmetic(kt: KnownTypes, t: AtomType, args: readonly Ground[]): Ground {
  const xs = args.map((a) => numberOf(a, kt, t));
  let x: number;
  if (t.isA(kt.minus)) x = xs.length === 1 ? -xs[0] : xs.slice(1).reduce((a, b) => a - b, xs[0] ?? 0);
  else if (t.isA(kt.plus)) x = xs.reduce((a, b) => a + b, 0);
  else if (t.isA(kt.divide)) {
    const divisors = xs.length === 1 ? xs : xs.slice(1);
    if (divisors.includes(0)) throw executionError(`${t.name} divides by zero: ${args.map(groundToString).join(' ')}`);
    x = xs.length === 1 ? 1 / xs[0] : divisors.reduce((a, b) => a / b, xs[0] ?? 1);
  } else x = xs.reduce((a, b) => a * b, 1);
  return new VirtualAtom(kt.number, String(x), []);
}

/** Arguments of a grounded procedure: the members of a ListLink, or the single atom. */
export function procedureArgs(ctx: ExecContext, args: Ground | undefined): Atom[] {
  if (args === undefined) return [];
  if (args.type === ctx.kt.list) return args.outgoing.map((a) => materialize(ctx.space, a));
  return [materialize(ctx.space, args)];
}

/** Runs user code, turning its failures into EXECUTION_ERRORs that name the procedure. */
export function callGrounded<T>(ctx: ExecContext, what: string, f: () => T): T {
  let result: T;
  try {
    result = f();
  } catch (e) {
    if (e instanceof AtomSpaceError) throw e;
    throw executionError(`${what} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  ctx.limits.check();
  return result;
}

function callSchema(ctx: ExecContext, src: Atom, out: readonly Ground[]): Atom {
  const [schema, args] = out;
  if (out.length > 2 || schema === undefined || schema.type !== ctx.kt.groundedSchema) {
    throw executionError(`ExecutionOutputLink needs a GroundedSchemaNode (or LambdaLink) and its arguments, got ${src}`);
  }
  const what = `GroundedSchemaNode ${quoteSchemeString(schema.name)}`;
  const fn = ctx.grounded?.schemas?.get(schema.name);
  if (fn === undefined) throw executionError(`${what} is not registered (pass it in options.grounded.schemas)`);
  const argAtoms = procedureArgs(ctx, args);
  const result = callGrounded(ctx, what, () => fn(ctx.space, argAtoms));
  if (result === null || typeof result !== 'object' || (result as Atom).isAtom !== true) {
    throw executionError(`${what} returned ${String(result)}, not an atom`);
  }
  return ctx.space.isVisible(result) ? result : ctx.space.add(result);
}

/** Beta reduction: the body with the lambda's variables bound to the arguments, then executed. */
function reduce(ctx: ExecContext, tpl: Template, spec: PutSpec, env: readonly Binding[]): Ground {
  const args = putArguments(ctx, tpl.children[0], env);
  if (args.type !== ctx.kt.set) return substitute(ctx, tpl.atom, spec, env, args, false)!;
  // A set of arguments maps the body over it; arguments of the wrong type are skipped.
  const results: Ground[] = [];
  for (const a of args.outgoing) {
    const r = substitute(ctx, tpl.atom, spec, env, a, true);
    if (r !== undefined) results.push(r);
  }
  return new VirtualAtom(ctx.kt.set, '', results);
}

/** A PutLink's arguments; a query there is run and stands for its results. */
function putArguments(ctx: ExecContext, tpl: Template, env: readonly Binding[]): Ground {
  if (tpl.kind !== TemplateKind.Link || !tpl.active || !tpl.atom.type.isA(ctx.kt.patternLink)) {
    return instantiate(ctx, tpl, env, true);
  }
  const r = ctx.runQuery(materialize(ctx.space, instantiate(ctx, tpl, env, false)));
  if (r.kind === 'set') return r.atom;
  if (r.kind === 'value') {
    return new VirtualAtom(ctx.kt.set, '', r.value.items.filter((x): x is Atom => (x as Atom).isAtom === true));
  }
  throw executionError(`the arguments of a PutLink must be atoms, but ${tpl.atom} gives a truth value`);
}

function substitute(
  ctx: ExecContext,
  put: Atom,
  spec: PutSpec,
  env: readonly Binding[],
  arg: Ground,
  skipMistyped: boolean,
): Ground | undefined {
  const n = spec.vars.length;
  let values: readonly Ground[];
  if (n === 1) values = [arg];
  else if (arg.type === ctx.kt.list && arg.outgoing.length === n) values = arg.outgoing;
  else if (n === 0) values = [];
  else throw executionError(`${put.type.name} needs a ListLink of ${n} arguments, got ${groundToString(arg)} in ${put}`);
  const inner: Binding[] = env.slice(0, spec.base);
  inner.length = spec.base;
  for (let i = 0; i < n; i++) {
    const v = materialize(ctx.space, values[i]);
    const type = spec.vars[i].type;
    if (type !== undefined && !type.accepts(v)) {
      if (skipMistyped) return undefined;
      throw executionError(`${v} does not have the type declared for ${spec.vars[i].atom} in ${put}`);
    }
    inner.push(v);
  }
  return instantiate(ctx, spec.body, inner, true);
}

/** The atom of the space for `g`, adding it (and its members) when it is not there yet. */
export function materialize(space: AtomSpace, g: Ground): Atom {
  if (!(g instanceof VirtualAtom)) return space.isVisible(g) ? g : space.add(g);
  if (g.type.isNode) return space.addNode(g.type, g.name);
  return space.addLink(
    g.type,
    g.outgoing.map((c) => materialize(space, c)),
  );
}

/** The atom of the space equal to `g`, or undefined when there is none (nothing is added). */
export function findInSpace(space: AtomSpace, g: Ground): Atom | undefined {
  if (!(g instanceof VirtualAtom)) return space.isVisible(g) ? g : space.get(g);
  if (g.type.isNode) return space.getNode(g.type, g.name);
  const out: Atom[] = [];
  for (const c of g.outgoing) {
    const a = findInSpace(space, c);
    if (a === undefined) return undefined;
    out.push(a);
  }
  return space.getLink(g.type, out);
}

/** Structural equality; NumberNodes compare by value, unordered links as multisets. */
export function groundEquals(a: Ground, b: Ground, kt: KnownTypes): boolean {
  if (a === b) return true;
  if (a.type !== b.type) return false;
  // Atoms of one space are unique; equal atoms of two spaces (a query held elsewhere) have the same hash.
  if (!(a instanceof VirtualAtom) && !(b instanceof VirtualAtom) && a.hash !== b.hash) return false;
  if (a.type.isNode) return a.type === kt.number ? Number(a.name) === Number(b.name) : a.name === b.name;
  const x = a.outgoing;
  const y = b.outgoing;
  if (x.length !== y.length) return false;
  if (!a.type.isUnordered) return x.every((g, i) => groundEquals(g, y[i], kt));
  const used = new Uint8Array(y.length);
  return x.every((g) => {
    const i = y.findIndex((h, j) => used[j] === 0 && groundEquals(g, h, kt));
    if (i < 0) return false;
    used[i] = 1;
    return true;
  });
}

export function groundToString(g: Ground): string {
  if (!(g instanceof VirtualAtom)) return g.toString();
  if (g.type.isNode) return `(${g.type.name} ${quoteSchemeString(g.name)})`;
  return `(${g.type.name} ${g.outgoing.map(groundToString).join(' ')})`;
}
