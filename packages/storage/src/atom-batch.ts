/**
 * Turns what callers write (nested AtomJson, or flat StoredAtom records) into checked, canonical
 * writes: one per atom, in dependency order, each with its key, depth and the values to apply.
 * Atoms go through a scratch AtomSpace, so types, unordered links and NumberNode names are
 * exactly as the kernel has them. Every backend writes these; none parses JSON itself.
 */
import {
  AtomSpace,
  AtomSpaceError,
  atomFromJson,
  atomToJson,
  isAtomValue,
  truthValueFromJson,
  truthValueToJson,
  valueFromJson,
  valueToJson,
  type Atom,
  type AttentionValueJson,
  type TruthValueJson,
  type TypeRegistry,
  type Value,
} from '@ai-opencog/atomspace';
import { atomDepth, atomKey, linkKey, nodeKey } from './atom-key';
import type { AtomKey, KeyedValueJson, UpsertMode } from './atom-store';
import { StorageError } from './errors';

/** One atom to store, and which of its values the write sets. */
export interface AtomWrite {
  key: AtomKey;
  type: string;
  /** Nodes only. */
  name?: string;
  /** Links only. */
  outgoing?: AtomKey[];
  depth: number;
  /** Undefined: the default (or not given, see setTv). */
  tv?: TruthValueJson;
  av?: AttentionValueJson;
  /** Keyed values by the key of their key atom. */
  values: Map<AtomKey, KeyedValueJson>;
  /** Whether the write sets the truth value (else a stored atom keeps its own). */
  setTv: boolean;
  setAv: boolean;
  /** Whether `values` replace all keyed values of a stored atom (else they are merged in by key). */
  replaceValues: boolean;
}

export interface AtomBatch {
  /** Each atom once, an atom after the atoms of its outgoing set. */
  writes: AtomWrite[];
  /** The key of each top-level input item, in input order. */
  keys: AtomKey[];
}

/** Flattens a batch of nested AtomJson (see AtomStore.upsertAtoms). INVALID_ATOM names the JSON path. */
export function flattenAtomBatch(input: readonly unknown[], types: TypeRegistry, mode: UpsertMode = 'merge'): AtomBatch {
  const builder = new BatchBuilder(types);
  const keys = input.map((json, i) => builder.visit(json, `$[${i}]`, mode === 'replace'));
  return { writes: builder.writes(), keys };
}

const KEY = /^[0-9a-f]{64}$/;

/**
 * Checks flat records (see AtomStore.applyChanges): known full type names, node/link shape,
 * canonical names, values, and that each key is the content key of its record. Each record is the
 * full state of its atom. Link depths are set by {@link assignDepths} once the store has looked up
 * the outgoing atoms that are not in the batch ({@link outgoingOutside}).
 */
export function checkRecords(records: readonly unknown[], types: TypeRegistry): AtomBatch {
  const builder = new BatchBuilder(types);
  const keys = records.map((r, i) => builder.record(r, `$[${i}]`));
  return { writes: builder.writes(), keys };
}

/** Outgoing keys of checked records that no earlier write of the batch provides. */
export function outgoingOutside(batch: AtomBatch): AtomKey[] {
  const seen = new Set<AtomKey>();
  const outside = new Set<AtomKey>();
  for (const w of batch.writes) {
    for (const k of w.outgoing ?? []) if (!seen.has(k)) outside.add(k);
    seen.add(w.key);
  }
  return [...outside];
}

/**
 * Sets the depth of every link of checked records from the depths of stored atoms (`stored`) and
 * earlier writes; an outgoing atom found in neither is INVALID_ATOM.
 */
export function assignDepths(batch: AtomBatch, stored: ReadonlyMap<AtomKey, number>): void {
  const depth = new Map<AtomKey, number>();
  for (const w of batch.writes) {
    if (w.outgoing) {
      let d = 0;
      for (const k of w.outgoing) {
        const od = depth.get(k) ?? stored.get(k);
        if (od === undefined) invalid(`atom ${w.key}: outgoing atom ${k} is neither stored nor earlier in the change`);
        d = Math.max(d, od + 1);
      }
      w.depth = d;
    }
    depth.set(w.key, w.depth);
  }
}

class BatchBuilder {
  private readonly space: AtomSpace;
  private readonly byAtom = new Map<Atom, AtomWrite>();
  private readonly keys = new Map<Atom, AtomKey>();
  /** Flat records by key, in input order. */
  private readonly records = new Map<AtomKey, AtomWrite>();

  constructor(private readonly types: TypeRegistry) {
    this.space = new AtomSpace({ types });
  }

  /** One write per key; a flat record wins over an atom met inside a value. */
  writes(): AtomWrite[] {
    const out = new Map<AtomKey, AtomWrite>();
    for (const w of this.byAtom.values()) out.set(w.key, w);
    for (const w of this.records.values()) out.set(w.key, w);
    return [...out.values()];
  }

  /** Adds the atom `json` describes (and everything in it); returns its key. */
  visit(json: unknown, path: string, replaceTop: boolean): AtomKey {
    return this.key(this.visitAtom(json, path, replaceTop));
  }

  private visitAtom(json: unknown, path: string, replaceTop: boolean): Atom {
    const o = object(json, path);
    const type = this.atomType(o.type, `${path}.type`);
    let atom: Atom;
    if (type.isNode) {
      if (typeof o.name !== 'string') invalid(`${path}.name must be a string for node type ${type.name}`);
      if (o.outgoing !== undefined) invalid(`${path}: a node has no outgoing set`);
      checkText(o.name as string, `${path}.name`);
      atom = kernel(path, () => this.space.addNode(type, o.name as string));
    } else {
      if (!Array.isArray(o.outgoing)) invalid(`${path}.outgoing must be an array for link type ${type.name}`);
      if (o.name !== undefined) invalid(`${path}: a link has no name`);
      const out = (o.outgoing as unknown[]).map((x, i) => this.visitAtom(x, `${path}.outgoing[${i}]`, false));
      atom = kernel(path, () => this.space.addLink(type, out));
    }
    const w = this.write(atom);
    if (replaceTop) {
      w.tv = undefined;
      w.av = undefined;
      w.values = new Map();
      w.setTv = w.setAv = w.replaceValues = true;
    }
    this.applyValues(w, o, path);
    return atom;
  }

  record(json: unknown, path: string): AtomKey {
    const o = object(json, path);
    if (typeof o.key !== 'string' || !KEY.test(o.key)) invalid(`${path}.key must be 64 lowercase hex digits`);
    const type = this.atomType(o.type, `${path}.type`);
    if (o.type !== type.name) invalid(`${path}.type must be the full type name ${type.name}`);
    const w: AtomWrite = { key: o.key as string, type: type.name, depth: 0, values: new Map(), setTv: true, setAv: true, replaceValues: true };
    if (type.isNode) {
      if (typeof o.name !== 'string') invalid(`${path}.name must be a string for node type ${type.name}`);
      if (o.outgoing !== undefined) invalid(`${path}: a node has no outgoing set`);
      const name = o.name as string;
      checkText(name, `${path}.name`);
      if (kernel(path, () => this.space.addNode(type, name)).name !== name) invalid(`${path}.name '${name}' is not canonical for ${type.name}`);
      w.name = name;
    } else {
      if (!Array.isArray(o.outgoing)) invalid(`${path}.outgoing must be an array for link type ${type.name}`);
      if (o.name !== undefined) invalid(`${path}: a link has no name`);
      (o.outgoing as unknown[]).forEach((k, i) => {
        if (typeof k !== 'string' || !KEY.test(k)) invalid(`${path}.outgoing[${i}] must be an atom key`);
      });
      w.outgoing = [...(o.outgoing as string[])];
    }
    const expected = w.outgoing ? linkKey(type.name, w.outgoing, type.isUnordered) : nodeKey(type.name, w.name!);
    if (expected !== o.key) invalid(`${path}.key does not match the atom (expected ${expected})`);
    this.applyValues(w, o, path);
    this.records.set(w.key, w);
    return w.key;
  }

  private atomType(name: unknown, path: string) {
    if (typeof name !== 'string') invalid(`${path} must be a type name string`);
    const type = this.types.find(name as string);
    if (!type || !(type.isNode || type.isLink)) invalid(`${path}: unknown atom type '${String(name)}'`);
    if (type!.isAbstract) invalid(`${path}: ${type!.name} is abstract and cannot be created`);
    return type!;
  }

  private write(atom: Atom): AtomWrite {
    let w = this.byAtom.get(atom);
    if (w === undefined) {
      const isNode = atom.type.isNode;
      w = {
        key: this.key(atom),
        type: atom.type.name,
        name: isNode ? atom.name : undefined,
        outgoing: isNode ? undefined : atom.outgoing.map((o) => this.key(o)),
        depth: isNode ? 0 : atomDepth(atom),
        values: new Map(),
        setTv: false,
        setAv: false,
        replaceValues: false,
      };
      this.byAtom.set(atom, w);
    }
    return w;
  }

  private key(atom: Atom): AtomKey {
    return atomKey(atom, this.keys);
  }

  private applyValues(w: AtomWrite, o: Record<string, unknown>, path: string): void {
    if (o.tv !== undefined) {
      const tv = kernel(path, () => truthValueFromJson(o.tv, `${path}.tv`));
      w.tv = tv.isDefault() ? undefined : truthValueToJson(tv);
      w.setTv = true;
    }
    if (o.av !== undefined) {
      const a = object(o.av, `${path}.av`);
      const value = kernel(path, () => valueFromJson(this.space, { ...a, kind: 'av' }, `${path}.av`));
      w.av = value.kind === 'av' && !value.isDefault() ? { sti: value.sti, lti: value.lti, vlti: value.vlti } : undefined;
      w.setAv = true;
    }
    if (o.values !== undefined) {
      if (!Array.isArray(o.values)) invalid(`${path}.values must be an array`);
      (o.values as unknown[]).forEach((entry, i) => {
        const p = `${path}.values[${i}]`;
        const e = object(entry, p);
        const key = kernel(p, () => atomFromJson(this.space, e.key, `${p}.key`));
        this.register(key);
        const value = kernel(p, () => valueFromJson(this.space, e.value, `${p}.value`));
        this.registerInside(value);
        const json = valueToJson(value);
        checkText(JSON.stringify(json), `${p}.value`);
        w.values.set(this.key(key), { key: atomToJson(key, { values: false }), value: json });
      });
    }
  }

  /** Key atoms and atoms inside LinkValues are atoms of the base too, as in the kernel. */
  private register(atom: Atom): void {
    if (this.byAtom.has(atom)) return;
    for (const o of atom.outgoing) this.register(o);
    checkText(atom.name, '$ (an atom inside a value)');
    this.write(atom);
  }

  private registerInside(value: Value | Atom): void {
    if (isAtomValue(value)) this.register(value);
    else if (value.kind === 'link') for (const item of value.items) this.registerInside(item);
  }
}

function object(x: unknown, path: string): Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) invalid(`${path} must be an object`);
  return x as Record<string, unknown>;
}

/** PostgreSQL text and jsonb cannot hold NUL characters, so no store accepts them. */
function checkText(s: string, path: string): void {
  if (s.includes('\u0000') || s.includes('\\u0000')) invalid(`${path} must not contain NUL characters`);
}

function kernel<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof AtomSpaceError) invalid(e.message.startsWith('$') ? e.message : `${path}: ${e.message}`);
    throw e;
  }
}

function invalid(message: string): never {
  throw new StorageError('INVALID_ATOM', message);
}
