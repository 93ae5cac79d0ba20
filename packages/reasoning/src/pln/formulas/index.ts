import type { GroundedPredicate } from '@ai-opencog/atomspace';
import { FormulaRegistry, truthPredicate } from '../../ure/formula';
import { contrapositionFormula } from './contraposition';
import { conditionalFullInstantiationFormula, crispDeductionFormula, crispModusPonensFormula, trueEnough } from './crisp';
import { deductionFormula, fullDeductionFormula } from './deduction';
import { fuzzyConjunctionFormula, fuzzyDisjunctionFormula, negationFormula } from './fuzzy-logic';
import { andIntroductionFormula, orIntroductionFormula } from './introduction';
import { inversionFormula } from './inversion';
import { memberToInheritanceFormula } from './member-to-inheritance';
import { modusPonensFormula } from './modus-ponens';
import { subsetDirectIntroductionFormula } from './subset-direct-introduction';

export const PLN_FORMULAS = [
  deductionFormula,
  fullDeductionFormula,
  modusPonensFormula,
  inversionFormula,
  contrapositionFormula,
  fuzzyConjunctionFormula,
  fuzzyDisjunctionFormula,
  negationFormula,
  andIntroductionFormula,
  orIntroductionFormula,
  memberToInheritanceFormula,
  subsetDirectIntroductionFormula,
  conditionalFullInstantiationFormula,
  crispDeductionFormula,
  crispModusPonensFormula,
] as const;

/** The precondition predicates of PLN's rules. */
export const PLN_PREDICATES: readonly [string, GroundedPredicate][] = [
  ['scm: gt-zero-confidence', truthPredicate((tv) => tv.confidence > 0)],
  ['scm: true-enough', truthPredicate(trueEnough)],
];

/** A registry of every PLN formula and precondition predicate. */
export function plnFormulas(): FormulaRegistry {
  return new FormulaRegistry(PLN_FORMULAS, PLN_PREDICATES);
}
