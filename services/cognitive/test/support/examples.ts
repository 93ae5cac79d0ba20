import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AtomSpace, parseAtom, parseAtomese, TypeRegistry, type Atom } from '@ai-opencog/atomspace';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** An example knowledge base of the reasoning package (packages/reasoning/examples/NAME). */
export const reasoningExample = (name: string): string => readFileSync(join(ROOT, 'packages', 'reasoning', 'examples', name), 'utf8');

/** An example of the repository (examples/NAME). */
export const repositoryExample = (name: string): string => readFileSync(join(ROOT, 'examples', name), 'utf8');

/** A fresh space (own type registry) holding the Atomese, for computing what the packages give. */
export function spaceWith(text: string): AtomSpace {
  const space = new AtomSpace({ types: new TypeRegistry() });
  parseAtomese(space, text);
  return space;
}

export const atomIn = (space: AtomSpace, text: string): Atom => parseAtom(space, text);
