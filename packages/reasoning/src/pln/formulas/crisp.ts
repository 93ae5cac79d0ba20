import { TRUE_TV, type TruthValue } from '@ai-opencog/atomspace';
import type { Formula } from '../../ure/formula';
import { tvsOf } from './tv-input';

/** OpenCog's crisp rules fire when every premise has strength and confidence of at least 0.5. */
export function crispTrue(tv: TruthValue): boolean {
  return tv.strength >= 0.5 && tv.confidence >= 0.5;
}

/** The `true-enough` test of the instantiation rules: strength and confidence above 0.5. */
export function trueEnough(tv: TruthValue): boolean {
  return tv.strength > 0.5 && tv.confidence > 0.5;
}

/** A formula that sets (stv 1 1) on the conclusion when `holds` accepts the premises' TVs, else concludes nothing. */
function crispFormula(schema: string, arity: number, holds: (tvs: TruthValue[]) => boolean): Formula {
  return {
    schema,
    merge: 'set',
    compute: (_conclusion, premises, space) => (premises.length === arity && holds(tvsOf(space, premises)) ? TRUE_TV : undefined),
  };
}

/** `(ListLink AC AB BC)`. */
export const crispDeductionFormula = crispFormula('scm: crisp-deduction-formula', 2, (tvs) => tvs.every(crispTrue));

/** `(ListLink B AB A)`. */
export const crispModusPonensFormula = crispFormula('scm: crisp-modus-ponens-formula', 2, (tvs) => tvs.every(crispTrue));

/** `(ListLink Q IMPLICATION P)`: Q[V→T] is true when the implication and P[V→T] are true enough. */
export const conditionalFullInstantiationFormula = crispFormula('scm: conditional-full-instantiation-formula', 2, (tvs) =>
  tvs.every(trueEnough),
);
