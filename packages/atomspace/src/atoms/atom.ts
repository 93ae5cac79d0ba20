import { quoteSchemeString } from '../atomese/scheme-string';
import type { AtomType } from '../types/atom-type';
import { DEFAULT_AV, type AttentionValue } from '../values/attention-value';
import { DEFAULT_TV, type TruthValue } from '../values/truth-value';
import type { Value } from '../values/value';

/** Where an atom lives; implemented by AtomSpace. Kept minimal so atoms know nothing else of it. */
export interface AtomOwner {
  readonly parent: AtomOwner | undefined;
  /** The atom's own truth value, kept by its owner. */
  ownTruthValue(atom: Atom): TruthValue;
}

/** Truth values of removed atoms, which no owner keeps any more. */
export const detachedTruthValues = new WeakMap<Atom, TruthValue>();

let nextAtomId = 1;

/**
 * A node (type + name) or a link (type + ordered outgoing set). Atoms are unique within an
 * AtomSpace and immutable in their identity; their values (truth value, attention value, keyed
 * values) change through the AtomSpace that holds them, so that change events are emitted.
 * Every atom has one shape (nodes carry an empty outgoing set, links an empty name), which keeps
 * the hot paths monomorphic.
 */
export class Atom {
  /** Tells atoms from values in a LinkValue; lives on the prototype, not in each atom. */
  declare readonly isAtom: true;
  /** Process-wide unique id, in creation order. */
  readonly id: number;
  /** @internal links that contain this atom, in any space layered over the owner. */
  incomingList: Atom[] | undefined = undefined;
  /** @internal the AtomSpace that holds this atom; undefined once removed. */
  owner: AtomOwner | undefined;
  /** @internal where the owner keeps this atom's truth value. */
  slot = -1;
  /** @internal */
  avField: AttentionValue = DEFAULT_AV;
  /** @internal keyed values other than TV and AV; created on first use. */
  valueMap: Map<Atom, Value> | undefined = undefined;

  constructor(
    readonly type: AtomType,
    /** The name of a node; '' for links. */
    readonly name: string,
    /** The outgoing set of a link; empty for nodes. */
    readonly outgoing: readonly Atom[],
    /** Content hash: equal for equal atoms in every space and run. */
    readonly hash: number,
    owner: AtomOwner,
  ) {
    this.id = nextAtomId++;
    this.owner = owner;
  }

  get isNode(): boolean {
    return this.type.isNode;
  }

  get isLink(): boolean {
    return this.type.isLink;
  }

  get arity(): number {
    return this.outgoing.length;
  }

  /** The atom's own truth value (a child AtomSpace may overlay another; ask it with getTruthValue). */
  get tv(): TruthValue {
    return this.owner !== undefined ? this.owner.ownTruthValue(this) : (detachedTruthValues.get(this) ?? DEFAULT_TV);
  }

  get av(): AttentionValue {
    return this.avField;
  }

  /** The value under `key`, or undefined. */
  getValue(key: Atom): Value | undefined {
    return this.valueMap?.get(key);
  }

  /** Keys of the keyed values (not TV or AV). */
  keys(): Atom[] {
    return this.valueMap ? [...this.valueMap.keys()] : [];
  }

  /** True while the atom is held by an AtomSpace. */
  get isAlive(): boolean {
    return this.owner !== undefined;
  }

  toString(): string {
    return atomToShortString(this);
  }
}

Object.defineProperty(Atom.prototype, 'isAtom', { value: true, writable: false });

function atomToShortString(a: Atom): string {
  if (a.type.isNode) return `(${a.type.name} ${quoteSchemeString(a.name)})`;
  return `(${[a.type.name, ...a.outgoing.map(atomToShortString)].join(' ')})`;
}

export const EMPTY_OUTGOING: readonly Atom[] = Object.freeze([]);

/**
 * Total order on atoms by content, independent of ids and spaces: hash first, then type, name
 * and outgoing sets. Used to put unordered links into canonical order.
 */
export function compareAtoms(a: Atom, b: Atom): number {
  if (a === b) return 0;
  if (a.hash !== b.hash) return a.hash < b.hash ? -1 : 1;
  if (a.type !== b.type) return a.type.id - b.type.id;
  if (a.type.isNode) return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  const n = Math.min(a.outgoing.length, b.outgoing.length);
  for (let i = 0; i < n; i++) {
    const c = compareAtoms(a.outgoing[i], b.outgoing[i]);
    if (c !== 0) return c;
  }
  return a.outgoing.length - b.outgoing.length;
}
