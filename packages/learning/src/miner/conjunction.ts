import type { Atom, ExecutionLimits } from '@ai-opencog/atomspace';
import { removeUselessClauses } from './abstraction';
import { substitute, varTerm, type Term } from './pattern';
import { joinCount, projectionKey, supportOf, type FoundPattern, type Valuations } from './support';

/** A conjunction before canonical renaming: its clauses, support and (lazily) groundings. */
export interface Expansion {
  clauses: Term[];
  support: number;
  valuations: () => Valuations;
}

/**
 * OpenCog's conjunction expansion without enforced specialization (MinerUtils::
 * expand_conjunction_rec): the single clause of `g`, alpha-converted, is added to the clauses of
 * `f` with some of its variables connected to variables of `f` — every non-empty partial map from
 * g's variables to f's. A result is kept when no clause turns out useless (so it has one conjunct
 * more than f), it has at most `maxVariables` variables and reaches the minimum support. A map
 * whose conjunction lacks support is not extended: connecting more variables only lowers it.
 *
 * Supports come from the groundings of f and g, joined on the connected variables, or from the
 * matcher (`match`) when either pattern has several components.
 */
export function expandConjunction(
  f: FoundPattern,
  g: FoundPattern,
  minSupport: number,
  maxVariables: number,
  limits: ExecutionLimits,
  match: (clauses: readonly Term[]) => Valuations,
): Expansion[] {
  const n = f.pattern.varCount;
  const m = g.pattern.varCount;
  const joinable = f.connected !== undefined && g.connected !== undefined;
  // map[pv] is the variable of f that g's variable pv is connected to, or -1.
  const map = new Array<number>(m).fill(-1);
  const out: Expansion[] = [];
  let connected = 0;

  const clausesOf = (): Term[] => [...f.pattern.clauses, substitute(g.pattern.clauses[0], (i) => varTerm(map[i] >= 0 ? map[i] : n + i))];
  const extend = (start: number): void => {
    for (let pv = start; pv < m; pv++) {
      connected++;
      for (let cv = 0; cv < n; cv++) {
        limits.tick();
        map[pv] = cv;
        let support: number;
        let clauses: Term[] | undefined;
        let matched: Valuations | undefined;
        if (joinable) support = joinSupport(f, g, map);
        else {
          clauses = clausesOf();
          matched = match(clauses);
          support = supportOf(matched);
        }
        if (support < minSupport) continue;
        if (n + m - connected <= maxVariables) {
          clauses ??= clausesOf();
          if (removeUselessClauses(clauses).length === clauses.length) {
            const frozen = [...map];
            const v = matched;
            out.push({ clauses, support, valuations: v === undefined ? () => joinValuations(f, g, frozen) : () => v });
          }
        }
        extend(pv + 1);
      }
      map[pv] = -1;
      connected--;
    }
  };
  extend(0);
  return out;
}

/**
 * How f's groundings and g's are grouped for a join: f's by its connected variables (in
 * increasing order, `fGroups`), g's by the variables connected to each of them (`gGroups`). The
 * ids name the groupings in the patterns' projection caches: f's a bit mask of its variables,
 * negated so the two kinds never collide; g's one decimal digit per variable (the rank of the
 * variable of f it is connected to, or 0), patterns having at most 9 variables. Ids are computed
 * without allocating: most joins hit the caches.
 */
function fId(map: readonly number[]): number {
  let mask = 0;
  for (const cv of map) if (cv >= 0) mask |= 1 << cv;
  return -mask;
}

function gId(map: readonly number[], fid: number): number {
  const mask = -fid;
  let id = 0;
  for (const cv of map) id = id * 10 + (cv < 0 ? 0 : 1 + bitCount(mask & ((1 << cv) - 1)));
  return id;
}

function bitCount(x: number): number {
  let n = 0;
  for (; x !== 0; x &= x - 1) n++;
  return n;
}

function connectedVars(map: readonly number[]): number[] {
  return [...new Set(map.filter((cv) => cv >= 0))].sort((a, b) => a - b);
}

function fGroups(map: readonly number[]): number[][] {
  return connectedVars(map).map((c) => [c]);
}

function gGroups(map: readonly number[]): number[][] {
  return connectedVars(map).map((c) => map.flatMap((x, pv) => (x === c ? [pv] : [])));
}

function joinSupport(f: FoundPattern, g: FoundPattern, map: readonly number[]): number {
  const fid = fId(map);
  const gid = gId(map, fid);
  return joinCount(f.projection(fid) ?? f.project(fid, fGroups(map)), g.projection(gid) ?? g.project(gid, gGroups(map)));
}

/** The groundings of the join: f's values, then those of g's unconnected variables. */
function joinValuations(f: FoundPattern, g: FoundPattern, map: readonly number[]): Valuations {
  const n = f.pattern.varCount;
  const fg = fGroups(map);
  const gg = gGroups(map);
  const unconnected = map.flatMap((cv, pv) => (cv < 0 ? [pv] : []));
  const byKey = new Map<Atom | string, (readonly Atom[])[]>();
  for (const t of g.connected!.tuples) {
    const k = projectionKey(t, gg);
    if (k === undefined) continue;
    const rows = byKey.get(k);
    if (rows === undefined) byKey.set(k, [t]);
    else rows.push(t);
  }
  const tuples: Atom[][] = [];
  for (const t of f.connected!.tuples) {
    for (const u of byKey.get(projectionKey(t, fg)!) ?? []) tuples.push([...t, ...unconnected.map((i) => u[i])]);
  }
  const vars = [...Array.from({ length: n }, (_, i) => i), ...unconnected.map((i) => n + i)];
  return { components: [{ vars, tuples }] };
}
