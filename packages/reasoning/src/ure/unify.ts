import type { Atom, AtomSpace } from '@ai-opencog/atomspace';
import { contains, resolveSubstitution } from './substitute';
import { intersectTypes, typeAccepts, type Variables, type VariableType } from './variables';

/** One way of making two terms equal: what each variable stands for, and the variables' types. */
export interface Unifier {
  /** Fully resolved: no value mentions a bound variable. */
  readonly subst: ReadonlyMap<Atom, Atom>;
  /** The declared variables with their types narrowed by the unification (bound ones included). */
  readonly types: Variables;
}

interface State {
  bindings: Map<Atom, Atom>;
  types: Map<Atom, VariableType | undefined>;
}

/**
 * Every most general unifier of `a` and `b`, whose variables are the keys of `vars` (the others,
 * VariableNodes included, are constants). Both sides may hold variables (they must have been
 * renamed apart). Unordered links (And, Or, Set ...) unify member by member in every pairing,
 * so they may have several unifiers. A variable only unifies with an atom its type accepts; two
 * variables get the intersection of their types. `space` receives the terms the unifier builds.
 */
export function unify(space: AtomSpace, a: Atom, b: Atom, vars: Variables): Unifier[] {
  const out: Unifier[] = [];
  const seen = new Set<string>();
  const start: State = { bindings: new Map(), types: new Map(vars) };
  unifyTerms(space, a, b, vars, start, (st) => {
    const subst = resolveSubstitution(space, st.bindings);
    const key = [...subst].map(([v, t]) => `${v.id}=${t.id}`).sort().join(' ');
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ subst, types: st.types });
  });
  return out;
}

function walk(x: Atom, st: State): Atom {
  let t = x;
  for (let next = st.bindings.get(t); next !== undefined; next = st.bindings.get(t)) t = next;
  return t;
}

function unifyTerms(space: AtomSpace, x0: Atom, y0: Atom, vars: Variables, st: State, k: (st: State) => void): void {
  const x = walk(x0, st);
  const y = walk(y0, st);
  if (x === y) return k(st);
  if (vars.has(x)) return bind(space, x, y, vars, st, k);
  if (vars.has(y)) return bind(space, y, x, vars, st, k);
  if (x.type !== y.type || x.type.isNode || x.arity !== y.arity) return;
  if (x.type.isUnordered) return unifyUnordered(space, x.outgoing, y.outgoing, new Uint8Array(y.arity), 0, vars, st, k);
  const step = (i: number, s: State): void => {
    if (i === x.arity) return k(s);
    unifyTerms(space, x.outgoing[i], y.outgoing[i], vars, s, (s2) => step(i + 1, s2));
  };
  step(0, st);
}

/** Members of an unordered link: each member of `xs` takes a distinct member of `ys`, in every way. */
function unifyUnordered(
  space: AtomSpace,
  xs: readonly Atom[],
  ys: readonly Atom[],
  used: Uint8Array,
  i: number,
  vars: Variables,
  st: State,
  k: (st: State) => void,
): void {
  if (i === xs.length) return k(st);
  for (let j = 0; j < ys.length; j++) {
    // Equal members sit side by side (canonical order): pairing with the second adds nothing.
    if (used[j] || (j > 0 && ys[j] === ys[j - 1] && !used[j - 1])) continue;
    used[j] = 1;
    unifyTerms(space, xs[i], ys[j], vars, st, (s) => unifyUnordered(space, xs, ys, used, i + 1, vars, s, k));
    used[j] = 0;
  }
}

function bind(space: AtomSpace, v: Atom, t: Atom, vars: Variables, st: State, k: (st: State) => void): void {
  const types = new Map(st.types);
  if (vars.has(t)) {
    const common = intersectTypes(space, st.types.get(v), st.types.get(t));
    if (common === null) return;
    types.set(t, common);
  } else {
    if (!typeAccepts(st.types.get(v), t)) return;
    // Occurs check: v = f(..v..) has no finite solution.
    for (const w of occurringBound(t, vars, st)) if (w === v) return;
  }
  const bindings = new Map(st.bindings);
  bindings.set(v, t);
  k({ bindings, types });
}

/** The variables `t` depends on, through the bindings made so far. */
function occurringBound(t: Atom, vars: Variables, st: State): Atom[] {
  const out: Atom[] = [];
  const visit = (a: Atom): void => {
    if (vars.has(a)) {
      out.push(a);
      const next = st.bindings.get(a);
      if (next !== undefined && !contains(next, a)) visit(next);
      return;
    }
    for (const c of a.outgoing) visit(c);
  };
  visit(t);
  return out;
}
