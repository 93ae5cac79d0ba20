import type { Atom, AtomSpace } from '@ai-opencog/atomspace';
import { declaredIn, isDeclaration, isScope } from './variables';

/** Variables (atoms of the pattern space) and what they stand for. */
export type Substitution = ReadonlyMap<Atom, Atom>;

/** The atom of `space` equal to `atom` (which may live elsewhere), added without copying any value. */
export function mirror(space: AtomSpace, atom: Atom): Atom {
  if (space.isVisible(atom)) return atom;
  const found = space.get(atom);
  if (found !== undefined) return found;
  return atom.type.isNode
    ? space.addNode(atom.type, atom.name)
    : space.addLink(
        atom.type,
        atom.outgoing.map((c) => mirror(space, c)),
      );
}

/**
 * A pattern with the variables of `subst` replaced (specializing a rule or an and-BIT with a
 * unifier), as an atom of `space`. Variables that a scope inside `atom` binds (ImplicationScopeLink,
 * LambdaLink ...) are left alone, and so are quoted ones; quotations stay, as the result is still a
 * pattern. (Instantiating a pattern with a grounding is the pattern matcher's `instantiateAtom`.)
 */
export function substitute(space: AtomSpace, atom: Atom, subst: Substitution): Atom {
  if (subst.size === 0) return mirror(space, atom);
  const walk = (a: Atom, level: number, bound: ReadonlySet<Atom>): Atom => {
    if (a.type.isNode) {
      const value = level === 0 && !bound.has(a) ? subst.get(a) : undefined;
      return mirror(space, value ?? a);
    }
    const name = a.type.name;
    if (name === 'QuoteLink' && a.arity === 1) return space.addLink(a.type, [walk(a.outgoing[0], level + 1, bound)]);
    if (name === 'UnquoteLink' && a.arity === 1) return space.addLink(a.type, [walk(a.outgoing[0], Math.max(0, level - 1), bound)]);
    let inner = bound;
    if (level === 0 && isScope(a)) {
      const head = a.outgoing[0];
      if (head === undefined || !isDeclaration(head)) return mirror(space, a);
      inner = new Set([...bound, ...declaredIn(head)]);
    }
    return space.addLink(
      a.type,
      a.outgoing.map((c) => walk(c, level, inner)),
    );
  };
  return walk(atom, 0, new Set());
}

/** Follows variable bindings until a fully substituted term remains (the unifier's triangular form). */
export function resolveSubstitution(space: AtomSpace, subst: Substitution): Map<Atom, Atom> {
  const resolved = new Map<Atom, Atom>();
  const resolving = new Set<Atom>();
  const resolve = (v: Atom): Atom => {
    const done = resolved.get(v);
    if (done !== undefined) return done;
    const value = subst.get(v)!;
    resolving.add(v);
    const inner = new Map<Atom, Atom>();
    for (const w of subst.keys()) if (w !== v && !resolving.has(w) && contains(value, w)) inner.set(w, resolve(w));
    resolving.delete(v);
    const r = inner.size === 0 ? value : substitute(space, value, inner);
    resolved.set(v, r);
    return r;
  };
  for (const v of subst.keys()) resolve(v);
  return resolved;
}

/** Whether `part` occurs in `atom` (or is it). */
export function contains(atom: Atom, part: Atom): boolean {
  if (atom === part) return true;
  return atom.outgoing.some((c) => contains(c, part));
}
