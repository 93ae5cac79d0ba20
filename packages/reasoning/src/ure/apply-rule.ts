import { AtomSpaceError, type Atom, type AtomSpace } from '@ai-opencog/atomspace';
import type { ChainerResultItem } from './chainer-options';
import type { FormulaRegistry } from './formula';
import { InferenceTrace } from './inference-trace';
import { Rule } from './rule';
import { RuleApplier } from './rule-application';
import { definitionOf } from './rule-base';
import { RunControl } from './run-control';
import { mirror } from './substitute';

export interface ApplyRuleOptions {
  /** The formulas and predicates the rule calls. */
  formulas: FormulaRegistry;
  timeLimitMs?: number;
  signal?: AbortSignal;
  /** Where the steps are recorded (a new trace by default), e.g. to share one between rules. */
  trace?: InferenceTrace;
}

export interface RuleApplication {
  readonly rule: string;
  /** Its conclusions, in the order found, with their truth values after the application. */
  readonly conclusions: readonly ChainerResultItem[];
  readonly trace: InferenceTrace;
}

/**
 * Applies a rule once to every grounding of its premises in `space` (what `cog-execute!` of its
 * BindLink does), merging each conclusion's TV as its formula says. A meta-rule's conclusions are
 * the rules it produces, added to `space`. The rule is its DefinedSchemaNode, or that node's name.
 */
export function applyRule(space: AtomSpace, rule: Atom | string, options: ApplyRuleOptions): RuleApplication {
  const alias = typeof rule === 'string' ? space.getNode('DefinedSchemaNode', rule) : space.get(rule);
  if (alias === undefined) throw new AtomSpaceError('NOT_IN_SPACE', `no rule named ${typeof rule === 'string' ? rule : rule.name} in the atomspace`);
  const control = new RunControl(options.signal, options.timeLimitMs, undefined);
  control.checkAbort();
  const trace = options.trace ?? new InferenceTrace();
  const applier = new RuleApplier(space, options.formulas, control, trace);
  const r = Rule.fromBindLink(applier.patterns, alias.name, alias, 1, definitionOf(space, alias));
  const atoms = r.isMeta
    ? applier.expandMetaRules([r], new Set(), 0).map((p) => mirror(space, p.bindLink))
    : applier.applyRule(r, 0).map((c) => c.atom);
  return {
    rule: alias.name,
    conclusions: [...new Set(atoms)].map((atom) => ({ atom, tv: space.getTruthValue(atom) })),
    trace,
  };
}
