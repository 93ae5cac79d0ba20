import { isSyntaxMoreAbstract } from './abstraction';
import { componentsOf, occursIn, termEquals, type Pattern, type Term } from './pattern';

export type SurprisingnessMeasure = 'isurp' | 'nisurp';

/** What surprisingness needs to know about the texts. */
export interface SurprisingnessContext {
  /** Number of texts, |U|. */
  readonly textCount: number;
  /** Support of the pattern made of these clauses (their free variables as its variables). */
  support(clauses: readonly Term[]): number;
  /** Number of distinct values of variable `v` in the groundings of these connected clauses. */
  valueCount(clauses: readonly Term[], v: number): number;
}

/**
 * OpenCog's I-Surprisingness (Surprisingness::isurp), normalized for 'nisurp'. The empirical
 * probability of a pattern of k clauses is its support over |U|^k. Each partition of its clauses
 * into blocks (but the one with a single block) estimates that probability as if the blocks were
 * independent: the product of the blocks' empirical probabilities times the probability that the
 * variables shared between blocks take equal values (`eqProb`). The measure is the distance from
 * the empirical probability to the interval of the estimates, divided for 'nisurp' by the larger
 * of the empirical probability and the highest estimate, and capped at 1.
 *
 * Probabilities are computed on all the texts: OpenCog subsamples them when a pattern's estimated
 * support is larger than the number of texts (db-ratio), which only approximates these values.
 * Defined for patterns of two clauses or more; OpenCog ranks only those.
 */
export function surprisingness(pattern: Pattern, support: number, measure: SurprisingnessMeasure, ctx: SurprisingnessContext): number {
  const clauses = pattern.clauses;
  const u = ctx.textCount;
  const emp = support / u ** clauses.length;
  let emin = Infinity;
  let emax = -Infinity;
  for (const partition of setPartitions(clauses)) {
    if (partition.length === 1) continue;
    let est = eqProb(pattern, partition, ctx);
    for (const block of partition) est *= ctx.support(block) / u ** block.length;
    emin = Math.min(emin, est);
    emax = Math.max(emax, est);
  }
  const dst = emax < emp ? emp - emax : emp < emin ? emin - emp : 0;
  if (measure === 'isurp') return Math.min(dst, 1);
  const norm = Math.max(emp, emax);
  return norm === 0 ? 0 : Math.min(dst / norm, 1);
}

/**
 * OpenCog's Surprisingness::eq_prob: for each variable shared by several blocks, take the part of
 * each block connected to it, ordered from the most abstract; each part but the first divides the
 * probability by the number of values the variable takes in the closest earlier part that is more
 * abstract than it, or by |U| when there is none.
 */
function eqProb(pattern: Pattern, partition: readonly (readonly Term[])[], ctx: SurprisingnessContext): number {
  let p = 1;
  for (let v = 0; v < pattern.varCount; v++) {
    const holding = partition.filter((blk) => blk.some((c) => occursIn(v, c)));
    if (holding.length < 2) continue;
    const parts = rankByAbstraction(
      holding.map((blk) => connectedPart(blk, v)),
      v,
    );
    for (let j = 1; j < parts.length; j++) {
      let i = j - 1;
      while (i >= 0 && !isBlockMoreAbstract(parts[i], parts[j], v)) i--;
      const c = i >= 0 ? ctx.valueCount(parts[i], v) : ctx.textCount;
      if (c > 0) p /= c;
    }
  }
  return p;
}

/** The clauses of `block` connected (through shared variables) to variable `v`. */
function connectedPart(block: readonly Term[], v: number): Term[] {
  const comp = componentsOf(block).find((ci) => ci.some((i) => occursIn(v, block[i])))!;
  return comp.map((i) => block[i]);
}

/**
 * OpenCog's MinerUtils::is_blk_more_abstract: some partition of `l` has every block more abstract
 * (relative to `v`) than one same non-empty subset of `r`.
 */
export function isBlockMoreAbstract(l: readonly Term[], r: readonly Term[], v: number): boolean {
  const subsets = nonEmptySubsets(r);
  return setPartitions(l).some((lp) => subsets.some((rs) => lp.every((lb) => isSyntaxMoreAbstract(lb, rs, v))));
}

/**
 * Orders blocks so that a block strictly more abstract than another (relative to `v`) comes
 * first: repeatedly takes the first remaining block that no other remaining block is strictly
 * more abstract than. OpenCog sorts with that relation as comparator, which is not a strict weak
 * order; this gives one of the orders it may produce, always the same.
 */
function rankByAbstraction(blocks: Term[][], v: number): Term[][] {
  const strictly = (a: Term[], b: Term[]) => !sameClauses(a, b) && isBlockMoreAbstract(a, b, v);
  const remaining = [...blocks];
  const ranked: Term[][] = [];
  while (remaining.length > 0) {
    let i = remaining.findIndex((b) => !remaining.some((a) => a !== b && strictly(a, b)));
    if (i < 0) i = 0;
    ranked.push(remaining.splice(i, 1)[0]);
  }
  return ranked;
}

function sameClauses(a: readonly Term[], b: readonly Term[]): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => termEquals(x, y))) && b.every((y) => a.some((x) => termEquals(x, y)));
}

/** Every partition of `xs` into non-empty blocks. */
export function setPartitions<T>(xs: readonly T[]): T[][][] {
  if (xs.length === 0) return [[]];
  const [head, ...rest] = xs;
  const out: T[][][] = [];
  for (const p of setPartitions(rest)) {
    out.push([[head], ...p]);
    p.forEach((_, i) => out.push(p.map((blk, j) => (j === i ? [head, ...blk] : blk))));
  }
  return out;
}

function nonEmptySubsets<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let mask = 1; mask < 1 << xs.length; mask++) out.push(xs.filter((_, i) => (mask >> i) & 1));
  return out;
}

