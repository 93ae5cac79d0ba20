import { AtomSpaceError, type Atom, type AtomSpace, SeededRandom } from '@ai-opencog/atomspace';
import { effectiveConfig, type ChainerOptions, type ChainerResult } from './chainer-options';
import { InferenceTrace } from './inference-trace';
import { WeightedPool } from './weighted-pool';
import type { Rule } from './rule';
import { RuleApplier } from './rule-application';
import type { RuleBase } from './rule-base';
import { isTimeout, RunControl, type StopReason } from './run-control';
import { mirror } from './substitute';
import { unify } from './unify';
import { readVariables, type Variables } from './variables';

export interface ForwardChainerOptions extends ChainerOptions {
  /** Declaration of the source's variables, when it has some. */
  vardecl?: Atom;
}

/** A source of the forward chainer: an atom rules are applied to, as OpenCog's Source. */
class Source {
  /** Keys of the specialized rules already applied to it. */
  readonly tried = new Set<string>();

  constructor(
    /** The atom of the knowledge base. */
    readonly atom: Atom,
    /** Its copy in the pattern space, where it is unified with rule premises. */
    readonly pattern: Atom,
    /** −Σ log2(probability of the rules that led to it). */
    readonly complexity: number,
    /** exp(−complexity penalty × complexity): its selection weight. */
    readonly weight: number,
  ) {}
}

/**
 * OpenCog's forward chainer. From the source (an atom, a SetLink of sources, or an array), each
 * iteration:
 *  1. runs the meta-rules, adding the rules they produce;
 *  2. selects a source at random, weighted by exp(−λ × complexity) (exhausted sources weigh 0);
 *  3. finds the rules with a premise that unifies with it, specialized by the unification, that
 *     were not yet applied to it; if none, the source is exhausted and another is selected;
 *  4. selects one rule at random, weighted by the rules' weights (then one of its
 *     specializations), and applies it: its other premises are grounded in the knowledge base by
 *     the pattern matcher and its formula concludes;
 *  5. adds the conclusions as new sources, of complexity parent − log2(rule weight).
 * It stops after the maximum number of iterations, or when every source is exhausted (with
 * `retryExhaustedSources`, sources are then reset and tried again). The results are every atom
 * concluded, with its truth value in the knowledge base.
 */
export function forwardChain(
  space: AtomSpace,
  ruleBase: RuleBase,
  source: Atom | readonly Atom[],
  options: ForwardChainerOptions = {},
): ChainerResult {
  const config = effectiveConfig(ruleBase, options);
  const control = new RunControl(options.signal, options.timeLimitMs, options.onProgress);
  control.checkAbort();
  const trace = new InferenceTrace();
  const applier = new RuleApplier(space, ruleBase.formulas, control, trace);
  const all = applier.rules(ruleBase);
  const metaRules = all.filter((r) => r.isMeta);
  const rules = all.filter((r) => !r.isMeta);
  const known = new Set(rules.map((r) => r.key));
  const random = new SeededRandom(options.seed ?? 0);
  const patterns = applier.patterns;
  const sourceVars: Variables = readVariables(patterns, options.vardecl && mirror(patterns, options.vardecl));
  let renaming = 0;

  const sources: Source[] = [];
  /** Selection weights of the sources, by index; an exhausted source weighs 0. */
  const pool = new WeightedPool();
  const byAtom = new Map<Atom, Source>();
  const addSource = (atom: Atom, complexity: number): void => {
    if (byAtom.has(atom)) return;
    const s = new Source(atom, mirror(patterns, atom), complexity, Math.exp(-config.complexityPenalty * complexity));
    sources.push(s);
    pool.push(s.weight);
    byAtom.set(atom, s);
  };
  const initial = isAtomArray(source) ? source : source.type.name === 'SetLink' ? source.outgoing : [source];
  if (initial.length === 0) throw new AtomSpaceError('INVALID_QUERY', 'the forward chainer needs at least one source');
  for (const a of initial) addSource(mirror(space, a), 0);

  /** Specializations of the rules by unifying one of their premises with the source, not yet applied to it. */
  const validRules = (src: Source): Rule[] => {
    const out: Rule[] = [];
    const seen = new Set<string>();
    for (const rule of rules) {
      const r = sourceVars.size > 0 ? rule.renamed(patterns, `fc${++renaming}`) : rule;
      const vars = new Map([...r.variables, ...sourceVars]);
      for (const premise of r.premises) {
        for (const u of unify(patterns, premise, src.pattern, vars)) {
          const specialized = r.specialize(patterns, u);
          const key = specialized.key;
          if (seen.has(key) || src.tried.has(key)) continue;
          seen.add(key);
          out.push(specialized);
        }
      }
    }
    return out;
  };

  const selectSourceRule = (): { source: Source; rule: Rule } | undefined => {
    let retried = false;
    for (;;) {
      const i = pool.sample(random);
      if (i < 0) {
        if (!config.retryExhaustedSources || retried) return undefined;
        retried = true;
        sources.forEach((s, j) => {
          s.tried.clear();
          pool.set(j, s.weight);
        });
        continue;
      }
      const src = sources[i];
      const valid = validRules(src);
      // A rule is chosen by weight among the rules that apply, then one of its specializations.
      const names = [...new Set(valid.map((r) => r.name))];
      const weightOf = new Map(valid.map((r) => [r.name, r.weight]));
      const n = random.weighted(names.map((name) => weightOf.get(name)!));
      if (n < 0) {
        pool.set(i, 0);
        continue;
      }
      const candidates = valid.filter((r) => r.name === names[n]);
      return { source: src, rule: candidates[Math.floor(random.next() * candidates.length)] };
    }
  };

  const products = new Set<Atom>();
  let iteration = 0;
  let stopReason: StopReason;
  for (;;) {
    control.checkAbort();
    if (config.maximumIterations >= 0 && iteration >= config.maximumIterations) {
      stopReason = 'max-iterations';
      break;
    }
    if (control.timedOut) {
      stopReason = 'time-limit';
      break;
    }
    const current = iteration + 1;
    control.progress(current, config.maximumIterations);
    try {
      rules.push(...applier.expandMetaRules(metaRules, known, current).map((p) => p.rule));
      const pick = selectSourceRule();
      if (pick === undefined) {
        stopReason = 'exhausted';
        break;
      }
      iteration = current;
      pick.source.tried.add(pick.rule.key);
      const probability = Math.min(1, pick.rule.weight);
      for (const c of applier.applyRule(pick.rule, current)) {
        products.add(c.atom);
        addSource(c.atom, pick.source.complexity - Math.log2(probability));
      }
    } catch (e) {
      if (!isTimeout(e)) throw e;
      stopReason = 'time-limit';
      break;
    }
  }
  return {
    results: [...products].map((atom) => ({ atom, tv: space.getTruthValue(atom) })),
    trace,
    iterations: iteration,
    stopReason,
    complete: stopReason !== 'time-limit',
  };
}

function isAtomArray(x: Atom | readonly Atom[]): x is readonly Atom[] {
  return Array.isArray(x);
}
