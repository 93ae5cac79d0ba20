import type { TruthValue } from '@ai-opencog/atomspace';
import type { Formula } from '../../ure/formula';
import { conditionalProbabilityConsistency } from './consistency';
import { informative, informedStrength, tvsOf, unitTv } from './tv-input';

/** How much confidence each deduction step loses (PLN's α). */
export const DEDUCTION_CONFIDENCE_FACTOR = 0.9;

/**
 * PLN's simple deduction strength, P(C|A) from P(B|A) = sAB and P(C|B) = sBC under the
 * independence assumptions P(C|B,A) = P(C|B) and P(C|¬B,A) = P(C|¬B):
 *
 *   sAC = sAB·sBC + (1 − sAB)(sC − sB·sBC) / (1 − sB)
 *
 * tending to sC as sB tends to 1. 0 when either conditional probability is inconsistent with the
 * term probabilities (see {@link conditionalProbabilityConsistency}).
 */
export function simpleDeductionStrength(sA: number, sB: number, sC: number, sAB: number, sBC: number): number {
  if (!(conditionalProbabilityConsistency(sA, sB, sAB) && conditionalProbabilityConsistency(sB, sC, sBC))) return 0;
  if (sB > 0.99) return sC;
  return sAB * sBC + ((1 - sAB) * (sC - sB * sBC)) / (1 - sB);
}

/**
 * The TV of A→C from A, B, C, A→B, B→C, as OpenCog's `deduction` formula computes it:
 * - no conclusion unless both conditionals are consistent (the check is skipped for a pair when a
 *   confidence involved is 0);
 * - B confidently near-certain (sB·cB > 0.99): sAC = sC, cAC = α·cA·cC;
 * - either premise confidently near 1 (s·c > 0.99): sAC = sAB·sBC, else the simple deduction
 *   strength; cAC = min(cAB, cBC), times α unless it is ≥ 0.99;
 * - no conclusion when sAC or cAC ≤ 1e-8.
 * Terms with the default TV count as strength 0.25.
 */
export function deductionTruthValue(A: TruthValue, B: TruthValue, C: TruthValue, AB: TruthValue, BC: TruthValue): TruthValue | undefined {
  const [sA, sB, sC] = [A, B, C].map(informedStrength);
  const [cA, cB, cC] = [A.confidence, B.confidence, C.confidence];
  const { strength: sAB, confidence: cAB } = AB;
  const { strength: sBC, confidence: cBC } = BC;
  const abConsistent = cA === 0 || cB === 0 || cAB === 0 || conditionalProbabilityConsistency(sA, sB, sAB);
  const bcConsistent = cB === 0 || cC === 0 || cBC === 0 || conditionalProbabilityConsistency(sB, sC, sBC);
  if (!(abConsistent && bcConsistent)) return undefined;
  let s: number;
  let c: number;
  if (sB * cB > 0.99) {
    s = sC;
    c = DEDUCTION_CONFIDENCE_FACTOR * cA * cC;
  } else {
    s = sAB * cAB > 0.99 || sBC * cBC > 0.99 ? sAB * sBC : simpleDeductionStrength(sA, sB, sC, sAB, sBC);
    c = Math.min(cAB, cBC);
    if (c < 0.99) c *= DEDUCTION_CONFIDENCE_FACTOR;
  }
  return informative(s, c) ? unitTv(s, c) : undefined;
}

/**
 * The full deduction TV of A→C from A→B, (A∧B)→C and (A∧¬B)→C, without the independence
 * assumptions: sAC = sAB·sABC + (1 − sAB)·sANBC, cAC = α·min(cAB, cABC, cANBC).
 */
export function fullDeductionTruthValue(AB: TruthValue, ABC: TruthValue, ANBC: TruthValue): TruthValue {
  const s = AB.strength * ABC.strength + (1 - AB.strength) * ANBC.strength;
  return unitTv(s, DEDUCTION_CONFIDENCE_FACTOR * Math.min(AB.confidence, ABC.confidence, ANBC.confidence));
}

/** `(ListLink AC A B C AB BC)`; merged by higher confidence. */
export const deductionFormula: Formula = {
  schema: 'scm: deduction-formula',
  merge: 'higher-confidence',
  compute: (_conclusion, premises, space) =>
    premises.length === 5 ? deductionTruthValue(...(tvsOf(space, premises) as [TruthValue, TruthValue, TruthValue, TruthValue, TruthValue])) : undefined,
};

/** `(ListLink AC AB ABC ANBC)`; merged by higher confidence. */
export const fullDeductionFormula: Formula = {
  schema: 'scm: full-deduction-formula',
  merge: 'higher-confidence',
  compute: (_conclusion, premises, space) => {
    if (premises.length !== 3) return undefined;
    const [AB, ABC, ANBC] = tvsOf(space, premises);
    return fullDeductionTruthValue(AB, ABC, ANBC);
  },
};
