import { AtomSpace, parseAtom, parseAtomese, TypeRegistry, type Atom } from '@ai-opencog/atomspace';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fresh space (with its own type registry) holding the given Atomese. */
export function spaceWith(text = ''): AtomSpace {
  const space = new AtomSpace({ types: new TypeRegistry() });
  parseAtomese(space, text);
  return space;
}

/** An example knowledge base of the package (examples/NAME). */
export function fixture(name: string): string {
  return readFileSync(join(__dirname, '..', 'examples', name), 'utf8');
}

/** The one atom `text` denotes in `space` (added if new). */
export function atom(space: AtomSpace, text: string): Atom {
  return parseAtom(space, text);
}

/** The atom if the space holds it already (nothing is added). */
export function find(space: AtomSpace, text: string): Atom | undefined {
  const probe = new AtomSpace({ types: space.types });
  return space.get(parseAtom(probe, text));
}

export const compactText = (a: Atom): string => a.toString();
