import {
  AtomSpace,
  formatNumber,
  quoteSchemeString,
  truthValueFromJson,
  valueFromJson,
  writeValue,
  type AtomJson,
  type TypeRegistry,
} from '@ai-opencog/atomspace';

/**
 * Writes the kernel's nested atom JSON as one line of Atomese in OpenCog's Scheme form, which
 * the kernel's reader reads back to the same atom and values: `(InheritanceLink (stv 0.9 0.8)
 * (ConceptNode "cat") (ConceptNode "animal"))`. Values are written as the kernel's writer does
 * (attention value, truth value, then `(alist (cons KEY VALUE) ...)`); numbers and values through
 * the kernel's `writeValue`. Type names are written as stored, so types this process does not know
 * are written too.
 */
export class AtomeseText {
  private readonly scratch: AtomSpace;

  constructor(types: TypeRegistry) {
    this.scratch = new AtomSpace({ types, name: 'atomese-text' });
  }

  write(atom: AtomJson): string {
    const parts: string[] = [];
    this.atom(atom, parts);
    return parts.join('');
  }

  private atom(a: AtomJson, parts: string[]): void {
    parts.push('(', a.type);
    if (a.outgoing === undefined) {
      parts.push(' ', quoteSchemeString(a.name ?? ''));
      this.values(a, parts);
    } else {
      this.values(a, parts);
      for (const child of a.outgoing) {
        parts.push(' ');
        this.atom(child, parts);
      }
    }
    parts.push(')');
  }

  private values(a: AtomJson, parts: string[]): void {
    if (a.av) parts.push(` (av ${formatNumber(a.av.sti)} ${formatNumber(a.av.lti)} ${formatNumber(a.av.vlti ?? 0)})`);
    if (a.tv) parts.push(' ', writeValue(truthValueFromJson(a.tv)));
    if (!a.values || a.values.length === 0) return;
    parts.push(' (alist');
    for (const { key, value } of a.values) {
      parts.push(' (cons ');
      this.atom(stripValues(key), parts);
      parts.push(' ', writeValue(valueFromJson(this.scratch, value), { style: 'compact', values: false }), ')');
    }
    parts.push(')');
    // Atoms inside LinkValues land in the scratch space: keep it from growing.
    if (this.scratch.size > 10_000) this.scratch.clear();
  }
}

function stripValues(a: AtomJson): AtomJson {
  return a.outgoing === undefined ? { type: a.type, name: a.name ?? '' } : { type: a.type, outgoing: a.outgoing.map(stripValues) };
}
