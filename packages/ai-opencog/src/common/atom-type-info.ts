import { TypeRegistry, type AtomType } from '@ai-opencog/atomspace';

/*
 * The kernel's type hierarchy as the editor shows it: the names to complete after '(' and, for a
 * hover, where a type sits (its ancestors up to Atom, its direct subtypes).
 */

export interface TypeEntry {
  name: string;
  shortName?: string;
  kind: 'node' | 'link' | 'value' | 'atom';
  abstract: boolean;
  parents: string[];
}

export interface TypeDescription extends TypeEntry {
  /** Each path from the type up to the root, nearest first: `ConceptNode → Node → Atom → Value`. */
  ancestry: string[][];
  subtypes: string[];
}

let shared: TypeRegistry | undefined;

/** The kernel's classic types (one registry for the process). */
export function classicTypes(): TypeRegistry {
  shared ??= new TypeRegistry();
  return shared;
}

function kindOf(t: AtomType): TypeEntry['kind'] {
  if (t.isNode) return 'node';
  if (t.isLink) return 'link';
  if (t.name === 'Atom') return 'atom';
  return 'value';
}

function entryOf(t: AtomType): TypeEntry {
  return { name: t.name, shortName: t.shortName, kind: kindOf(t), abstract: t.isAbstract, parents: t.parents.map((p) => p.name) };
}

/** Every type, in registry order. */
export function typeEntries(types: TypeRegistry = classicTypes()): TypeEntry[] {
  return types.all().map(entryOf);
}

/** True when `name` (full or short) is an atom type (not a value type). */
export function isAtomTypeName(name: string, types: TypeRegistry = classicTypes()): boolean {
  const t = types.find(name);
  return t !== undefined && (t.isNode || t.isLink);
}

export function describeType(name: string, types: TypeRegistry = classicTypes()): TypeDescription | undefined {
  const t = types.find(name);
  if (!t) return undefined;
  const ancestry: string[][] = [];
  const walk = (type: AtomType, path: string[]) => {
    if (type.parents.length === 0) {
      ancestry.push(path);
      return;
    }
    for (const p of type.parents) walk(p, [...path, p.name]);
  };
  walk(t, [t.name]);
  const subtypes = types
    .all()
    .filter((s) => s.parents.some((p) => p.id === t.id))
    .map((s) => s.name);
  return { ...entryOf(t), ancestry, subtypes };
}

/** Markdown for a hover on a type name. */
export function typeHoverMarkdown(name: string, types: TypeRegistry = classicTypes()): string | undefined {
  const d = describeType(name, types);
  if (!d) return undefined;
  const lines = [`**${d.name}**${d.shortName ? ` (short: \`${d.shortName}\`)` : ''} — ${d.abstract ? 'abstract ' : ''}${d.kind} type`, ''];
  for (const path of d.ancestry) lines.push(`\`${path.join(' → ')}\`  `);
  if (d.subtypes.length > 0) {
    const shown = d.subtypes.slice(0, 12);
    lines.push('', `Subtypes: ${shown.map((s) => `\`${s}\``).join(', ')}${d.subtypes.length > shown.length ? `, … (${d.subtypes.length} in all)` : ''}`);
  }
  return lines.join('\n');
}
