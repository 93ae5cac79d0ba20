import { countToConfidence, type Atom, type AtomSpace, type TruthValue } from '@ai-opencog/atomspace';
import type { Formula } from '../../ure/formula';
import { unitTv } from './tv-input';

/**
 * The members of a term: the atoms X of `(MemberLink X C)` for a ConceptNode C (variables
 * excepted), the members common to all the terms of an AndLink.
 */
export function membersOf(space: AtomSpace, term: Atom): Set<Atom> {
  if (term.type.name === 'AndLink') {
    const [first, ...rest] = term.outgoing.map((t) => membersOf(space, t));
    return new Set([...(first ?? [])].filter((m) => rest.every((r) => r.has(m))));
  }
  const out = new Set<Atom>();
  for (const link of space.getIncoming(term, 'MemberLink')) {
    const [member, of] = link.outgoing;
    if (of === term && member.type.name !== 'VariableNode' && member.type.name !== 'GlobNode') out.add(member);
  }
  return out;
}

/**
 * Subset A B from direct evidence: strength |A∩B| / |A|, confidence count→confidence(|A|)
 * (n / (n + 800)); (stv 1 0) when A has no member.
 */
export function subsetTruthValueFromCounts(sizeA: number, sizeAB: number): TruthValue {
  return sizeA > 0 ? unitTv(sizeAB / sizeA, countToConfidence(sizeA)) : unitTv(1, 0);
}

/** `(ListLink (SubsetLink A B) A B)`; merged by higher confidence; no conclusion without evidence. */
export const subsetDirectIntroductionFormula: Formula = {
  schema: 'scm: subset-direct-introduction-formula',
  merge: 'higher-confidence',
  compute: (_conclusion, premises, space) => {
    if (premises.length !== 2) return undefined;
    const a = membersOf(space, premises[0]);
    const b = membersOf(space, premises[1]);
    const tv = subsetTruthValueFromCounts(a.size, [...a].filter((m) => b.has(m)).length);
    return tv.strength > 0 && tv.confidence > 0 ? tv : undefined;
  },
};
