import type { Atom } from '../atoms/atom';
import { quoteSchemeString } from '../atomese/scheme-string';
import { FALSE_TV, TRUE_TV, type TruthValue } from '../values/truth-value';
import {
  callGrounded,
  executionError,
  findInSpace,
  groundEquals,
  instantiate,
  materialize,
  numberOf,
  procedureArgs,
  type ExecContext,
  type Ground,
} from './instantiate';
import { closedTemplate, TemplateKind, type Binding, type Template } from './template';

/** Crisp reading of a truth value, as OpenCog's pattern matcher does: true when strength >= 0.5. */
export function isTrue(tv: TruthValue): boolean {
  return tv.strength >= 0.5;
}

const truth = (b: boolean): TruthValue => (b ? TRUE_TV : FALSE_TV);

/**
 * Evaluates `tpl` under the bindings to a truth value. Logic (And, Or, Not, True, False),
 * comparisons (Equal after execution, Identical without it, GreaterThan on numbers), Present,
 * Absent, EvaluationLinks over GroundedPredicateNodes and SatisfactionLinks are computed; any other
 * atom has the truth value it has in the space, or FALSE_TV when it is not there.
 */
export function evaluate(ctx: ExecContext, tpl: Template, env: readonly Binding[]): TruthValue {
  switch (tpl.kind) {
    case TemplateKind.Const:
      return storedTruth(ctx, tpl.atom);
    case TemplateKind.Var: {
      const b = env[tpl.varIndex] as Atom | undefined;
      if (b === undefined) throw executionError(`cannot evaluate the ungrounded variable ${tpl.atom}`);
      return evaluate(ctx, closedTemplate(ctx.kt, b), []);
    }
    case TemplateKind.Glob:
      throw executionError(`a GlobNode has no truth value: ${tpl.atom}`);
    case TemplateKind.Link:
      break;
  }
  if (!tpl.active) return storedTruth(ctx, instantiate(ctx, tpl, env, false));
  const kt = ctx.kt;
  const t = tpl.atom.type;
  const ch = tpl.children;
  const value = (c: Template, execute: boolean) => instantiate(ctx, c, env, execute);
  if (t === kt.and || t === kt.sequentialAnd) return truth(ch.every((c) => isTrue(evaluate(ctx, c, env))));
  if (t === kt.or || t === kt.sequentialOr) return truth(ch.some((c) => isTrue(evaluate(ctx, c, env))));
  if (t === kt.not) {
    if (ch.length !== 1) throw executionError(`NotLink takes exactly one atom, got ${tpl.atom}`);
    return truth(!isTrue(evaluate(ctx, ch[0], env)));
  }
  if (t === kt.trueLink || t === kt.falseLink) {
    // Their members are evaluated for their side effects only.
    for (const c of ch) if (c.kind === TemplateKind.Link && c.active) evaluate(ctx, c, env);
    return truth(t === kt.trueLink);
  }
  if (t === kt.present) return truth(ch.every((c) => findInSpace(ctx.space, value(c, false)) !== undefined));
  if (t === kt.absent) return truth(ch.every((c) => findInSpace(ctx.space, value(c, false)) === undefined));
  if (t === kt.equal || t === kt.identical || t === kt.alphaEqual) {
    const xs = ch.map((c) => value(c, t === kt.equal));
    return truth(xs.every((x) => groundEquals(xs[0], x, kt)));
  }
  if (t === kt.greaterThan) {
    if (ch.length !== 2) throw executionError(`GreaterThanLink compares exactly two numbers, got ${tpl.atom}`);
    return truth(numberOf(value(ch[0], true), kt, t) > numberOf(value(ch[1], true), kt, t));
  }
  if (t === kt.evaluation && ch[0]?.kind === TemplateKind.Const && ch[0].atom.type === kt.groundedPredicate) {
    return callPredicate(ctx, ch[0].atom, ch.length > 1 ? value(ch[1], true) : undefined);
  }
  if (t.isA(kt.satisfaction)) {
    const r = ctx.runQuery(materialize(ctx.space, value(tpl, false)));
    return r.kind === 'tv' ? r.tv : FALSE_TV;
  }
  return storedTruth(ctx, value(tpl, true));
}

function storedTruth(ctx: ExecContext, g: Ground): TruthValue {
  const atom = findInSpace(ctx.space, g);
  return atom === undefined ? FALSE_TV : ctx.space.getTruthValue(atom);
}

function callPredicate(ctx: ExecContext, predicate: Atom, args: Ground | undefined): TruthValue {
  const what = `GroundedPredicateNode ${quoteSchemeString(predicate.name)}`;
  const fn = ctx.grounded?.predicates?.get(predicate.name);
  if (fn === undefined) throw executionError(`${what} is not registered (pass it in options.grounded.predicates)`);
  const argAtoms = procedureArgs(ctx, args);
  const tv = callGrounded(ctx, what, () => fn(ctx.space, argAtoms));
  if (tv === null || typeof tv !== 'object' || (tv as TruthValue).kind !== 'tv') {
    throw executionError(`${what} returned ${String(tv)}, not a truth value`);
  }
  return tv;
}
