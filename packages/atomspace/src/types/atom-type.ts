/**
 * One atom type of the type hierarchy. Types are registered in a {@link TypeRegistry};
 * an AtomType knows its parents and answers subtype questions in O(1).
 */
export class AtomType {
  /** Bit set of the ids of this type and all its ancestors. */
  private readonly ancestorBits: Uint32Array;

  constructor(
    /** Dense id, unique within the registry that made it. */
    readonly id: number,
    /** OpenCog's full name, e.g. `ConceptNode`. */
    readonly name: string,
    readonly parents: readonly AtomType[],
    /** Short name without the Node/Link suffix (`Concept`), when the type has one. */
    readonly shortName: string | undefined,
    /** Abstract types classify others and cannot be instantiated (Node, Link, OrderedLink ...). */
    readonly isAbstract: boolean,
  ) {
    // A parent always has a smaller id, so id + 1 bits hold every ancestor.
    this.ancestorBits = new Uint32Array((id >>> 5) + 1);
    this.ancestorBits[id >>> 5] |= 1 << (id & 31);
    for (const p of parents) p.copyAncestorsInto(this.ancestorBits);
    this.isNode = this.isA(NODE_TYPE_ID);
    this.isLink = this.isA(LINK_TYPE_ID);
    this.isUnordered = this.isLink && this.isA(UNORDERED_LINK_TYPE_ID);
  }

  readonly isNode: boolean;
  readonly isLink: boolean;
  /** Links whose outgoing set is a set: order never makes two atoms (SetLink, AndLink ...). */
  readonly isUnordered: boolean;

  /** True when this type is `other` or one of its subtypes. */
  isA(other: AtomType | number): boolean {
    const id = typeof other === 'number' ? other : other.id;
    const word = id >>> 5;
    return word < this.ancestorBits.length && (this.ancestorBits[word] & (1 << (id & 31))) !== 0;
  }

  private copyAncestorsInto(bits: Uint32Array): void {
    for (let i = 0; i < this.ancestorBits.length; i++) bits[i] |= this.ancestorBits[i];
  }

  toString(): string {
    return this.name;
  }
}

/** The registry always creates these first, so their ids are fixed. */
export const VALUE_TYPE_ID = 0;
export const ATOM_TYPE_ID = 1;
export const NODE_TYPE_ID = 2;
export const LINK_TYPE_ID = 3;
export const ORDERED_LINK_TYPE_ID = 4;
export const UNORDERED_LINK_TYPE_ID = 5;
