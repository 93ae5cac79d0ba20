import type { Atom, ExecutionLimits } from '@ai-opencog/atomspace';
import { solve, type TextIndex } from './matcher';
import { collectVars, componentsOf, type Pattern, type Term } from './pattern';

/**
 * The groundings of one component of a pattern (OpenCog's strongly connected valuations):
 * `tuples[i][j]` is the value of `vars[j]` in the i-th distinct grounding.
 */
export interface Component {
  readonly vars: readonly number[];
  readonly tuples: readonly (readonly Atom[])[];
}

/** A pattern's groundings over the texts, one set per component (OpenCog's Valuations). */
export interface Valuations {
  readonly components: readonly Component[];
}

/**
 * OpenCog's support (MinerUtils::support): the product over the pattern's components of the
 * number of distinct groundings of the component's variables; 1 for a pattern without clauses.
 */
export function supportOf(v: Valuations): number {
  let n = 1;
  for (const c of v.components) n *= c.tuples.length;
  return n;
}

/** Computes the groundings of every component of a conjunction of clauses with the matcher. */
export function valuationsOf(clauses: readonly Term[], index: TextIndex, limits: ExecutionLimits): Valuations {
  return {
    components: componentsOf(clauses).map((ci) => {
      const part = ci.map((i) => clauses[i]);
      const vars = [...part.reduce((s, c) => collectVars(c, s), new Set<number>())].sort((a, b) => a - b);
      return { vars, tuples: solve(part, vars, index, limits) };
    }),
  };
}

/** A pattern found frequent, its support, and its groundings, computed when first needed. */
export class FoundPattern {
  private computed: Valuations | undefined;
  private readonly projections = new Map<number, Map<Atom | string, number>>();

  constructor(
    readonly pattern: Pattern,
    readonly support: number,
    private readonly compute: () => Valuations,
  ) {}

  get valuations(): Valuations {
    this.computed ??= this.compute();
    return this.computed;
  }

  /** The only component's groundings, when the pattern is connected. */
  get connected(): Component | undefined {
    const cs = this.valuations.components;
    return cs.length === 1 ? cs[0] : undefined;
  }

  /** The projection cached under `id` (see `project`), if computed already. */
  projection(id: number): Map<Atom | string, number> | undefined {
    return this.projections.get(id);
  }

  /**
   * How many groundings project to each key, where a key gives one value per group of variables
   * (groundings whose variables of one group differ are left out). Cached under `id`, which
   * must identify the grouping.
   */
  project(id: number, groups: readonly (readonly number[])[]): Map<Atom | string, number> {
    const counts = new Map<Atom | string, number>();
    for (const t of this.connected!.tuples) {
      const key = projectionKey(t, groups);
      if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    this.projections.set(id, counts);
    return counts;
  }
}

/** The key of a grounding for a grouping of its variables, or undefined when a group disagrees. */
export function projectionKey(t: readonly Atom[], groups: readonly (readonly number[])[]): Atom | string | undefined {
  for (const g of groups) for (let i = 1; i < g.length; i++) if (t[g[i]] !== t[g[0]]) return undefined;
  return groups.length === 1 ? t[groups[0][0]] : groups.map((g) => t[g[0]].id).join(',');
}

/** Number of pairs of groundings of `a` and `b` with equal keys: the support of their join. */
export function joinCount(a: Map<Atom | string, number>, b: Map<Atom | string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const [k, c] of small) n += c * (large.get(k) ?? 0);
  return n;
}
