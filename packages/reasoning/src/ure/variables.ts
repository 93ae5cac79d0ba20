import type { Atom, AtomSpace, AtomType } from '@ai-opencog/atomspace';

/**
 * What a declared variable may stand for: the type specification as written (re-emitted into
 * the queries the chainers run, where the pattern matcher enforces it) and, when it is a plain
 * TypeNode / TypeInhNode / TypeCoInhNode / TypeChoice, the set of accepted types, used to prune
 * unifications early. Deep specifications (SignatureLink ...) have no set: only the matcher checks
 * them.
 */
export interface VariableType {
  readonly spec: Atom;
  readonly types: ReadonlySet<AtomType> | undefined;
}

/** Declared variables in declaration order; `undefined` means untyped (any atom). */
export type Variables = ReadonlyMap<Atom, VariableType | undefined>;

const DECLARATION_TYPES = new Set(['VariableNode', 'GlobNode', 'VariableList', 'VariableSet', 'TypedVariableLink']);

export function isVariableNode(a: Atom): boolean {
  return a.type.name === 'VariableNode' || a.type.name === 'GlobNode';
}

export function isDeclaration(a: Atom): boolean {
  return DECLARATION_TYPES.has(a.type.name);
}

/** Reads a variable declaration (a variable, TypedVariableLink, VariableList or VariableSet). */
export function readVariables(space: AtomSpace, decl: Atom | undefined): Map<Atom, VariableType | undefined> {
  const vars = new Map<Atom, VariableType | undefined>();
  if (decl === undefined) return vars;
  const items = decl.type.name === 'VariableList' || decl.type.name === 'VariableSet' ? decl.outgoing : [decl];
  for (const item of items) {
    if (isVariableNode(item)) vars.set(item, undefined);
    else if (item.type.name === 'TypedVariableLink' && item.arity === 2 && isVariableNode(item.outgoing[0])) {
      vars.set(item.outgoing[0], { spec: item.outgoing[1], types: acceptedTypes(space, item.outgoing[1]) });
    }
  }
  return vars;
}

/** The set of types a type specification accepts at the top level, or undefined for deep specifications. */
function acceptedTypes(space: AtomSpace, spec: Atom): Set<AtomType> | undefined {
  const registry = space.types;
  switch (spec.type.name) {
    case 'TypeNode': {
      const t = registry.find(spec.name);
      return new Set(t ? [t] : []);
    }
    case 'TypeInhNode': {
      const t = registry.find(spec.name);
      return new Set(t ? registry.subtypesOf(t) : []);
    }
    case 'TypeCoInhNode': {
      const t = registry.find(spec.name);
      return new Set(t ? registry.all().filter((x) => t.isA(x)) : []);
    }
    case 'TypeChoice': {
      const out = new Set<AtomType>();
      for (const c of spec.outgoing) {
        const sub = acceptedTypes(space, c);
        if (sub === undefined) return undefined;
        for (const t of sub) out.add(t);
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** Whether `atom` may ground a variable of this type (deep specifications are left to the matcher). */
export function typeAccepts(t: VariableType | undefined, atom: Atom): boolean {
  return t === undefined || t.types === undefined || t.types.has(atom.type);
}

/**
 * The type of a variable that must satisfy both `a` and `b` (two variables unified together), or
 * null when no atom can. With a deep specification on either side the other is kept as it is.
 */
export function intersectTypes(
  space: AtomSpace,
  a: VariableType | undefined,
  b: VariableType | undefined,
): VariableType | undefined | null {
  if (a === undefined) return b;
  if (b === undefined || a.spec === b.spec) return a;
  if (a.types === undefined) return a;
  if (b.types === undefined) return b;
  const common = [...a.types].filter((t) => b.types!.has(t));
  if (common.length === 0) return null;
  if (common.length === a.types.size) return a;
  if (common.length === b.types.size) return b;
  const nodes = common.map((t) => space.addNode('TypeNode', t.name));
  const spec = nodes.length === 1 ? nodes[0] : space.addLink('TypeChoice', nodes);
  return { spec, types: new Set(common) };
}

/** A declaration of the given variables (in order): a VariableList of variables and TypedVariableLinks. */
export function declarationOf(space: AtomSpace, vars: Iterable<[Atom, VariableType | undefined]>): Atom {
  const items: Atom[] = [];
  for (const [v, t] of vars) items.push(t === undefined ? v : space.addLink('TypedVariableLink', [v, t.spec]));
  return space.addLink('VariableList', items);
}

/**
 * Declared variables occurring in `atoms` (not quoted, not bound by an inner scope), in order of
 * first occurrence.
 */
export function occurringVariables(atoms: readonly Atom[], declared: Variables): Atom[] {
  const found = new Set<Atom>();
  const walk = (a: Atom, level: number, bound: ReadonlySet<Atom>): void => {
    if (a.type.isNode) {
      if (level === 0 && declared.has(a) && !bound.has(a)) found.add(a);
      return;
    }
    const name = a.type.name;
    if (name === 'QuoteLink') return walk(a.outgoing[0], level + 1, bound);
    if (name === 'UnquoteLink') return walk(a.outgoing[0], Math.max(0, level - 1), bound);
    let inner = bound;
    if (level === 0 && isScope(a)) {
      const head = a.outgoing[0];
      if (head === undefined || !isDeclaration(head)) return;
      inner = new Set([...bound, ...declaredIn(head)]);
    }
    for (const c of a.outgoing) walk(c, level, inner);
  };
  for (const a of atoms) walk(a, 0, new Set());
  return [...found];
}

/**
 * The VariableNodes of `atoms` that are neither quoted nor bound by a scope inside them, in order
 * of first occurrence: the implicit variables of a pattern given without a declaration.
 */
export function freeVariables(atoms: readonly Atom[]): Atom[] {
  const found = new Set<Atom>();
  const walk = (a: Atom, level: number, bound: ReadonlySet<Atom>): void => {
    if (a.type.isNode) {
      if (level === 0 && a.type.name === 'VariableNode' && !bound.has(a)) found.add(a);
      return;
    }
    const name = a.type.name;
    if (name === 'QuoteLink') return walk(a.outgoing[0], level + 1, bound);
    if (name === 'UnquoteLink') return walk(a.outgoing[0], Math.max(0, level - 1), bound);
    const head = a.outgoing[0];
    const inner = level === 0 && isScope(a) && head !== undefined && isDeclaration(head) ? new Set([...bound, ...declaredIn(head)]) : bound;
    for (const c of a.outgoing) walk(c, level, inner);
  };
  for (const a of atoms) walk(a, 0, new Set());
  return [...found];
}

/** ScopeLinks bind the variables of their first member (ImplicationScope, Lambda, Bind ...). */
export function isScope(a: Atom): boolean {
  return a.type.isLink && isOfType(a.type, 'ScopeLink');
}

const ancestry = new WeakMap<AtomType, Set<string>>();

/** Whether `t` is the type named `name` or derives from it (independent of the registry). */
export function isOfType(t: AtomType, name: string): boolean {
  let names = ancestry.get(t);
  if (names === undefined) {
    names = new Set([t.name]);
    for (const p of t.parents) {
      isOfType(p, name);
      for (const n of ancestry.get(p)!) names.add(n);
    }
    ancestry.set(t, names);
  }
  return names.has(name);
}

/** The variables a declaration atom declares. */
export function declaredIn(decl: Atom): Atom[] {
  const items = decl.type.name === 'VariableList' || decl.type.name === 'VariableSet' ? decl.outgoing : [decl];
  return items.map((i) => (i.type.name === 'TypedVariableLink' ? i.outgoing[0] : i)).filter(isVariableNode);
}

/**
 * Whether the atom has a variable not declared by a scope inside it (quotations are looked
 * through). Such atoms are patterns (the clauses of rules and queries held in the same space), not
 * knowledge: the chainers never take them as groundings.
 */
export function hasFreeVariable(atom: Atom, bound: ReadonlySet<Atom> = new Set()): boolean {
  if (atom.type.isNode) return isVariableNode(atom) && !bound.has(atom);
  const head = atom.outgoing[0];
  const inner = isScope(atom) && head !== undefined && isDeclaration(head) ? new Set([...bound, ...declaredIn(head)]) : bound;
  return atom.outgoing.some((c) => hasFreeVariable(c, inner));
}

/**
 * Whether the atom a clause grounds to (the clause with `subst` applied, quotations removed) has a
 * free variable: see {@link hasFreeVariable}. Checked without building that atom.
 */
export function groundingHasFreeVariable(clause: Atom, subst: ReadonlyMap<Atom, Atom>): boolean {
  const value = (a: Atom, level: number): Atom | undefined => (level === 0 ? subst.get(a) : undefined);
  const walk = (a: Atom, level: number, bound: ReadonlySet<Atom>): boolean => {
    if (a.type.isNode) {
      const v = value(a, level);
      return v !== undefined ? hasFreeVariable(v, bound) : isVariableNode(a) && !bound.has(a);
    }
    const name = a.type.name;
    if (name === 'QuoteLink') return walk(a.outgoing[0], level + 1, bound);
    if (name === 'UnquoteLink') return walk(a.outgoing[0], Math.max(0, level - 1), bound);
    let inner = bound;
    if (isScope(a)) {
      let head = a.outgoing[0];
      if (head !== undefined && head.type.name === 'UnquoteLink' && level === 1) head = value(head.outgoing[0], 0) ?? head.outgoing[0];
      else if (head !== undefined) head = value(head, level) ?? head;
      if (head !== undefined && isDeclaration(head)) inner = new Set([...bound, ...declaredIn(head)]);
    }
    return a.outgoing.some((c) => walk(c, level, inner));
  };
  return walk(clause, 0, new Set());
}
