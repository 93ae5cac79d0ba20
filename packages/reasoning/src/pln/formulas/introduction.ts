import type { TruthValue } from '@ai-opencog/atomspace';
import type { Formula } from '../../ure/formula';
import { tvsOf, unitTv } from './tv-input';

/** A∧B assuming A and B independent: sA·sB, confidence min(cA, cB). */
export function andIntroductionTruthValue(A: TruthValue, B: TruthValue): TruthValue {
  return unitTv(A.strength * B.strength, Math.min(A.confidence, B.confidence));
}

/** A∨B assuming A and B independent: sA + sB − sA·sB, confidence min(cA, cB). */
export function orIntroductionTruthValue(A: TruthValue, B: TruthValue): TruthValue {
  return unitTv(A.strength + B.strength - A.strength * B.strength, Math.min(A.confidence, B.confidence));
}

function binary(schema: string, tv: (A: TruthValue, B: TruthValue) => TruthValue): Formula {
  return {
    schema,
    merge: 'set',
    compute: (_conclusion, premises, space) => {
      if (premises.length !== 2) return undefined;
      const [A, B] = tvsOf(space, premises);
      return tv(A, B);
    },
  };
}

/** `(ListLink (AndLink A B) A B)`; sets the TV. */
export const andIntroductionFormula = binary('scm: and-introduction-formula', andIntroductionTruthValue);

/** `(ListLink (OrLink A B) A B)`; sets the TV. */
export const orIntroductionFormula = binary('scm: or-introduction-formula', orIntroductionTruthValue);
