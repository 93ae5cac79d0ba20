import type { TruthValue } from '@ai-opencog/atomspace';
import type { Formula } from '../../ure/formula';
import { inversionConsistency } from './consistency';
import { informative, tvsOf, unitTv } from './tv-input';

/** Bayes' rule: P(A|B) = P(B|A)·P(A) / P(B); 0 when the premises are inconsistent. */
export function inversionStrength(sA: number, sB: number, sAB: number): number {
  return inversionConsistency(sA, sB, sAB) ? (sAB * sA) / sB : 0;
}

/**
 * TV of B→A from A, B and A→B: the strength above, confidence 0.9·min(cA, cB, cAB); no
 * conclusion when inconsistent or when sBA or cBA ≤ 1e-8.
 */
export function inversionTruthValue(A: TruthValue, B: TruthValue, AB: TruthValue): TruthValue | undefined {
  if (!inversionConsistency(A.strength, B.strength, AB.strength)) return undefined;
  const s = inversionStrength(A.strength, B.strength, AB.strength);
  const c = 0.9 * Math.min(A.confidence, B.confidence, AB.confidence);
  return informative(s, c) ? unitTv(s, c) : undefined;
}

/** `(ListLink BA A B AB)`; merged by higher confidence. */
export const inversionFormula: Formula = {
  schema: 'scm: inversion-formula',
  merge: 'higher-confidence',
  compute: (_conclusion, premises, space) => {
    if (premises.length !== 3) return undefined;
    const [A, B, AB] = tvsOf(space, premises);
    return inversionTruthValue(A, B, AB);
  },
};
