import type { Atom } from '@ai-opencog/atomspace';

/**
 * A text that is the same for alpha-equivalent atom sequences: the given variables are renamed
 * `?0, ?1 ...` in order of first occurrence. Used to recognize a specialized rule or an and-BIT
 * already seen, whatever fresh names its variables got.
 */
export function canonicalKey(atoms: readonly Atom[], isVariable: (a: Atom) => boolean): string {
  const names = new Map<Atom, string>();
  const parts: string[] = [];
  const write = (a: Atom): void => {
    if (a.type.isNode) {
      if (isVariable(a)) {
        let n = names.get(a);
        if (n === undefined) names.set(a, (n = `?${names.size}`));
        parts.push(n);
      } else parts.push(`${a.type.id}:${JSON.stringify(a.name)}`);
      return;
    }
    parts.push(`(${a.type.id}`);
    for (const c of a.outgoing) {
      parts.push(' ');
      write(c);
    }
    parts.push(')');
  };
  for (const a of atoms) {
    write(a);
    parts.push('|');
  }
  return parts.join('');
}
