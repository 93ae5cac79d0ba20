import { AtomSpace, AtomSpaceError, atomFromJson, type AtomJson, type TypeRegistry } from '@ai-opencog/atomspace';
import type { AtomJson as WireAtomJson } from '@ai-opencog/protocol';

/**
 * JSON atoms of a request as the kernel types them. The wire's form is the kernel's with the
 * truth value's `type` optional (`stv` when left out, as the kernel reads it); every atom is
 * checked by the kernel (checkJsonAtoms) before it is stored.
 */
export function kernelAtomJson(atoms: readonly WireAtomJson[]): readonly AtomJson[] {
  return atoms as readonly AtomJson[];
}


/**
 * Checks JSON atoms of a request body as the kernel adds them (types of the registry, shape,
 * values) before anything is stored. A bad one is the kernel's error (INVALID_ATOM, UNKNOWN_TYPE,
 * INVALID_VALUE...) with its place in the body, e.g. `atoms[3]: $.outgoing[1].type: unknown atom type 'GeneNode'`.
 */
export function checkJsonAtoms(atoms: readonly AtomJson[], types: TypeRegistry): void {
  const space = new AtomSpace({ types, name: 'check' });
  atoms.forEach((json, i) => {
    try {
      atomFromJson(space, json);
    } catch (e) {
      if (e instanceof AtomSpaceError) throw new AtomSpaceError(e.code, `atoms[${i}]: ${e.message}`);
      throw e;
    }
    if (space.size > 50_000) space.clear();
  });
}
