import type { TruthValue } from '@ai-opencog/atomspace';
import type { Formula } from '../../ure/formula';
import { tvsOf, unitTv } from './tv-input';

/**
 * TV of ¬B→¬A from A→B, A and B. A crisp A→B (s and c > 0.999) carries over as it is; otherwise
 * P(¬A|¬B) = (1 − sA − sB + sAB·sA) / (1 − sB), confidence min(cAB, cA, cB), defined only for
 * sB < 1 and when it is a probability (else the premises are inconsistent: no conclusion).
 */
export function contrapositionTruthValue(AB: TruthValue, A: TruthValue, B: TruthValue): TruthValue | undefined {
  if (AB.strength > 0.999 && AB.confidence > 0.999) return unitTv(AB.strength, AB.confidence);
  if (!(B.strength < 1)) return undefined;
  const s = (1 - A.strength - B.strength + AB.strength * A.strength) / (1 - B.strength);
  if (!(s >= -1e-12 && s <= 1 + 1e-12)) return undefined;
  return unitTv(s, Math.min(AB.confidence, A.confidence, B.confidence));
}

/** `(ListLink NBNA AB A B)`; merged by higher confidence. */
export const contrapositionFormula: Formula = {
  schema: 'scm: contraposition-formula',
  merge: 'higher-confidence',
  compute: (_conclusion, premises, space) => {
    if (premises.length !== 3) return undefined;
    const [AB, A, B] = tvsOf(space, premises);
    return contrapositionTruthValue(AB, A, B);
  },
};
