import type { TruthValue } from '@ai-opencog/atomspace';
import type { Formula } from '../../ure/formula';
import { unitTv } from './tv-input';

/** Inheritance B C from Member B C: same strength, 0.9 of the confidence. */
export function memberToInheritanceTruthValue(member: TruthValue): TruthValue {
  return unitTv(member.strength, member.confidence * 0.9);
}

/** `(ListLink (InheritanceLink B C) (MemberLink B C))`; sets the TV. */
export const memberToInheritanceFormula: Formula = {
  schema: 'scm: member-to-inheritance-formula',
  merge: 'set',
  compute: (_conclusion, premises, space) =>
    premises.length === 1 ? memberToInheritanceTruthValue(space.getTruthValue(premises[0])) : undefined,
};
