import type { TruthValue } from '@ai-opencog/atomspace';
import type { Formula } from '../../ure/formula';
import { tvsOf, unitTv } from './tv-input';

/** The P(B|¬A) OpenCog's modus ponens assumes for want of that premise. */
export const MODUS_PONENS_NOT_A_STRENGTH = 0.2;

/** P(B) = P(B|A)·P(A) + P(B|¬A)·P(¬A) (PLN's precise modus ponens strength). */
export function modusPonensStrength(sA: number, sAB: number, sNotAB = MODUS_PONENS_NOT_A_STRENGTH): number {
  return sAB * sA + sNotAB * (1 - sA);
}

/** TV of B from A→B and A: the strength above with P(B|¬A) = 0.2, confidence min(cAB, cA). */
export function modusPonensTruthValue(AB: TruthValue, A: TruthValue): TruthValue {
  return unitTv(modusPonensStrength(A.strength, AB.strength), Math.min(AB.confidence, A.confidence));
}

/** `(ListLink B AB A)`; sets the TV. */
export const modusPonensFormula: Formula = {
  schema: 'scm: modus-ponens-formula',
  merge: 'set',
  compute: (_conclusion, premises, space) => {
    if (premises.length !== 2) return undefined;
    const [AB, A] = tvsOf(space, premises);
    return modusPonensTruthValue(AB, A);
  },
};
