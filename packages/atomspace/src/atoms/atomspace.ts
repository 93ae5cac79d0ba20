import { AtomSpaceError } from '../errors';
import type { AtomType } from '../types/atom-type';
import { TypeRegistry } from '../types/type-registry';
import type { AttentionValue } from '../values/attention-value';
import { DEFAULT_TV, type TruthValue } from '../values/truth-value';
import type { Value } from '../values/value';
import { Atom, compareAtoms, detachedTruthValues, EMPTY_OUTGOING, type AtomOwner } from './atom';
import { hashLink, hashNode } from './content-hash';
import { TruthValueTable } from './truth-value-table';

/** What an AtomSpace tells its listeners. */
export type AtomSpaceEvent =
  | { kind: 'add'; atom: Atom }
  | { kind: 'remove'; atom: Atom }
  | { kind: 'tv'; atom: Atom; value: TruthValue; previous: TruthValue }
  | { kind: 'av'; atom: Atom; value: AttentionValue; previous: AttentionValue }
  | { kind: 'value'; atom: Atom; key: Atom; value: Value | undefined; previous: Value | undefined };

export type AtomSpaceListener = (event: AtomSpaceEvent) => void;

/** A type given as an AtomType or by name (`ConceptNode` or `Concept`). */
export type TypeRef = AtomType | string;

export interface AtomSpaceOptions {
  /** The type hierarchy; defaults to the process-wide {@link defaultTypes}. */
  types?: TypeRegistry;
  /** Name shown in messages and listings. */
  name?: string;
}

/** Values a child space overlays on atoms of its ancestors, leaving the ancestors unchanged. */
interface FrameValues {
  tv?: TruthValue;
  av?: AttentionValue;
  values?: Map<Atom, Value | undefined>;
}

/** The process-wide type hierarchy: OpenCog's classic types plus what users register. */
export const defaultTypes = new TypeRegistry();

/** Links and nodes smaller than this grow their incoming array by exact copies to save memory. */
const SMALL_INCOMING = 8;

/**
 * The hypergraph store. Atoms are unique per (type, name) and per (type, outgoing set); unordered
 * links are kept in canonical order. A child AtomSpace (see {@link createChild}) sees every atom
 * of its ancestors, adds its own atoms beside them, and overlays values on theirs without changing
 * them: a frame for hypothetical reasoning.
 */
export class AtomSpace implements AtomOwner {
  readonly types: TypeRegistry;
  readonly parent: AtomSpace | undefined;
  readonly name: string;
  /** Node index: per type id, name -> atom. Also the by-type index of nodes. */
  private readonly nodeIndex: (Map<string, Atom> | undefined)[] = [];
  /** Link index: per type id, content hash -> atom (or the atoms that share the hash). */
  private readonly linkIndex: (Map<number, Atom | Atom[]> | undefined)[] = [];
  /** Atoms of this space per type id (grown as the registry grows). */
  private typeCounts = new Int32Array(256);
  private readonly tvs = new TruthValueTable();
  private ownCount = 0;
  private listeners: AtomSpaceListener[] = [];
  private frameValues: Map<Atom, FrameValues> | undefined;
  private readonly root: AtomSpace;
  /** Types with special rules, by id: NumberNode names are canonical; DefineLink and StateLink are unique per key. */
  private readonly numberTypeId: number;
  private readonly defineTypeId: number;
  private readonly stateTypeId: number;
  /** Children alive under the root: while any exists, incoming sets are filtered by visibility. */
  private liveChildren = 0;
  private disposed = false;

  constructor(options: AtomSpaceOptions = {}, parent?: AtomSpace) {
    this.parent = parent;
    this.types = parent ? parent.types : (options.types ?? defaultTypes);
    this.name = options.name ?? (parent ? `${parent.name}/child` : 'atomspace');
    this.root = parent ? parent.root : this;
    this.numberTypeId = this.types.find('NumberNode')?.id ?? -1;
    this.defineTypeId = this.types.find('DefineLink')?.id ?? -1;
    this.stateTypeId = this.types.find('StateLink')?.id ?? -1;
  }

  /** A frame over this space: sees all of its atoms, and what it adds or sets stays in the frame. */
  createChild(name?: string): AtomSpace {
    this.root.liveChildren++;
    return new AtomSpace({ name }, this);
  }

  /**
   * Commits a child frame: its atoms and the values it overlays move into the parent, and the
   * child is disposed.
   */
  commitToParent(): void {
    const parent = this.parent;
    if (!parent) throw new AtomSpaceError('NOT_IN_SPACE', `atomspace ${this.name} has no parent to commit to`);
    const own = [...this.ownAtoms()].sort((a, b) => a.id - b.id);
    for (const atom of own) {
      // The parent may have got an equal atom meanwhile: the child's values still win.
      const existing = parent.get(atom);
      if (existing) parent.copyValues(atom, existing);
      else parent.add(atom);
    }
    for (const [atom, f] of this.frameValues ?? []) {
      const target = parent.get(atom);
      if (!target) continue;
      if (f.tv) parent.setTruthValue(target, f.tv);
      if (f.av) parent.setAttentionValue(target, f.av);
      for (const [k, v] of f.values ?? []) parent.setValue(target, parent.add(k), v);
    }
    this.dispose();
  }

  /** Removes a child frame's atoms and detaches it; the parent is as it was before the child. */
  dispose(): void {
    if (this.disposed || !this.parent) return;
    this.clear();
    this.frameValues = undefined;
    this.disposed = true;
    this.root.liveChildren--;
  }

  // ---------------------------------------------------------------- adding

  /** Adds (or finds) the node; a given truth value replaces the current one, as OpenCog's `cog-new-node` does. */
  addNode(type: TypeRef, name: string, tv?: TruthValue): Atom {
    this.mustBeOpen();
    const t = typeof type === 'string' ? this.nodeType(type) : type;
    if (!t.isNode || t.isAbstract) this.nodeType(t);
    if (typeof name !== 'string') {
      throw new AtomSpaceError('INVALID_ATOM', `the name of a ${t.name} must be a string`);
    }
    const key = t.id === this.numberTypeId ? canonicalNumberName(name) : name;
    let index = this.nodeIndex[t.id];
    let atom = index?.get(key);
    if (atom === undefined && this.parent !== undefined) atom = this.parent.findNode(t, key);
    if (atom !== undefined) {
      if (tv !== undefined) this.setTruthValue(atom, tv);
      return atom;
    }
    atom = new Atom(t, key, EMPTY_OUTGOING, hashNode(t, key), this);
    if (index === undefined) index = this.nodeIndex[t.id] = new Map();
    index.set(key, atom);
    this.counted(t, 1);
    atom.slot = this.tvs.allocate();
    if (tv !== undefined && tv !== DEFAULT_TV) this.tvs.set(atom.slot, tv);
    if (this.listeners.length > 0) this.emit({ kind: 'add', atom });
    return atom;
  }

  /**
   * Adds (or finds) the link. Outgoing atoms from another space are copied in first. A given truth
   * value replaces the current one.
   */
  addLink(type: TypeRef, outgoing: readonly Atom[], tv?: TruthValue): Atom {
    this.mustBeOpen();
    const t = typeof type === 'string' ? this.linkType(type) : type;
    if (!t.isLink || t.isAbstract) this.linkType(t);
    const out = outgoing.slice();
    for (let i = 0; i < out.length; i++) {
      const a = out[i];
      if (a === null || typeof a !== 'object' || a.isAtom !== true) {
        throw new AtomSpaceError('INVALID_ATOM', `element ${i} of the outgoing set of a ${t.name} is not an atom`);
      }
      if (a.owner !== this && !this.isVisible(a)) out[i] = this.add(a);
    }
    if (t.isUnordered && out.length > 1) out.sort(compareAtoms);
    const hash = hashLink(t, out);
    let index = this.linkIndex[t.id];
    const bucket = index?.get(hash);
    let atom = bucket === undefined ? undefined : findInBucket(bucket, out);
    if (atom === undefined && this.parent !== undefined) atom = this.parent.findLinkByHash(t, hash, out);
    if (atom !== undefined) {
      if (tv !== undefined) this.setTruthValue(atom, tv);
      return atom;
    }
    if (t.id === this.defineTypeId) this.checkUniqueDefinition(out);
    atom = new Atom(t, '', out, hash, this);
    if (index === undefined) index = this.linkIndex[t.id] = new Map();
    if (bucket === undefined) index.set(hash, atom);
    else if (Array.isArray(bucket)) bucket.push(atom);
    else index.set(hash, [bucket, atom]);
    for (let i = 0; i < out.length; i++) {
      const child = out[i];
      if (i > 0 && out.indexOf(child) < i) continue;
      const inc = child.incomingList;
      if (inc === undefined) child.incomingList = [atom];
      else if (inc.length < SMALL_INCOMING) child.incomingList = inc.concat(atom);
      else inc.push(atom);
    }
    this.counted(t, 1);
    atom.slot = this.tvs.allocate();
    if (tv !== undefined && tv !== DEFAULT_TV) this.tvs.set(atom.slot, tv);
    if (this.listeners.length > 0) this.emit({ kind: 'add', atom });
    if (t.id === this.stateTypeId) this.replaceOldState(atom);
    return atom;
  }

  /**
   * Adds an atom that may belong to another space (or was removed): returns the equal atom of
   * this space, creating it with the source atom's values when it is new here.
   */
  add(atom: Atom): Atom {
    if (this.isVisible(atom)) return atom;
    const existing = this.get(atom);
    if (existing) return existing;
    const copy = atom.type.isNode
      ? this.addNode(atom.type, atom.name)
      : this.addLink(atom.type, atom.outgoing.map((a) => this.add(a)));
    this.copyValues(atom, copy);
    return copy;
  }

  /** Sets on `target` the non-default TV and AV and every keyed value that `source` holds itself. */
  private copyValues(source: Atom, target: Atom): void {
    const tv = source.tv;
    if (!tv.isDefault()) this.setTruthValue(target, tv);
    if (!source.avField.isDefault()) this.setAttentionValue(target, source.avField);
    if (source.valueMap) {
      for (const [k, v] of source.valueMap) this.setValue(target, this.add(k), v);
    }
  }

  // ---------------------------------------------------------------- finding

  /** The node of that type and name, in this space or an ancestor. */
  getNode(type: TypeRef, name: string): Atom | undefined {
    const t = typeof type === 'string' ? this.types.get(type) : type;
    if (!t.isNode) return undefined;
    return this.findNode(t, t.id === this.numberTypeId ? canonicalNumberName(name) : name);
  }

  /** The link of that type and outgoing set (in any order for unordered types). */
  getLink(type: TypeRef, outgoing: readonly Atom[]): Atom | undefined {
    const t = this.resolve(type);
    if (!t.isLink) return undefined;
    let out = outgoing;
    if (t.isUnordered && out.length > 1) out = [...out].sort(compareAtoms);
    return this.findLinkByHash(t, hashLink(t, out), out);
  }

  /** The atom of this space equal to `atom` (which may come from elsewhere), or undefined. */
  get(atom: Atom): Atom | undefined {
    if (this.isVisible(atom)) return atom;
    if (atom.type.isNode) return this.getNode(atom.type, atom.name);
    const out: Atom[] = [];
    for (const a of atom.outgoing) {
      const x = this.get(a);
      if (!x) return undefined;
      out.push(x);
    }
    return this.getLink(atom.type, out);
  }

  /** True when the atom is held by this space or one of its ancestors. */
  isVisible(atom: Atom): boolean {
    const owner = atom.owner;
    if (owner === this) return true;
    for (let s = this.parent; s !== undefined; s = s.parent) if (s === owner) return true;
    return false;
  }

  /** Links that contain `atom`, optionally only those of `type` (and its subtypes). A live view: copy it before changing the space while iterating. */
  getIncoming(atom: Atom, type?: TypeRef): readonly Atom[] {
    const inc = atom.incomingList;
    if (inc === undefined) return EMPTY_OUTGOING;
    const t = type === undefined ? undefined : this.resolve(type);
    if (this.root.liveChildren === 0 && t === undefined) return inc;
    return inc.filter((l) => (t === undefined || l.type.isA(t)) && this.isVisible(l));
  }

  incomingCount(atom: Atom): number {
    return this.getIncoming(atom).length;
  }

  /** Atoms of `type`, with its subtypes unless `subtypes` is false, from this space and its ancestors. */
  getAtomsByType(type: TypeRef, subtypes = true): Atom[] {
    const t = this.resolve(type);
    const out: Atom[] = [];
    for (let s: AtomSpace | undefined = this; s !== undefined; s = s.parent) {
      s.collectOwnByType(t, subtypes, out);
    }
    return out;
  }

  /** How many atoms of `type` (and its subtypes unless told otherwise) this space sees. */
  countByType(type: TypeRef, subtypes = true): number {
    const t = this.resolve(type);
    let n = 0;
    for (let s: AtomSpace | undefined = this; s !== undefined; s = s.parent) {
      if (subtypes) {
        for (let id = 0; id < s.typeCounts.length; id++) {
          if (s.typeCounts[id] && this.types.byIndex(id).isA(t)) n += s.typeCounts[id];
        }
      } else n += t.id < s.typeCounts.length ? s.typeCounts[t.id] : 0;
    }
    return n;
  }

  /** Every atom this space sees, in no particular order. */
  *atoms(): IterableIterator<Atom> {
    for (let s: AtomSpace | undefined = this; s !== undefined; s = s.parent) yield* s.ownAtoms();
  }

  /** Atom types present with their counts, sorted by type name. */
  typeHistogram(): { type: AtomType; count: number }[] {
    const counts = new Map<AtomType, number>();
    for (let s: AtomSpace | undefined = this; s !== undefined; s = s.parent) {
      s.typeCounts.forEach((n, id) => {
        if (n) {
          const t = this.types.byIndex(id);
          counts.set(t, (counts.get(t) ?? 0) + n);
        }
      });
    }
    return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => (a.type.name < b.type.name ? -1 : 1));
  }

  /** Number of atoms this space sees (its own and its ancestors'). */
  get size(): number {
    return this.ownCount + (this.parent ? this.parent.size : 0);
  }

  /** Number of atoms held by this space itself. */
  get ownSize(): number {
    return this.ownCount;
  }

  // ---------------------------------------------------------------- removing

  /**
   * Removes the atom. An atom with incoming links stays (returns false) unless `recursive`, which
   * removes those links first, as OpenCog's `cog-extract-recursive!` does.
   */
  remove(atom: Atom, recursive = false): boolean {
    if (atom.owner === undefined) return false;
    if (atom.owner !== this) {
      if (this.isVisible(atom)) {
        throw new AtomSpaceError('NOT_IN_SPACE', `${atom} belongs to an outer space (${(atom.owner as AtomSpace).name}); remove it there`);
      }
      return false;
    }
    const inc = atom.incomingList;
    if (inc !== undefined && inc.length > 0) {
      if (!recursive) return false;
      for (const link of [...inc]) {
        if (link.owner !== undefined) (link.owner as AtomSpace).remove(link, true);
      }
    }
    this.unindex(atom);
    return true;
  }

  /** Removes every atom of this space (not of its ancestors). */
  clear(): void {
    const own = [...this.ownAtoms()].sort((a, b) => b.id - a.id);
    if (own.length === 0) return;
    const removed = new Set(own);
    // Links of descendant frames that hold our atoms go first, the ordinary way.
    for (const a of own) {
      for (const l of [...(a.incomingList ?? [])]) {
        if (!removed.has(l) && l.owner !== undefined) (l.owner as AtomSpace).remove(l, true);
      }
    }
    // Then one pass per outside atom that our links hold, rather than one splice per link, which
    // is quadratic when many links share an atom (a frame of query results, say).
    const held = new Set<Atom>();
    for (const a of own) for (const c of a.outgoing) if (!removed.has(c)) held.add(c);
    for (const c of held) {
      const kept = c.incomingList!.filter((l) => !removed.has(l));
      c.incomingList = kept.length > 0 ? kept : undefined;
    }
    this.nodeIndex.length = 0;
    this.linkIndex.length = 0;
    this.typeCounts.fill(0);
    this.ownCount = 0;
    this.frameValues = undefined;
    for (const a of own) {
      this.detach(a);
      a.incomingList = undefined;
      if (this.listeners.length > 0) this.emit({ kind: 'remove', atom: a });
    }
    this.tvs.reset();
  }

  // ---------------------------------------------------------------- values

  /** @internal the TV this space keeps for one of its own atoms (no frame overlays). */
  ownTruthValue(atom: Atom): TruthValue {
    return this.tvs.get(atom.slot);
  }

  getTruthValue(atom: Atom): TruthValue {
    if (this.frameValues !== undefined || (atom.owner !== this && this.parent !== undefined)) {
      const f = this.frameLookup(atom, (v) => v.tv);
      if (f !== undefined) return f;
    }
    return atom.tv;
  }

  setTruthValue(atom: Atom, tv: TruthValue): void {
    if (atom.owner === this && this.listeners.length === 0) {
      this.tvs.set(atom.slot, tv);
      return;
    }
    this.mustSee(atom);
    const previous = this.getTruthValue(atom);
    if (atom.owner === this) this.tvs.set(atom.slot, tv);
    else this.frame(atom).tv = tv;
    if (this.listeners.length > 0) this.emit({ kind: 'tv', atom, value: tv, previous });
  }

  getAttentionValue(atom: Atom): AttentionValue {
    if (this.frameValues !== undefined || (atom.owner !== this && this.parent !== undefined)) {
      const f = this.frameLookup(atom, (v) => v.av);
      if (f !== undefined) return f;
    }
    return atom.avField;
  }

  setAttentionValue(atom: Atom, value: AttentionValue): void {
    this.mustSee(atom);
    const previous = this.getAttentionValue(atom);
    if (atom.owner === this) atom.avField = value;
    else this.frame(atom).av = value;
    if (this.listeners.length > 0) this.emit({ kind: 'av', atom, value, previous });
  }

  getValue(atom: Atom, key: Atom): Value | undefined {
    if (this.frameValues !== undefined || (atom.owner !== this && this.parent !== undefined)) {
      for (let s: AtomSpace | undefined = this; s !== undefined && s !== atom.owner; s = s.parent) {
        const m = s.frameValues?.get(atom)?.values;
        if (m?.has(key)) return m.get(key);
      }
    }
    return atom.valueMap?.get(key);
  }

  /** Sets (or, with undefined, removes) the value under `key`. */
  setValue(atom: Atom, key: Atom, value: Value | undefined): void {
    this.mustSee(atom);
    const k = this.isVisible(key) ? key : this.add(key);
    const previous = this.getValue(atom, k);
    if (atom.owner === this) {
      if (value === undefined) atom.valueMap?.delete(k);
      else (atom.valueMap ??= new Map()).set(k, value);
    } else {
      const f = this.frame(atom);
      (f.values ??= new Map()).set(k, value);
    }
    if (this.listeners.length > 0) this.emit({ kind: 'value', atom, key: k, value, previous });
  }

  /** Keys of the keyed values this space sees on the atom. */
  getKeys(atom: Atom): Atom[] {
    const keys = new Set(atom.valueMap?.keys() ?? []);
    for (let s: AtomSpace | undefined = this; s !== undefined && s !== atom.owner; s = s.parent) {
      const m = s.frameValues?.get(atom)?.values;
      if (m) for (const k of m.keys()) keys.add(k);
    }
    return [...keys].filter((k) => this.getValue(atom, k) !== undefined);
  }

  // ---------------------------------------------------------------- events

  /** Calls `listener` on every change of this space; returns the function that unsubscribes. */
  subscribe(listener: AtomSpaceListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  // ---------------------------------------------------------------- types

  /** Resolves a type given by name (full or short) or as an AtomType. */
  resolve(type: TypeRef): AtomType {
    return typeof type === 'string' ? this.types.get(type) : type;
  }

  // ---------------------------------------------------------------- internals

  private nodeType(type: TypeRef): AtomType {
    const t = this.resolve(type);
    if (!t.isNode) throw new AtomSpaceError('INVALID_ATOM', `${t.name} is not a node type`);
    if (t.isAbstract) throw new AtomSpaceError('INVALID_ATOM', `${t.name} is abstract and cannot be created`);
    return t;
  }

  private linkType(type: TypeRef): AtomType {
    const t = this.resolve(type);
    if (!t.isLink) throw new AtomSpaceError('INVALID_ATOM', `${t.name} is not a link type`);
    if (t.isAbstract) throw new AtomSpaceError('INVALID_ATOM', `${t.name} is abstract and cannot be created`);
    return t;
  }

  private findNode(t: AtomType, name: string): Atom | undefined {
    let s: AtomSpace | undefined = this;
    do {
      const index = s.nodeIndex[t.id];
      if (index !== undefined) {
        const a = index.get(name);
        if (a !== undefined) return a;
      }
      s = s.parent;
    } while (s !== undefined);
    return undefined;
  }

  private findLinkByHash(t: AtomType, hash: number, out: readonly Atom[]): Atom | undefined {
    for (let s: AtomSpace | undefined = this; s !== undefined; s = s.parent) {
      const bucket = s.linkIndex[t.id]?.get(hash);
      const atom = bucket === undefined ? undefined : findInBucket(bucket, out);
      if (atom !== undefined) return atom;
    }
    return undefined;
  }

  private counted(t: AtomType, delta: number): void {
    this.ownCount += delta;
    if (t.id >= this.typeCounts.length) {
      const grown = new Int32Array(Math.max(t.id + 1, this.typeCounts.length * 2));
      grown.set(this.typeCounts);
      this.typeCounts = grown;
    }
    this.typeCounts[t.id] += delta;
  }

  private collectOwnByType(t: AtomType, subtypes: boolean, out: Atom[]): void {
    const ids = subtypes ? this.presentTypeIds().filter((id) => this.types.byIndex(id).isA(t)) : [t.id];
    for (const id of ids) {
      const nodes = this.nodeIndex[id];
      if (nodes) for (const a of nodes.values()) out.push(a);
      const links = this.linkIndex[id];
      if (links) {
        for (const b of links.values()) {
          if (Array.isArray(b)) out.push(...b);
          else out.push(b);
        }
      }
    }
  }

  private presentTypeIds(): number[] {
    const ids: number[] = [];
    this.typeCounts.forEach((n, id) => {
      if (n) ids.push(id);
    });
    return ids;
  }

  private *ownAtoms(): IterableIterator<Atom> {
    for (const id of this.presentTypeIds()) {
      const nodes = this.nodeIndex[id];
      if (nodes) yield* nodes.values();
      const links = this.linkIndex[id];
      if (links) {
        for (const b of links.values()) {
          if (Array.isArray(b)) yield* b;
          else yield b;
        }
      }
    }
  }

  private unindex(atom: Atom): void {
    const t = atom.type;
    if (t.isNode) {
      this.nodeIndex[t.id]?.delete(atom.name);
    } else {
      const index = this.linkIndex[t.id]!;
      const bucket = index.get(atom.hash)!;
      if (Array.isArray(bucket)) {
        const rest = bucket.filter((a) => a !== atom);
        index.set(atom.hash, rest.length === 1 ? rest[0] : rest);
      } else index.delete(atom.hash);
      for (const child of atom.outgoing) {
        const inc = child.incomingList;
        if (inc === undefined) continue;
        const i = inc.indexOf(atom);
        if (i < 0) continue;
        if (inc.length === 1) child.incomingList = undefined;
        else if (inc.length <= SMALL_INCOMING) child.incomingList = inc.filter((l) => l !== atom);
        else inc.splice(i, 1);
      }
    }
    this.frameValues?.delete(atom);
    this.counted(t, -1);
    this.detach(atom);
    if (this.listeners.length > 0) this.emit({ kind: 'remove', atom });
  }

  /** Leaves the atom without an owner; its truth value stays readable through `atom.tv`. */
  private detach(atom: Atom): void {
    const tv = this.tvs.get(atom.slot);
    if (!tv.isDefault()) detachedTruthValues.set(atom, tv);
    this.tvs.release(atom.slot);
    atom.slot = -1;
    atom.owner = undefined;
  }

  /** DefineLink names one thing only: a second, different definition of a name is an error. */
  private checkUniqueDefinition(out: readonly Atom[]): void {
    if (out.length === 0) return;
    const other = this.getIncoming(out[0], 'DefineLink').find((l) => l.outgoing[0] === out[0]);
    if (other) {
      throw new AtomSpaceError('INVALID_ATOM', `${out[0]} is already defined as ${other.outgoing[1] ?? '(nothing)'}`);
    }
  }

  /** A closed StateLink replaces the previous closed state of the same atom. */
  private replaceOldState(state: Atom): void {
    if (hasVariable(state)) return;
    const key = state.outgoing[0];
    if (!key) return;
    for (const l of [...this.getIncoming(key, state.type)]) {
      if (l !== state && l.outgoing[0] === key && !hasVariable(l) && l.owner === this) this.remove(l, true);
    }
  }

  /** A disposed child takes no atoms: its links would sit, unseen by it, in its parent's incoming sets. */
  private mustBeOpen(): void {
    if (this.disposed) throw new AtomSpaceError('NOT_IN_SPACE', `atomspace ${this.name} is disposed`);
  }

  private mustSee(atom: Atom): void {
    if (!this.isVisible(atom)) {
      throw new AtomSpaceError('NOT_IN_SPACE', `${atom} is not in atomspace ${this.name}`);
    }
  }

  private frame(atom: Atom): FrameValues {
    this.frameValues ??= new Map();
    let f = this.frameValues.get(atom);
    if (!f) this.frameValues.set(atom, (f = {}));
    return f;
  }

  private frameLookup<T>(atom: Atom, pick: (f: FrameValues) => T | undefined): T | undefined {
    for (let s: AtomSpace | undefined = this; s !== undefined && s !== atom.owner; s = s.parent) {
      const f = s.frameValues?.get(atom);
      if (f) {
        const v = pick(f);
        if (v !== undefined) return v;
      }
    }
    return undefined;
  }

  private emit(event: AtomSpaceEvent): void {
    for (const l of this.listeners) l(event);
  }
}

function findInBucket(bucket: Atom | Atom[], out: readonly Atom[]): Atom | undefined {
  if (!Array.isArray(bucket)) return sameOutgoing(bucket.outgoing, out) ? bucket : undefined;
  for (const a of bucket) if (sameOutgoing(a.outgoing, out)) return a;
  return undefined;
}

function sameOutgoing(a: readonly Atom[], b: readonly Atom[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function hasVariable(atom: Atom): boolean {
  if (atom.type.isNode) return atom.type.name === 'VariableNode' || atom.type.name === 'GlobNode';
  return atom.outgoing.some(hasVariable);
}

/** NumberNode names are numbers: "3", "3.0" and "+3" name one atom, written as "3". */
export function canonicalNumberName(name: string): string {
  const trimmed = name.trim();
  const x = Number(trimmed);
  if (trimmed === '' || Number.isNaN(x)) {
    throw new AtomSpaceError('INVALID_ATOM', `NumberNode name must be a number, got "${name}"`);
  }
  return String(x);
}
