import {
  AtomSpace,
  AtomSpaceError,
  DEFAULT_TV,
  evaluateAtom,
  findGroundings,
  instantiateAtom,
  type Atom,
  type GroundedFunctions,
  type QueryOptions,
  type TruthValue,
} from '@ai-opencog/atomspace';
import { mergeTruthValue, type FormulaRegistry } from './formula';
import type { InferenceTrace } from './inference-trace';
import { Rule } from './rule';
import type { RuleBase } from './rule-base';
import type { RunControl } from './run-control';
import { mirror, type Substitution } from './substitute';
import { declarationOf, groundingHasFreeVariable, occurringVariables, type Variables } from './variables';

const NO_SUBSTITUTION: Substitution = new Map();

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
 * Rules, the patterns built from them and the queries that ground them live in a separate
 * `patterns` space (OpenCog's rule atomspace); queries run against the knowledge base without
 * being added to it. Clauses that ground to atoms with free variables (the clauses of rules loaded
 * in the knowledge base) are skipped.
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

  /**
   * Runs `f` with a fresh child frame of the knowledge base, disposed afterwards: where
   * conclusions are worked out before they are kept (or dropped when the formula concludes nothing).
   */
  inFrame<T>(f: (frame: AtomSpace) => T): T {
    const frame = this.kb.createChild('ure-frame');
    try {
      return f(frame);
    } finally {
      frame.dispose();
    }
  }

  /**
   * Every grounding of the premises in the knowledge base that satisfies the preconditions, as
   * substitutions of the given variables (`premises`, `preconditions` and `variables` are atoms of
   * the pattern space). Premises without variables must be in the knowledge base (the pattern
   * matcher, as OpenCog's, would drop such constant clauses); preconditions whose variables no
   * premise grounds cannot be checked and are left out.
   */
  groundings(premises: readonly Atom[], preconditions: readonly Atom[], variables: Variables): Substitution[] {
    const vars = occurringVariables(premises, variables);
    const open: Atom[] = [];
    for (const p of premises) {
      if (occurringVariables([p], variables).length > 0) open.push(p);
      else if (this.kb.get(this.instantiate(this.patterns, p, NO_SUBSTITUTION)) === undefined) return [];
    }
    const known = new Set(vars);
    const checks = preconditions.filter((c) => occurringVariables([c], variables).every((v) => known.has(v)));
    const options = this.queryOptions();
    if (vars.length === 0) {
      const ok = checks.every((c) => evaluateAtom(this.kb, c, options).strength >= 0.5);
      return ok ? [new Map()] : [];
    }
    // The query is built in the pattern space (the same premises give the same query, compiled
    // once) and runs against the knowledge base; PresentLink makes the pattern matcher search for
    // each premise as it is written, whatever its type.
    const patterns = this.patterns;
    const present = patterns.addLink('PresentLink', open);
    const body = checks.length === 0 ? present : patterns.addLink('AndLink', [present, ...checks]);
    const decl = declarationOf(patterns, vars.map((v) => [v, variables.get(v)]));
    const query = patterns.addLink('GetLink', [decl, body]);
    const found = findGroundings(this.kb, query, options);
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
   * concludes nothing. A rewrite without formula is instantiated into `target` as the pattern
   * matcher instantiates a BindLink's (executing what it holds). Recorded in the trace.
   */
  applyGrounding(frame: AtomSpace, rule: Rule, subst: Substitution, target: AtomSpace, iteration: number): Conclusion | undefined {
    const premises = rule.premises.map((p) => this.instantiate(frame, p, subst));
    let atom: Atom;
    let tv: TruthValue;
    if (rule.formula !== undefined) {
      const formula = this.formulas.get(rule.formula);
      if (formula === undefined) throw new AtomSpaceError('EXECUTION_ERROR', `the formula "${rule.formula}" of ${rule.name} is not registered`);
      const conclusion = this.instantiate(frame, rule.conclusion, subst);
      const args = rule.formulaArguments.map((a) => this.instantiate(frame, a, subst));
      const computed = formula.compute(conclusion, args, frame);
      if (computed === undefined) return undefined;
      atom = mirror(target, conclusion);
      tv = mergeTruthValue(formula.merge, target.getTruthValue(atom), computed);
      target.setTruthValue(atom, tv);
    } else {
      atom = instantiateAtom(target, rule.rewrite, subst, this.queryOptions());
      tv = target.getTruthValue(atom);
    }
    this.trace.add({ iteration, rule: rule.name, premises, conclusion: atom, tv });
    return { atom, tv, premises };
  }

  /** Applies the rule to every grounding of its premises; conclusions go to the knowledge base. */
  applyRule(rule: Rule, iteration: number): Conclusion[] {
    const substitutions = this.groundings(rule.premises, rule.preconditions, rule.variables);
    if (substitutions.length === 0) return [];
    return this.inFrame((frame) => {
      const out: Conclusion[] = [];
      for (const s of substitutions) {
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
      for (const s of this.groundings(meta.premises, meta.preconditions, meta.variables)) {
        // The produced rule is the meta-rule's (quoted) rewrite instantiated: a pattern, nothing executed.
        const bindLink = this.instantiate(this.patterns, meta.rewrite, s);
        const rule = Rule.fromBindLink(this.patterns, meta.name, meta.alias, meta.weight, bindLink);
        if (known.has(rule.key)) continue;
        known.add(rule.key);
        produced.push({ rule, bindLink });
        // The premises' groundings are atoms of the knowledge base: nothing is added to it.
        const premises = meta.premises.map((p) => this.instantiate(this.kb, p, s));
        this.trace.add({ iteration, rule: meta.name, premises, conclusion: bindLink, tv: DEFAULT_TV });
      }
    }
    return produced;
  }

  /**
   * `atom` (of the pattern space) with the substitution applied, quotations consumed and the
   * variables of inner scopes left alone, as an atom of `space`: the pattern matcher's
   * instantiation, without executing anything (formulas are run by the rule engine).
   */
  instantiate(space: AtomSpace, atom: Atom, subst: Substitution): Atom {
    return instantiateAtom(space, atom, subst, { execute: false });
  }

  /** The limits and grounded functions of the run, for queries held in the pattern space. */
  private queryOptions(): QueryOptions {
    return { ...this.control.queryLimits(), grounded: this.grounded, addQuery: false };
  }
}
