/**
 * Content keys. An atom's key is the lowercase hex SHA-256 of
 * - a node: `N` NUL type NUL name (UTF-8), e.g. sha256("N\0ConceptNode\0cat");
 * - a link: `L` NUL type NUL the keys of its outgoing set joined by NUL, sorted for unordered
 *   link types (SetLink, AndLink, ...), so member order never makes two keys.
 * Type names are the full ones (`ConceptNode`), NumberNode names the kernel's canonical numbers.
 * A key depends only on the atom (no values, no ids, no type registration order), and a flat
 * record can be checked against its key without its outgoing atoms at hand.
 */
import { createHash } from 'node:crypto';
import { AtomSpace, atomFromJson, type Atom, type AtomJson, type TypeRegistry } from '@ai-opencog/atomspace';
import type { AtomKey } from './atom-store';

export function nodeKey(type: string, name: string): AtomKey {
  return createHash('sha256').update(`N\0${type}\0${name}`).digest('hex');
}

export function linkKey(type: string, outgoing: readonly AtomKey[], unordered: boolean): AtomKey {
  const keys = unordered ? [...outgoing].sort() : outgoing;
  return createHash('sha256').update(`L\0${type}\0${keys.join('\0')}`).digest('hex');
}

/** Where keys are remembered: a Map or a WeakMap. */
export interface KeyMemo {
  get(atom: Atom): AtomKey | undefined;
  set(atom: Atom, key: AtomKey): unknown;
}

/** Atoms are immutable in identity, so their keys are remembered while they live. */
const remembered = new WeakMap<Atom, AtomKey>();

/**
 * The key of an atom. `memo` (e.g. a Map that lives as long as one batch) remembers keys in
 * place of the process-wide WeakMap, which is slow to collect when it holds millions.
 */
export function atomKey(atom: Atom, memo: KeyMemo = remembered): AtomKey {
  let key = memo.get(atom);
  if (key === undefined) {
    key = atom.type.isNode
      ? nodeKey(atom.type.name, atom.name)
      : linkKey(atom.type.name, atom.outgoing.map((o) => atomKey(o, memo)), atom.type.isUnordered);
    memo.set(atom, key);
  }
  return key;
}

/** The key of the atom `json` describes (types and names made canonical through `types`). */
export function atomJsonKey(json: AtomJson, types: TypeRegistry): AtomKey {
  return atomKey(atomFromJson(new AtomSpace({ types }), json), new Map());
}

/** Depth of an atom: 0 for nodes, 1 + the deepest outgoing atom for links. Export order uses it. */
export function atomDepth(atom: Atom): number {
  let d = 0;
  for (const o of atom.outgoing) d = Math.max(d, atomDepth(o) + 1);
  return d;
}
