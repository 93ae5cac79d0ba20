import { AtomSpace, atomToJson, parseAtomese, type Atom, type AtomJson, type TypeRegistry } from '@ai-opencog/atomspace';
import type { AtomsInput, ImportResult } from '@ai-opencog/protocol';
import { kernelAtomJson } from '../import/json-atoms';
import type { AtomStore } from '@ai-opencog/storage';
import type { BaseCatalog } from '../bases/base-catalog';
import { checkJsonAtoms } from '../import/json-atoms';

/**
 * Adds atoms given in a request (Atomese text or JSON atoms) to a base in one write: the whole
 * input is read and checked first, then stored in one transaction, so a bad input changes nothing
 * and a 2xx answer means every atom is durably stored.
 */
export class AtomAdder {
  constructor(
    private readonly store: AtomStore,
    private readonly catalog: BaseCatalog,
    private readonly types: TypeRegistry,
  ) {}

  async add(base: string, input: AtomsInput): Promise<ImportResult> {
    await this.catalog.check(base);
    const { atoms, count } = input.atomese !== undefined ? this.readAtomese(input.atomese, input.file) : this.readJson(kernelAtomJson(input.atoms ?? []));
    if (atoms.length > 0) await this.store.upsertAtoms(base, atoms);
    const info = await this.store.getBase(base);
    return { count, atomCount: info.atomCount };
  }

  /** Top-level atoms of the text, each once, with the values they have once all of it is read. */
  private readAtomese(text: string, file = '<request>'): { atoms: AtomJson[]; count: number } {
    const space = new AtomSpace({ types: this.types, name: 'request' });
    const items = parseAtomese(space, text, { file }).filter((item): item is Atom => (item as Atom).isAtom === true);
    return { atoms: [...new Set(items)].map((a) => atomToJson(a, { space })), count: items.length };
  }

  private readJson(atoms: readonly AtomJson[]): { atoms: AtomJson[]; count: number } {
    checkJsonAtoms(atoms, this.types);
    return { atoms: [...atoms], count: atoms.length };
  }
}
