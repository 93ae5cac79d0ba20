import type { Atom, AtomSpace, TruthValue } from '@ai-opencog/atomspace';
import type { Formula } from '../../ure/formula';
import { tvsOf, unitTv } from './tv-input';

/** Fuzzy AND: the least strength and the least confidence of the members. */
export function fuzzyConjunctionTruthValue(members: readonly TruthValue[]): TruthValue {
  return unitTv(Math.min(...members.map((t) => t.strength)), Math.min(...members.map((t) => t.confidence)));
}

/** Fuzzy OR: the greatest strength and the least confidence of the members. */
export function fuzzyDisjunctionTruthValue(members: readonly TruthValue[]): TruthValue {
  return unitTv(Math.max(...members.map((t) => t.strength)), Math.min(...members.map((t) => t.confidence)));
}

/** NOT: strength 1 − s, same confidence. */
export function negationTruthValue(A: TruthValue): TruthValue {
  return unitTv(1 - A.strength, A.confidence);
}

/** The members: those of the SetLink OpenCog's n-ary rules pass, or the premises themselves. */
function memberTvs(space: AtomSpace, premises: readonly Atom[]): TruthValue[] {
  const members = premises.length === 1 && premises[0].type.name === 'SetLink' ? premises[0].outgoing : premises;
  return tvsOf(space, members);
}

/** `(ListLink (AndLink X...) (SetLink X...))`; merged by higher confidence. */
export const fuzzyConjunctionFormula: Formula = {
  schema: 'scm: fuzzy-conjunction-introduction-formula',
  merge: 'higher-confidence',
  compute: (_conclusion, premises, space) => {
    const tvs = memberTvs(space, premises);
    return tvs.length > 0 ? fuzzyConjunctionTruthValue(tvs) : undefined;
  },
};

/** `(ListLink (OrLink X...) (SetLink X...))`; merged by higher confidence. */
export const fuzzyDisjunctionFormula: Formula = {
  schema: 'scm: fuzzy-disjunction-introduction-formula',
  merge: 'higher-confidence',
  compute: (_conclusion, premises, space) => {
    const tvs = memberTvs(space, premises);
    return tvs.length > 0 ? fuzzyDisjunctionTruthValue(tvs) : undefined;
  },
};

/** `(ListLink (NotLink X) X)`; merged by higher confidence. */
export const negationFormula: Formula = {
  schema: 'scm: negation-introduction-formula',
  merge: 'higher-confidence',
  compute: (_conclusion, premises, space) => (premises.length === 1 ? negationTruthValue(space.getTruthValue(premises[0])) : undefined),
};
