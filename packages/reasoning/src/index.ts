// The Unified Rule Engine: rule bases as atoms, forward and backward chaining.
export { Rule } from './ure/rule';
export { RuleBase, URE_PARAMETERS, DEFAULT_URE_CONFIG, type UreConfig, type RuleDefinition } from './ure/rule-base';
export { FormulaRegistry, mergeTruthValue, truthPredicate, type Formula, type MergePolicy } from './ure/formula';
export { forwardChain, type ForwardChainerOptions } from './ure/forward-chainer';
export { backwardChain, type BackwardChainerOptions, type BackwardChainerResult } from './ure/backward-chainer';
export { applyRule, type ApplyRuleOptions, type RuleApplication } from './ure/apply-rule';
export type { ChainerOptions, ChainerResult, ChainerResultItem } from './ure/chainer-options';
export type { StopReason } from './ure/run-control';
export { InferenceTrace, type InferenceStep } from './ure/inference-trace';

// PLN: the rule catalogue and its formulas.
export {
  loadPlnRuleBase,
  loadRuleBase,
  definePlnRules,
  plnRuleNames,
  plnRuleDefinition,
  type PlnRuleBaseOptions,
  type RuleBaseOptions,
} from './pln/pln-rule-base';
export { PLN_RULES as plnRules, type PlnRuleSpec } from './pln/rules';
export { plnFormulas, PLN_FORMULAS, PLN_PREDICATES } from './pln/formulas';
export {
  limit,
  smallestIntersectionProbability,
  largestIntersectionProbability,
  conditionalProbabilityConsistency,
  inversionConsistency,
} from './pln/formulas/consistency';
export {
  DEDUCTION_CONFIDENCE_FACTOR,
  simpleDeductionStrength,
  deductionTruthValue,
  fullDeductionTruthValue,
} from './pln/formulas/deduction';
export { MODUS_PONENS_NOT_A_STRENGTH, modusPonensStrength, modusPonensTruthValue } from './pln/formulas/modus-ponens';
export { inversionStrength, inversionTruthValue } from './pln/formulas/inversion';
export { contrapositionTruthValue } from './pln/formulas/contraposition';
export { fuzzyConjunctionTruthValue, fuzzyDisjunctionTruthValue, negationTruthValue } from './pln/formulas/fuzzy-logic';
export { andIntroductionTruthValue, orIntroductionTruthValue } from './pln/formulas/introduction';
export { memberToInheritanceTruthValue } from './pln/formulas/member-to-inheritance';
export { membersOf, subsetTruthValueFromCounts } from './pln/formulas/subset-direct-introduction';
export { crispTrue, trueEnough } from './pln/formulas/crisp';
export { reviseTruthValue } from './pln/formulas/revision';
