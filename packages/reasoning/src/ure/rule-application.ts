import {
  AtomSpace,
  AtomSpaceError,
  DEFAULT_TV,
  evaluateAtom,
  findGroundings,
  type Atom,
  type GroundedFunctions,
  type TruthValue,
} from '@ai-opencog/atomspace';
import { mergeTruthValue, type FormulaRegistry } from './formula';
import type { InferenceTrace } from './inference-trace';
import { Rule } from './rule';
import type { RuleBase } from './rule-base';
import type { RunControl } from './run-control';
import { mirror, substitute, type Substitution } from './substitute';
import {
  declarationOf,
  groundingHasFreeVariable,
  isOfType,
  occurringVariables,
  type Variables,
} from './variables';

/** What one application of a rule to one grounding of its premises gave. */
export interface Conclusion {
  readonly atom: Atom;
  readonly tv: TruthValue;
  readonly premises: readonly Atom[];
}

/**
 * Applies rules to a knowledge base: finds the groundings of their premises with the pattern
 * matcher and runs their rewrites. Shared by both chainers and by single rule application.
 *
 * Queries run in a child frame of the knowledge base that holds only that query, so that the
 * query's own clauses are the only patterns it could match besides the knowledge base; clauses that
 * ground to atoms with free variables (the clauses of rules loaded in the same space) are skipped.
 * Rules and the patterns built from them live in a separate `patterns` space.
 */
export class RuleApplier {
  /** Holds rules, their specializations and the and-BITs' patterns, away from the knowledge base. */
  readonly patterns: AtomSpace;
  private readonly grounded: GroundedFunctions;

  constructor(
    readonly kb: AtomSpace,
    readonly formulas: FormulaRegistry,
    readonly control: RunControl,
    readonly trace: InferenceTrace,
  ) {
    this.patterns = new AtomSpace({ types: kb.types, name: 'ure-patterns' });
    this.grounded = formulas.grounded();
  }

  /** The rule base's rules, read into the pattern space. */
  rules(ruleBase: RuleBase): Rule[] {
    return ruleBase.rules.map((d) => Rule.fromBindLink(this.patterns, d.name, d.alias, d.weight, d.bindLink));
  }

  /** Runs `f` with a fresh child frame of the knowledge base, disposed afterwards. */
  inFrame<T>(f: (frame: AtomSpace) => T): T {
    const frame = this.kb.createChild('ure-frame');
    try {
      return f(frame);
    } finally {
      frame.dispose();
    }
  }

  /**
   * Every grounding of the premises that satisfies the preconditions, as substitutions of the
   * given variables. Premises without variables must be in the knowledge base; preconditions whose
   * variables no premise grounds cannot be checked and are left out.
   */
  groundings(frame: AtomSpace, premises: readonly Atom[], preconditions: readonly Atom[], variables: Variables): Substitution[] {
    const vars = occurringVariables(premises, variables);
    const open: Atom[] = [];
    for (const p of premises) {
      if (occurringVariables([p], variables).length > 0) open.push(p);
      else if (this.kb.get(substitute(this.patterns, p, new Map(), true)) === undefined) return [];
    }
    const known = new Set(vars);
    const checks = preconditions.filter((c) => occurringVariables([c], variables).every((v) => known.has(v)));
    if (vars.length === 0) {
      const ok = checks.every((c) => evaluateAtom(frame, mirror(frame, c), this.queryOptions()).strength >= 0.5);
      return ok ? [new Map()] : [];
    }
    const clauses = open.map((p) => (needsLiteralQuote(p) ? frame.addLink('LocalQuoteLink', [mirror(frame, p)]) : mirror(frame, p)));
    const present = frame.addLink('PresentLink', clauses);
    const body = checks.length === 0 ? present : frame.addLink('AndLink', [present, ...checks.map((c) => mirror(frame, c))]);
    const decl = declarationOf(frame, vars.map((v) => [mirror(frame, v), variables.get(v)]));
    const query = frame.addLink('GetLink', [decl, body]);
    const found = findGroundings(frame, query, this.queryOptions());
    const out: Substitution[] = [];
    for (const row of found.groundings) {
      const subst = new Map<Atom, Atom>();
      vars.forEach((v, i) => subst.set(v, row[i]));
      if (!open.some((p) => groundingHasFreeVariable(p, subst))) out.push(subst);
    }
    return out;
  }

  /**
   * Applies the rule's rewrite to one grounding: the formula computes the conclusion's TV, which is
   * merged (per the formula's policy) into the conclusion in `target`. Undefined when the formula
   * concludes nothing. Recorded in the trace.
   */
  applyGrounding(frame: AtomSpace, rule: Rule, subst: Substitution, target: AtomSpace, iteration: number): Conclusion | undefined {
    const premises = rule.premises.map((p) => substitute(frame, p, subst, true));
    let atom: Atom;
    let tv: TruthValue;
    if (rule.formula !== undefined) {
      const formula = this.formulas.get(rule.formula);
      if (formula === undefined) throw new AtomSpaceError('EXECUTION_ERROR', `the formula "${rule.formula}" of ${rule.name} is not registered`);
      const conclusion = substitute(frame, rule.conclusion, subst, true);
      const args = rule.formulaArguments.map((a) => substitute(frame, a, subst, true));
      const computed = formula.compute(conclusion, args, frame);
      if (computed === undefined) return undefined;
      atom = mirror(target, conclusion);
      tv = mergeTruthValue(formula.merge, target.getTruthValue(atom), computed);
      target.setTruthValue(atom, tv);
    } else {
      atom = substitute(target, rule.rewrite, subst, true);
      tv = target.getTruthValue(atom);
    }
    this.trace.add({ iteration, rule: rule.name, premises, conclusion: atom, tv });
    return { atom, tv, premises };
  }

  /** Applies the rule to every grounding of its premises; conclusions go to the knowledge base. */
  applyRule(rule: Rule, iteration: number): Conclusion[] {
    return this.inFrame((frame) => {
      const out: Conclusion[] = [];
      for (const s of this.groundings(frame, rule.premises, rule.preconditions, rule.variables)) {
        const c = this.applyGrounding(frame, rule, s, this.kb, iteration);
        if (c !== undefined) out.push(c);
      }
      return out;
    });
  }

  /**
   * Runs the meta-rules over the knowledge base and returns the rules they produce that are not in
   * `known` (rule keys, updated), with their BindLinks. Produced rules keep the meta-rule's name
   * and weight, as in OpenCog.
   */
  expandMetaRules(metaRules: readonly Rule[], known: Set<string>, iteration: number): { rule: Rule; bindLink: Atom }[] {
    const produced: { rule: Rule; bindLink: Atom }[] = [];
    for (const meta of metaRules) {
      this.inFrame((frame) => {
        for (const s of this.groundings(frame, meta.premises, meta.preconditions, meta.variables)) {
          const bindLink = substitute(this.patterns, meta.rewrite, s, true);
          const rule = Rule.fromBindLink(this.patterns, meta.name, meta.alias, meta.weight, bindLink);
          if (known.has(rule.key)) continue;
          known.add(rule.key);
          produced.push({ rule, bindLink });
          const premises = meta.premises.map((p) => substitute(frame, p, s, true));
          this.trace.add({ iteration, rule: meta.name, premises, conclusion: bindLink, tv: DEFAULT_TV });
        }
      });
    }
    return produced;
  }

  private queryOptions() {
    return { ...this.control.queryLimits(), grounded: this.grounded };
  }
}

/**
 * Links the pattern matcher would evaluate rather than search for (NotLink, OrLink, AndLink of
 * evaluatables ...), even under a PresentLink: wrapped in LocalQuoteLink, they are matched as
 * they are written, as OpenCog matches PresentLink members.
 */
function needsLiteralQuote(a: Atom): boolean {
  const n = a.type.name;
  if (n === 'EvaluationLink') return a.arity > 0 && a.outgoing[0].type.name === 'GroundedPredicateNode';
  return (
    a.type.isLink &&
    (isOfType(a.type, 'BooleanLink') ||
      isOfType(a.type, 'VirtualLink') ||
      isOfType(a.type, 'SatisfactionLink') ||
      ['TrueLink', 'FalseLink', 'PresentLink', 'AbsentLink', 'AlwaysLink', 'ChoiceLink'].includes(n))
  );
}
