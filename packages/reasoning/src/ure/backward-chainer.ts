import { SeededRandom, type Atom, type AtomSpace } from '@ai-opencog/atomspace';
import { AndBit, type BitNode } from './and-bit';
import { effectiveConfig, type ChainerOptions, type ChainerResult } from './chainer-options';
import { InferenceTrace } from './inference-trace';
import type { Rule } from './rule';
import { RuleApplier } from './rule-application';
import type { RuleBase, UreConfig } from './rule-base';
import { isTimeout, RunControl, type StopReason } from './run-control';
import { mirror, type Substitution } from './substitute';
import { unify, type Unifier } from './unify';
import { freeVariables, hasFreeVariable, occurringVariables, readVariables, type Variables } from './variables';

export interface BackwardChainerOptions extends ChainerOptions {
  /** Declaration of the target's variables; without it, its free variables, untyped. */
  vardecl?: Atom;
}

export interface BackwardChainerResult extends ChainerResult {
  /** And-BITs in the Back-Inference Tree at the end. */
  readonly bitSize: number;
}

/** A rule that may expand a leaf: renamed apart and specialized by the unifier of its conclusion with the leaf. */
interface Expansion {
  readonly rule: Rule;
  readonly unifier: Unifier;
  readonly key: string;
}

/**
 * OpenCog's backward chainer. It grows a Back-Inference Tree: a population of and-BITs (inference
 * trees concluding the target). The first iteration makes the and-BIT holding the target alone;
 * each later one
 *  1. runs the meta-rules, adding the rules they produce (every and-BIT may then be retried);
 *  2. selects an and-BIT at random, weighted by fitness × exp(−λ × complexity) (uniform fitness,
 *     exhausted and-BITs weigh 0);
 *  3. selects one of its leaves, weighted by 1 − confidence (what is already known confidently
 *     needs no proof);
 *  4. selects a rule whose conclusion unifies with the leaf (by weight, shared among its
 *     specializations) not yet tried on it, and expands the leaf into that rule's premises,
 *     making a new and-BIT (unless it has a cycle or exists already);
 *  5. fulfils the new and-BIT: grounds all its leaves at once in the knowledge base and applies
 *     its rules bottom-up; each grounding of the target is a result;
 *  6. beyond the maximum BIT size, drops the and-BITs least likely to be expanded.
 * It stops after the maximum number of iterations or when every and-BIT is exhausted. Results
 * are the target's groundings with their truth values (intermediate conclusions stay in a frame
 * and are not added to the knowledge base, as in OpenCog).
 */
export function backwardChain(
  space: AtomSpace,
  ruleBase: RuleBase,
  target: Atom,
  options: BackwardChainerOptions = {},
): BackwardChainerResult {
  const config = effectiveConfig(ruleBase, options);
  const control = new RunControl(options.signal, options.timeLimitMs, options.onProgress);
  control.checkAbort();
  const trace = new InferenceTrace();
  const chainer = new BackwardChainer(space, ruleBase, config, control, trace, options.seed ?? 0);
  const pattern = mirror(chainer.patterns, target);
  const declared = options.vardecl ? readVariables(chainer.patterns, mirror(chainer.patterns, options.vardecl)) : new Map(freeVariables([pattern]).map((v) => [v, undefined]));
  return chainer.run(pattern, declared);
}

class BackwardChainer {
  private readonly applier: RuleApplier;
  private readonly metaRules: Rule[];
  private readonly rules: Rule[];
  private readonly knownRules: Set<string>;
  private readonly random: SeededRandom;
  private readonly andbits: AndBit[] = [];
  private readonly andbitKeys = new Set<string>();
  private readonly results = new Set<Atom>();
  private renaming = 0;

  constructor(
    private readonly kb: AtomSpace,
    ruleBase: RuleBase,
    private readonly config: UreConfig,
    private readonly control: RunControl,
    private readonly trace: InferenceTrace,
    seed: number,
  ) {
    this.applier = new RuleApplier(kb, ruleBase.formulas, control, trace);
    const all = this.applier.rules(ruleBase);
    this.metaRules = all.filter((r) => r.isMeta);
    this.rules = all.filter((r) => !r.isMeta);
    this.knownRules = new Set(this.rules.map((r) => r.key));
    this.random = new SeededRandom(seed);
  }

  get patterns(): AtomSpace {
    return this.applier.patterns;
  }

  run(target: Atom, variables: Variables): BackwardChainerResult {
    let iteration = 0;
    let stopReason: StopReason;
    const max = this.config.maximumIterations;
    for (;;) {
      this.control.checkAbort();
      if (max >= 0 && iteration >= max) {
        stopReason = 'max-iterations';
        break;
      }
      if (this.control.timedOut) {
        stopReason = 'time-limit';
        break;
      }
      const current = iteration + 1;
      this.control.progress(current, max);
      try {
        const produced = this.applier.expandMetaRules(this.metaRules, this.knownRules, current);
        if (produced.length > 0) {
          this.rules.push(...produced.map((p) => p.rule));
          for (const a of this.andbits) a.resetExhausted();
        }
        let expanded: AndBit | undefined;
        if (this.andbits.length === 0) {
          expanded = AndBit.initial(target, variables, this.leafComplexity(target, variables));
          this.add(expanded);
        } else {
          const i = this.random.weighted(this.andbits.map((a) => this.weight(a)));
          if (i < 0) {
            stopReason = 'exhausted';
            break;
          }
          expanded = this.expand(this.andbits[i]);
        }
        iteration = current;
        if (expanded !== undefined) this.fulfil(expanded, current);
        this.reduce(iteration);
      } catch (e) {
        if (!isTimeout(e)) throw e;
        stopReason = 'time-limit';
        break;
      }
    }
    return {
      results: [...this.results].map((atom) => ({ atom, tv: this.kb.getTruthValue(atom) })),
      trace: this.trace,
      iterations: iteration,
      stopReason,
      complete: stopReason !== 'time-limit',
      bitSize: this.andbits.length,
    };
  }

  private add(andbit: AndBit): void {
    this.andbits.push(andbit);
    this.andbitKeys.add(andbit.key);
  }

  private weight(andbit: AndBit): number {
    if (andbit.exhausted || andbit.complexity === Infinity) return 0;
    return Math.exp(-this.config.complexityPenalty * andbit.complexity);
  }

  /** −ln(1 − confidence): leaves already known with confidence are costly (and unlikely) to expand. */
  private leafComplexity(leaf: Atom, variables: Variables): number {
    return -Math.log(1 - this.confidenceOf(leaf, variables));
  }

  private confidenceOf(leaf: Atom, variables: Variables): number {
    if (occurringVariables([leaf], variables).length > 0) return 0;
    const known = this.kb.get(this.applier.instantiate(this.patterns, leaf, new Map()));
    return known === undefined ? 0 : this.kb.getTruthValue(known).confidence;
  }

  /** Expands a leaf of the and-BIT with a rule; the new and-BIT, if any. */
  private expand(andbit: AndBit): AndBit | undefined {
    const leaves = andbit.leaves().filter((l) => !andbit.isLeafExhausted(l));
    const l = this.random.weighted(leaves.map((leaf) => 1 - this.confidenceOf(leaf, andbit.variables)));
    if (l < 0) {
      andbit.exhausted = true;
      return undefined;
    }
    const leaf = leaves[l];
    const expansions = this.expansions(andbit, leaf);
    if (expansions.length === 0) {
      andbit.setLeafExhausted(leaf);
      return undefined;
    }
    // Each rule weighs its weight, shared among its specializations (OpenCog's ControlPolicy).
    const perRule = new Map<string, number>();
    for (const e of expansions) perRule.set(e.rule.name, (perRule.get(e.rule.name) ?? 0) + 1);
    const chosen = expansions[this.random.weighted(expansions.map((e) => e.rule.weight / perRule.get(e.rule.name)!))];
    if (chosen === undefined) {
      andbit.setLeafExhausted(leaf);
      return undefined;
    }
    andbit.triedOn(leaf).add(chosen.key);
    if (chosen.rule.hasCycle) return undefined;
    const probability = Math.min(1, chosen.rule.weight);
    const complexity = andbit.complexity + this.leafComplexity(leaf, andbit.variables) + 1 - Math.log(probability);
    const next = andbit.expand(this.patterns, leaf, chosen.rule, chosen.unifier, complexity);
    if (next === undefined || this.andbitKeys.has(next.key)) return undefined;
    this.add(next);
    return next;
  }

  /** Rules whose conclusion unifies with the leaf, specialized, not yet tried on it. */
  private expansions(andbit: AndBit, leaf: Atom): Expansion[] {
    const tried = andbit.triedOn(leaf);
    const out: Expansion[] = [];
    const seen = new Set<string>();
    for (const base of this.rules) {
      const rule = base.renamed(this.patterns, `${++this.renaming}`);
      const vars = new Map([...andbit.variables, ...rule.variables]);
      for (const unifier of unify(this.patterns, leaf, rule.conclusion, vars)) {
        const specialized = rule.specialize(this.patterns, unifier);
        const key = specialized.key;
        if (tried.has(key) || seen.has(key)) continue;
        seen.add(key);
        out.push({ rule: specialized, unifier, key });
      }
    }
    return out;
  }

  /**
   * Grounds the and-BIT's leaves together in the knowledge base and, for each grounding, applies
   * its rules from the leaves up (in a frame, where intermediate conclusions stay); the target's
   * grounding goes to the knowledge base with the truth value computed.
   */
  private fulfil(andbit: AndBit, iteration: number): void {
    const substitutions = this.applier.groundings(andbit.leaves(), andbit.preconditions, andbit.variables);
    if (substitutions.length === 0) return;
    this.applier.inFrame((frame) => {
      const evaluate = (n: BitNode, subst: Substitution): Atom | undefined => {
        if (n.kind === 'leaf') return this.applier.instantiate(frame, n.atom, subst);
        for (const p of n.premises) if (evaluate(p, subst) === undefined) return undefined;
        return this.applier.applyGrounding(frame, n.rule, subst, frame, iteration)?.atom;
      };
      for (const subst of substitutions) {
        const result = evaluate(andbit.root, subst);
        if (result === undefined || hasFreeVariable(result)) continue;
        // Found as it is, an atom without confidence is no evidence for the target.
        if (andbit.root.kind === 'leaf' && frame.getTruthValue(result).confidence === 0) continue;
        // The conclusion's TV was merged in the frame: it goes to the knowledge base.
        const atom = mirror(this.kb, result);
        const tv = frame.getTruthValue(result);
        if (!tv.equals(this.kb.getTruthValue(atom))) this.kb.setTruthValue(atom, tv);
        this.results.add(atom);
      }
    });
  }

  /** Drops and-BITs, the least likely to be expanded in the remaining iterations first, down to the maximum size. */
  private reduce(iteration: number): void {
    const max = this.config.maximumBitSize;
    if (!(max > 0)) return;
    while (this.andbits.length > max) {
      const weights = this.andbits.map((a) => this.weight(a));
      const total = weights.reduce((s, w) => s + w, 0);
      const remaining = Math.max(1, this.config.maximumIterations - iteration);
      const neverExpanded = weights.map((w) => Math.pow(1 - (total > 0 ? w / total : 0), remaining));
      let i = this.random.weighted(neverExpanded);
      if (i < 0) i = this.andbits.length - 1;
      const [removed] = this.andbits.splice(i, 1);
      this.andbitKeys.delete(removed.key);
    }
  }
}
