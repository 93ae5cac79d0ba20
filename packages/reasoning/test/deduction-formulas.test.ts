import { stv, type TruthValue } from '@ai-opencog/atomspace';
import {
  applyRule,
  conditionalProbabilityConsistency,
  deductionTruthValue,
  fullDeductionTruthValue,
  largestIntersectionProbability,
  plnFormulas,
  simpleDeductionStrength,
  smallestIntersectionProbability,
} from '../src';
import { definePlnRules } from '../src/pln/pln-rule-base';
import { find, spaceWith } from './support';

const DEFAULT = stv(1, 0);

function expectTv(tv: TruthValue | undefined, s: number, c: number): void {
  expect(tv).toBeDefined();
  expect(tv!.strength).toBeCloseTo(s, 10);
  expect(tv!.confidence).toBeCloseTo(c, 10);
}

describe('conditional-probability consistency', () => {
  it('bounds P(B|A) between the least and the greatest overlap of A and B', () => {
    // sA = 0.8, sB = 0.5: smallest = (0.8 + 0.5 - 1) / 0.8 = 0.375, largest = 0.5 / 0.8 = 0.625
    expect(smallestIntersectionProbability(0.8, 0.5)).toBeCloseTo(0.375, 12);
    expect(largestIntersectionProbability(0.8, 0.5)).toBeCloseTo(0.625, 12);
    expect(conditionalProbabilityConsistency(0.8, 0.5, 0.5)).toBe(true);
    expect(conditionalProbabilityConsistency(0.8, 0.5, 0.3)).toBe(false);
    expect(conditionalProbabilityConsistency(0.8, 0.5, 0.7)).toBe(false);
    // Both bounds are limited to [0, 1]: (0.2 + 0.4 - 1) / 0.2 = -2 -> 0, 0.4 / 0.2 = 2 -> 1
    expect(smallestIntersectionProbability(0.2, 0.4)).toBe(0);
    expect(largestIntersectionProbability(0.2, 0.4)).toBe(1);
    // P(B|A) is undefined when P(A) = 0
    expect(conditionalProbabilityConsistency(0, 0.5, 0.5)).toBe(false);
  });
});

describe('simple deduction strength', () => {
  it('computes sAB·sBC + (1 − sAB)(sC − sB·sBC)/(1 − sB)', () => {
    // 0.6·0.7 + 0.4·(0.6 − 0.4·0.7)/0.6 = 0.42 + 0.4·0.32/0.6 = 0.42 + 0.21333… = 0.63333…
    expect(simpleDeductionStrength(0.5, 0.4, 0.6, 0.6, 0.7)).toBeCloseTo(0.42 + (0.4 * 0.32) / 0.6, 12);
  });

  it('is 0 when a conditional is inconsistent with the term probabilities', () => {
    // largest P(B|A) for sA = 0.5, sB = 0.4 is 0.8 < sAB = 0.9
    expect(simpleDeductionStrength(0.5, 0.4, 0.6, 0.9, 0.7)).toBe(0);
  });

  it('tends to sC when sB tends to 1', () => {
    // sA = 0.5, sB = 0.995: sAB must lie in [0.99, 1]; sC = 0.7: sBC in [0.6985, 0.7035]
    expect(simpleDeductionStrength(0.5, 0.995, 0.7, 0.995, 0.7)).toBe(0.7);
  });
});

describe('deduction TV (OpenCog deduction formula)', () => {
  it('takes default-TV terms as strength 0.25 and loses confidence α = 0.9', () => {
    // sA = sB = sC = 0.25; sAC = 0.8·0.7 + 0.2·(0.25 − 0.25·0.7)/0.75 = 0.56 + 0.02 = 0.58
    // cAC = min(0.9, 0.9) · 0.9 = 0.81
    expectTv(deductionTruthValue(DEFAULT, DEFAULT, DEFAULT, stv(0.8, 0.9), stv(0.7, 0.9)), 0.58, 0.81);
  });

  it('concludes nothing when A→B is inconsistent (all confidences > 0)', () => {
    // largest P(B|A) = 0.4 / 0.5 = 0.8 < 0.9
    expect(deductionTruthValue(stv(0.5, 0.9), stv(0.4, 0.9), stv(0.6, 0.9), stv(0.9, 0.9), stv(0.7, 0.9))).toBeUndefined();
  });

  it('skips the consistency check of a pair when a confidence in it is 0', () => {
    // Same strengths as above but cA = 0: the A→B check is skipped. sA = 0.5 (cA = 0 but sA < 0.99).
    // simple strength checks consistency itself: 0.9 > 0.8 gives 0, and strength 0 is no knowledge.
    expect(deductionTruthValue(stv(0.5, 0), stv(0.4, 0.9), stv(0.6, 0.9), stv(0.9, 0.9), stv(0.7, 0.9))).toBeUndefined();
    // with a consistent sAB = 0.6: 0.6·0.7 + 0.4·(0.6 − 0.28)/0.6 = 0.63333…, c = 0.9·0.9 = 0.81
    expectTv(deductionTruthValue(stv(0.5, 0), stv(0.4, 0.9), stv(0.6, 0.9), stv(0.6, 0.9), stv(0.7, 0.9)), 0.42 + (0.4 * 0.32) / 0.6, 0.81);
  });

  it('uses sAC = sC and cAC = α·cA·cC when B is confidently near 1', () => {
    // sB·cB = 1 > 0.99; consistency forces sAB = 1 and sBC = sC = 0.5. s = sC = 0.5, c = 0.9·0.8·0.5 = 0.36
    expectTv(deductionTruthValue(stv(0.5, 0.8), stv(1, 1), stv(0.5, 0.5), stv(1, 0.9), stv(0.5, 0.9)), 0.5, 0.36);
  });

  it('uses sAB·sBC when a premise is confidently near 1, and keeps a confidence ≥ 0.99', () => {
    // sAB·cAB = 1 > 0.99: s = 1·0.5 = 0.5; c = min(1, 0.995) = 0.995, not multiplied by α
    expectTv(deductionTruthValue(DEFAULT, DEFAULT, DEFAULT, stv(1, 1), stv(0.5, 0.995)), 0.5, 0.995);
  });

  it('creates no zero knowledge (confidence ≤ 1e-8)', () => {
    expect(deductionTruthValue(DEFAULT, DEFAULT, DEFAULT, stv(0.9, 0), stv(0.7, 0.9))).toBeUndefined();
  });
});

describe('full deduction TV', () => {
  it('computes sAB·sABC + (1 − sAB)·sANBC with confidence α·min', () => {
    // 0.6·0.8 + 0.4·0.3 = 0.6; 0.9·min(0.9, 0.8, 0.95) = 0.72
    expectTv(fullDeductionTruthValue(stv(0.6, 0.9), stv(0.8, 0.8), stv(0.3, 0.95)), 0.6, 0.72);
  });
});

describe('implication-deduction-rule applied to a knowledge base', () => {
  const kb = `
    (ImplicationLink (stv 0.8 0.9) (PredicateNode "A") (PredicateNode "B"))
    (ImplicationLink (stv 0.7 0.9) (PredicateNode "B") (PredicateNode "C"))`;

  function apply(space = spaceWith(kb)) {
    definePlnRules(space, ['implication-deduction-rule']);
    return { space, result: applyRule(space, 'implication-deduction-rule', { formulas: plnFormulas() }) };
  }

  it('concludes A→C with the deduction TV', () => {
    const { space, result } = apply();
    expect(result.conclusions.map((c) => c.atom.toString())).toEqual(['(ImplicationLink (PredicateNode "A") (PredicateNode "C"))']);
    const ac = find(space, '(ImplicationLink (PredicateNode "A") (PredicateNode "C"))')!;
    expect(space.getTruthValue(ac).strength).toBeCloseTo(0.58, 10);
    expect(space.getTruthValue(ac).confidence).toBeCloseTo(0.81, 10);
    expect(result.trace.steps).toHaveLength(1);
    expect(result.trace.steps[0].premises.map(String).sort()).toEqual([
      '(ImplicationLink (PredicateNode "A") (PredicateNode "B"))',
      '(ImplicationLink (PredicateNode "B") (PredicateNode "C"))',
    ]);
  });

  it('concludes nothing, and adds no atom, when the premises are inconsistent', () => {
    const space = spaceWith(`${kb}
      (PredicateNode "A" (stv 0.5 0.9)) (PredicateNode "B" (stv 0.4 0.9)) (PredicateNode "C" (stv 0.6 0.9))
      (ImplicationLink (stv 0.9 0.9) (PredicateNode "A") (PredicateNode "B"))`);
    const { result } = apply(space);
    expect(result.conclusions.length).toBe(0);
    expect(find(space, '(ImplicationLink (PredicateNode "A") (PredicateNode "C"))')).toBeUndefined();
  });

  it('merges by higher confidence: a more confident existing TV stays, a less confident one is replaced', () => {
    const confident = spaceWith(`${kb} (ImplicationLink (stv 0.5 0.95) (PredicateNode "A") (PredicateNode "C"))`);
    apply(confident);
    const ac1 = find(confident, '(ImplicationLink (PredicateNode "A") (PredicateNode "C"))')!;
    expect(confident.getTruthValue(ac1).equals(stv(0.5, 0.95))).toBe(true);

    const vague = spaceWith(`${kb} (ImplicationLink (stv 0.5 0.1) (PredicateNode "A") (PredicateNode "C"))`);
    apply(vague);
    const ac2 = find(vague, '(ImplicationLink (PredicateNode "A") (PredicateNode "C"))')!;
    expect(vague.getTruthValue(ac2).strength).toBeCloseTo(0.58, 10);
  });

  it('does not conclude A→A from A→B and B→A', () => {
    const space = spaceWith(`
      (ImplicationLink (stv 0.8 0.9) (PredicateNode "A") (PredicateNode "B"))
      (ImplicationLink (stv 0.7 0.9) (PredicateNode "B") (PredicateNode "A"))`);
    const { result } = apply(space);
    expect(result.conclusions.length).toBe(0);
  });
});
