import type { Atom } from '@ai-opencog/atomspace';
import type { MinerTypes } from './miner-types';
import { constTerm, linkTerm, substitute, varTerm, type Term } from './pattern';
import type { Component, FoundPattern, Valuations } from './support';

/**
 * A specialization of a pattern before canonical renaming: its clauses (variables numbered as in
 * the parent, the specialized one gone, fresh ones from the parent's variable count on), its
 * support counted from the parent's groundings, and, when they follow from the parent's without
 * matching again, its groundings.
 */
export interface Specialization {
  clauses: Term[];
  support: number;
  derived: Valuations | undefined;
}

/**
 * OpenCog's shallow specialization (MinerUtils::shallow_specialize): for each variable, every
 * shallow abstraction of its values reaching the minimum support replaces it, a node by itself, a
 * link by its type over fresh variables; and every later variable equal to it often enough
 * replaces it (variable factorization). Specializations with more than `maxVariables` variables
 * are dropped. Supports are counted from the groundings, as OpenCog does: the count of groundings
 * in the variable's component times the product of the other components' counts.
 */
export function shallowSpecializations(found: FoundPattern, minSupport: number, maxVariables: number, mt: MinerTypes): Specialization[] {
  const { pattern } = found;
  const { components } = found.valuations;
  const out: Specialization[] = [];
  const n = pattern.varCount;
  const compOf = (v: number) => components.findIndex((c) => c.vars.includes(v));
  const countOthers = (ci: number) => components.reduce((p, c, i) => (i === ci ? p : p * c.tuples.length), 1);
  const single = components.length === 1;
  const replace = (v: number, by: Term) => pattern.clauses.map((c) => substitute(c, (i) => (i === v ? by : varTerm(i))));

  for (let v = 0; v < n; v++) {
    const ci = compOf(v);
    const comp = components[ci];
    const j = comp.vars.indexOf(v);
    const valCount = countOthers(ci);

    // Shallow abstractions of the values of v.
    const groups = new Map<Atom | string, { value: Atom; rows: (readonly Atom[])[] }>();
    for (const t of comp.tuples) {
      const value = t[j];
      // A lone variable replaced by a constant leaves a constant pattern: useless (OpenCog skips it).
      if (comp.vars.length === 1 && isNullary(value)) continue;
      const key = abstractionKey(value, mt);
      if (key === undefined) continue;
      const g = groups.get(key);
      if (g === undefined) groups.set(key, { value, rows: [t] });
      else g.rows.push(t);
    }
    for (const { value, rows } of groups.values()) {
      const support = rows.length * valCount;
      if (support < minSupport) continue;
      const arity = isNullary(value) ? 0 : value.outgoing.length;
      if (n - 1 + arity > maxVariables) continue;
      const fresh = Array.from({ length: arity }, (_, k) => varTerm(n + k));
      const by = arity === 0 ? constTerm(value) : linkTerm(value.type, fresh);
      const derivable = single && !(arity > 0 && value.type.isUnordered);
      const derived = derivable
        ? oneComponent(
            [...comp.vars.filter((x) => x !== v), ...fresh.map((f) => f.index)],
            rows.map((t) => [...t.filter((_, k) => k !== j), ...(arity === 0 ? [] : t[j].outgoing)]),
          )
        : undefined;
      out.push({ clauses: replace(v, by), support, derived });
    }

    // Variable factorizations: v replaced by a later variable rv with which it often agrees.
    for (let rv = v + 1; rv < n; rv++) {
      const ri = compOf(rv);
      const rcomp = components[ri];
      const jr = rcomp.vars.indexOf(rv);
      let support: number;
      let derived: Valuations | undefined;
      if (ri === ci) {
        const rows = comp.tuples.filter((t) => t[j] === t[jr]);
        support = rows.length * valCount;
        derived = single ? oneComponent(comp.vars.filter((x) => x !== v), rows.map((t) => t.filter((_, k) => k !== j))) : undefined;
      } else {
        const counts = new Map<Atom, number>();
        for (const t of rcomp.tuples) counts.set(t[jr], (counts.get(t[jr]) ?? 0) + 1);
        let matches = 0;
        for (const t of comp.tuples) matches += counts.get(t[j]) ?? 0;
        support = (matches * valCount) / rcomp.tuples.length;
        derived = undefined;
      }
      if (support >= minSupport) out.push({ clauses: replace(v, varTerm(rv)), support, derived });
    }
  }
  return out;
}

function oneComponent(vars: readonly number[], tuples: (readonly Atom[])[]): Valuations {
  const component: Component = { vars, tuples };
  return { components: [component] };
}

export function isNullary(a: Atom): boolean {
  return a.type.isNode || a.outgoing.length === 0;
}

/**
 * What a value abstracts to (MinerUtils::shallow_abstract_of_val), as a grouping key: a node or
 * empty link stands for itself, another link for its type and arity. Links OpenCog does not
 * abstract (BindLink, DefineLink, function and virtual links, grounded-predicate evaluations) give
 * undefined.
 */
function abstractionKey(value: Atom, mt: MinerTypes): Atom | string | undefined {
  if (isNullary(value)) return value;
  const t = value.type;
  if (
    t === mt.bind ||
    t === mt.define ||
    t.isA(mt.functionLink) ||
    t.isA(mt.virtualLink) ||
    (t === mt.evaluation && value.outgoing[0].type === mt.groundedPredicate)
  ) {
    return undefined;
  }
  return `${t.id}/${value.outgoing.length}`;
}

