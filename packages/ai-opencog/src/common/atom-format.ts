import type { AtomJson, TruthValueJson } from '@ai-opencog/protocol';

/*
 * Atoms as the IDE prints them: Atomese text from the services' JSON form (without the kernel),
 * short labels for lists and graph nodes, truth values, and a structural key that names an atom
 * whatever service or handle it came from.
 */

export interface AtomTextOptions {
  /** `Concept` rather than `ConceptNode`. */
  short?: boolean;
  /** Add non-default truth values. */
  values?: boolean;
  /** Longest text; longer ones end with `…`. */
  maxLength?: number;
}

/** `(stv 0.9 0.8)`, `(ctv 0.9 0.8 12)`. */
export function truthValueText(tv: TruthValueJson | undefined): string {
  if (!tv) return '';
  const n = (x: number) => String(Number(x.toFixed(4)));
  return tv.type === 'ctv' ? `(ctv ${n(tv.strength)} ${n(tv.confidence)} ${n(tv.count ?? 0)})` : `(stv ${n(tv.strength)} ${n(tv.confidence)})`;
}

/** True for OpenCog's default truth value `(stv 1 0)`. */
export function isDefaultTruthValue(tv: TruthValueJson | undefined): boolean {
  return !tv || (tv.type !== 'ctv' && tv.strength === 1 && tv.confidence === 0);
}

export function shortTypeName(type: string): string {
  if (type.endsWith('Node') && type.length > 4) return type.slice(0, -4);
  if (type.endsWith('Link') && type.length > 4) return type.slice(0, -4);
  return type;
}

function quote(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Compact Atomese of a JSON atom. */
export function atomText(atom: AtomJson, options: AtomTextOptions = {}): string {
  const parts: string[] = [];
  const write = (a: AtomJson) => {
    parts.push('(', options.short ? shortTypeName(a.type) : a.type);
    if (options.values && !isDefaultTruthValue(a.tv)) parts.push(' ', truthValueText(a.tv));
    if (a.name !== undefined) parts.push(' ', quote(a.name));
    for (const o of a.outgoing ?? []) {
      parts.push(' ');
      write(o);
    }
    parts.push(')');
  };
  write(atom);
  const text = parts.join('');
  const max = options.maxLength;
  return max !== undefined && text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/** A short label: a node's name, or a link's short type with its arity. */
export function atomLabel(atom: AtomJson): string {
  if (atom.name !== undefined) return atom.name.length > 40 ? `${atom.name.slice(0, 39)}…` : atom.name;
  return `${shortTypeName(atom.type)}${atom.outgoing && atom.outgoing.length > 0 ? '' : ' ()'}`;
}

/** A key that identifies the atom by content: the same atom gives the same key everywhere. */
export function atomKey(atom: AtomJson): string {
  if (atom.name !== undefined) return `${atom.type}\u0000${atom.name}`;
  return `${atom.type}(${(atom.outgoing ?? []).map(atomKey).join('\u0001')})`;
}

/** The atom without its values, for lookups by content. */
export function bareAtom(atom: AtomJson): AtomJson {
  return atom.name !== undefined ? { type: atom.type, name: atom.name } : { type: atom.type, outgoing: (atom.outgoing ?? []).map(bareAtom) };
}
