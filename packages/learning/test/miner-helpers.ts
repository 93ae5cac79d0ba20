import { AtomSpace, parseAtom, parseAtomese, type Atom } from '@ai-opencog/atomspace';
import type { MineResult } from '../src';
import { minerTypes } from '../src/miner/miner-types';
import { canonicalize } from '../src/miner/pattern';
import { patternFromAtom } from '../src/miner/pattern-atoms';

/** A space holding the Atomese text, and its top-level atoms in order. */
export function spaceOf(text: string): { space: AtomSpace; atoms: Atom[] } {
  const space = new AtomSpace();
  return { space, atoms: parseAtomese(space, text) as Atom[] };
}

/** The canonical key of a pattern atom: equal for alpha-equivalent patterns. */
export function keyOfAtom(atom: Atom, space: AtomSpace): string {
  return canonicalize(patternFromAtom(atom, space, minerTypes(space.types))).pattern.key;
}

/** The canonical key of a pattern written in Atomese. */
export function keyOf(text: string): string {
  const space = new AtomSpace();
  return keyOfAtom(parseAtom(space, text), space);
}

/** The mined patterns as a map from canonical key to support. */
export function supports(result: MineResult): Map<string, number> {
  return new Map(result.patterns.map((p) => [keyOfAtom(p.pattern, result.space), p.support]));
}

/** Expected patterns (Atomese) with their supports, as a map from canonical key to support. */
export function expected(entries: [string, number][]): Map<string, number> {
  return new Map(entries.map(([text, n]) => [keyOf(text), n]));
}
