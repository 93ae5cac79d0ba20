import type { Atom } from '../atoms/atom';
import type { AtomSpace } from '../atoms/atomspace';
import { formatNumber } from '../values/truth-value';
import { isAtomValue, type Value } from '../values/value';
import { quoteSchemeString } from './scheme-string';

export interface WriteOptions {
  /** `pretty`: one atom per line, indented, as OpenCog prints; `compact`: all on one line. Default pretty. */
  style?: 'pretty' | 'compact';
  /** `ConceptNode` (default, as OpenCog writes files) or the short `Concept`. */
  typeNames?: 'full' | 'short';
  /** Write non-default truth and attention values and keyed values (default true). */
  values?: boolean;
  /** Read values through this space (a frame may overlay values); defaults to the atoms' own. */
  space?: AtomSpace;
  /** Indentation unit of the pretty style (default two spaces). */
  indent?: string;
}

/** Writes an atom as Atomese that the reader reads back to the same atom and values. */
export function writeAtom(atom: Atom, options: WriteOptions = {}): string {
  const w = new AtomWriter(options);
  w.atom(atom, 0);
  return w.text();
}

/** Writes a value: `(stv 0.8 0.9)`, `(FloatValue 1 2)`, `(LinkValue ...)` with atoms inside. */
export function writeValue(value: Value | Atom, options: WriteOptions = {}): string {
  const w = new AtomWriter(options);
  w.valueOrAtom(value, 0);
  return w.text();
}

/**
 * Writes every atom of the space that is not inside another atom, one top-level expression each,
 * in creation order: nested atoms (and their values) are written inside their parents.
 */
export function* writeAtomSpace(space: AtomSpace, options: WriteOptions = {}): IterableIterator<string> {
  for (const atom of rootAtoms(space)) yield writeAtom(atom, { ...options, space });
}

/** Atoms with no incoming link, in creation order. */
export function rootAtoms(space: AtomSpace): Atom[] {
  const roots: Atom[] = [];
  for (const a of space.atoms()) if (space.getIncoming(a).length === 0) roots.push(a);
  return roots.sort((a, b) => a.id - b.id);
}

class AtomWriter {
  private readonly parts: string[] = [];
  private readonly pretty: boolean;
  private readonly short: boolean;
  private readonly withValues: boolean;
  private readonly unit: string;

  constructor(private readonly options: WriteOptions) {
    this.pretty = options.style !== 'compact';
    this.short = options.typeNames === 'short';
    this.withValues = options.values !== false;
    this.unit = options.indent ?? '  ';
  }

  text(): string {
    return this.parts.join('');
  }

  atom(a: Atom, depth: number): void {
    const type = this.short && a.type.shortName ? a.type.shortName : a.type.name;
    this.parts.push('(', type);
    if (a.type.isNode) {
      this.parts.push(' ', quoteSchemeString(a.name));
      this.values(a, depth);
      this.parts.push(')');
      return;
    }
    this.values(a, depth);
    if (a.outgoing.length === 0) {
      this.parts.push(')');
      return;
    }
    for (const child of a.outgoing) {
      this.separator(depth + 1);
      this.atom(child, depth + 1);
    }
    if (this.pretty) this.separator(depth);
    this.parts.push(')');
  }

  valueOrAtom(v: Value | Atom, depth: number): void {
    if (isAtomValue(v)) {
      this.atom(v, depth);
      return;
    }
    switch (v.kind) {
      case 'tv':
      case 'av':
        this.parts.push(v.toString());
        return;
      case 'float':
        this.parts.push('(FloatValue', ...v.items.map((x) => ` ${formatNumber(x)}`), ')');
        return;
      case 'string':
        this.parts.push('(StringValue', ...v.items.map((x) => ` ${quoteSchemeString(x)}`), ')');
        return;
      case 'link':
        this.parts.push('(LinkValue');
        for (const item of v.items) {
          this.separator(depth + 1);
          this.valueOrAtom(item, depth + 1);
        }
        if (this.pretty && v.items.length > 0) this.separator(depth);
        this.parts.push(')');
    }
  }

  private values(a: Atom, depth: number): void {
    if (!this.withValues) return;
    const space = this.options.space;
    const av = space ? space.getAttentionValue(a) : a.av;
    const tv = space ? space.getTruthValue(a) : a.tv;
    if (!av.isDefault()) this.parts.push(' ', av.toString());
    if (!tv.isDefault()) this.parts.push(' ', tv.toString());
    const keys = space ? space.getKeys(a) : a.keys();
    if (keys.length === 0) return;
    this.parts.push(' (alist');
    for (const k of keys.sort((x, y) => x.id - y.id)) {
      const v = space ? space.getValue(a, k) : a.getValue(k);
      if (v === undefined) continue;
      this.parts.push(' (cons ');
      // As OpenCog writes them: the key and atoms inside the value go without their own values,
      // which also ends the recursion of an atom that is its own key or holds itself in a LinkValue.
      const inner = new AtomWriter({ ...this.options, style: 'compact', values: false });
      inner.atom(k, depth);
      inner.parts.push(' ');
      inner.valueOrAtom(v, depth);
      this.parts.push(inner.text(), ')');
    }
    this.parts.push(')');
  }

  private separator(depth: number): void {
    if (this.pretty) this.parts.push('\n', this.unit.repeat(depth));
    else this.parts.push(' ');
  }
}
