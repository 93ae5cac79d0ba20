import { stv, type Atom, type AtomSpace, type TruthValue } from '@ai-opencog/atomspace';
import { limit } from './consistency';

/** The truth values of atoms, read through `space` (a frame may overlay them). */
export function tvsOf(space: AtomSpace, atoms: readonly Atom[]): TruthValue[] {
  return atoms.map((a) => space.getTruthValue(a));
}

/**
 * OpenCog's stand-in for a missing distributional TV: a term with strength 1 and no confidence
 * (the default TV) is taken to have strength 0.25 in the deduction and instantiation formulas.
 */
export function informedStrength(tv: TruthValue): number {
  return tv.strength > 0.99 && tv.confidence <= 0 ? 0.25 : tv.strength;
}

/** A SimpleTruthValue with both numbers limited to [0, 1] (rounding can step outside). */
export function unitTv(strength: number, confidence: number): TruthValue {
  return stv(limit(strength, 0, 1), limit(confidence, 0, 1));
}

/** Whether a formula result is worth adding: OpenCog does not create knowledge with s or c ≤ 1e-8. */
export function informative(strength: number, confidence: number): boolean {
  return 1e-8 < strength && 1e-8 < confidence;
}
