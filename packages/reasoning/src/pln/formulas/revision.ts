import type { Atom, AtomSpace, TruthValue } from '@ai-opencog/atomspace';
import { mergeTruthValue } from '../../ure/formula';

/**
 * Revises the atom's truth value with another estimate from independent evidence (PLN book,
 * 5.10.2): strengths averaged weighted by evidence counts (n = 800·c / (1 − c)), counts added. An
 * atom with no confidence takes the new estimate as it is. Returns the revised TV, set on the atom.
 */
export function reviseTruthValue(space: AtomSpace, atom: Atom, tv: TruthValue): TruthValue {
  const revised = mergeTruthValue('revision', space.getTruthValue(atom), tv);
  space.setTruthValue(atom, revised);
  return revised;
}
