import { AtomSpace, AtomSpaceError, ExecutionLimits, FloatValue, rootAtoms, type Atom } from '@ai-opencog/atomspace';
import { removeUselessClauses } from './abstraction';
import { expandConjunction } from './conjunction';
import { TextIndex } from './matcher';
import { minerTypes, type MinerTypes } from './miner-types';
import { canonicalize, componentsOf, isTop, varTerm, type Canonical, type Pattern, type Term } from './pattern';
import { patternFromAtom, patternToAtom } from './pattern-atoms';
import { shallowSpecializations, type Specialization } from './specialization';
import { surprisingness, type SurprisingnessMeasure } from './surprisingness';
import { FoundPattern, supportOf, valuationsOf, type Valuations } from './support';

export interface MineOptions {
  /**
   * The texts to mine (OpenCog's data trees): a list of atoms of the space, or a node whose
   * members (`(MemberLink TEXT NODE)`) they are. Default: every top-level atom of the space.
   */
  texts?: readonly Atom[] | Atom;
  /** Patterns with fewer groundings are not frequent. */
  minSupport: number;
  /** Every pattern mined specializes this one (a LambdaLink or a bare body). Default: OpenCog's top, `(Lambda $X (Present $X))`. */
  initialPattern?: Atom;
  /** Most clauses in a pattern (at most 9); 1 disables conjunction expansion. Default 3. */
  maxConjuncts?: number;
  /** Most variables in a pattern (at most 9). Default 3. */
  maxVariables?: number;
  /** Patterns of at most this many clauses (at most 9) are shallow-specialized. Default 1. */
  maxSpecializedConjuncts?: number;
  /** Rank by this measure; then only patterns of two clauses or more are returned, as OpenCog does. */
  surprisingness?: SurprisingnessMeasure;
  /** Aborting throws AtomSpaceError('QUERY_ABORTED'). */
  signal?: AbortSignal;
  /** Mining stops after this long and returns what it found, with `complete: false`. */
  timeLimitMs?: number;
  onProgress?: (progress: MineProgress) => void;
}

export interface MineProgress {
  phase: 'specialization' | 'conjunction' | 'surprisingness';
  /** Frequent patterns found so far. */
  patterns: number;
}

export interface MinedPattern {
  /** `(LambdaLink VARDECL (PresentLink CLAUSE...))` in the result's space, carrying its support under {@link SUPPORT_KEY_NAME}. */
  pattern: Atom;
  support: number;
  conjuncts: number;
  surprisingness?: number;
}

export interface MineResult {
  /** Most surprising first when asked, else by support (highest first), then fewer clauses, then text. */
  patterns: MinedPattern[];
  /** False when the time limit stopped the search. */
  complete: boolean;
  textCount: number;
  /** The space holding the pattern atoms (the mined space is left unchanged). */
  space: AtomSpace;
}

/** Name of the PredicateNode under which each pattern carries its support as a FloatValue. */
export const SUPPORT_KEY_NAME = 'support';

const DEFAULTS = { maxConjuncts: 3, maxVariables: 3, maxSpecializedConjuncts: 1 };

/** The highest maxConjuncts, maxVariables and maxSpecializedConjuncts, as in OpenCog's miner (the conjunction joins rely on it). */
export const MAX_MINER_BOUND = 9;

/**
 * OpenCog's frequent subgraph pattern miner (opencog/miner, `cog-mine`): starting from the initial
 * pattern, patterns are specialized by shallow abstraction and expanded into conjunctions, keeping
 * those whose support reaches `minSupport`; optionally ranked by I-surprisingness. The search is
 * exhaustive (OpenCog's URE-driven search is bounded by iterations) and deterministic.
 */
export function minePatterns(space: AtomSpace, options: MineOptions): MineResult {
  const ms = options.minSupport;
  if (!(Number.isFinite(ms) && ms >= 0)) throw invalid(`minSupport must be a non-negative number, got ${ms}`);
  const mc = upToNine('maxConjuncts', options.maxConjuncts ?? DEFAULTS.maxConjuncts);
  const mv = upToNine('maxVariables', options.maxVariables ?? DEFAULTS.maxVariables);
  const mspc = upToNine('maxSpecializedConjuncts', options.maxSpecializedConjuncts ?? DEFAULTS.maxSpecializedConjuncts);
  const mt = minerTypes(space.types);
  const texts = resolveTexts(space, options.texts, mt);
  const index = new TextIndex(texts);
  const limits = new ExecutionLimits(options.signal, options.timeLimitMs, 'pattern mining');
  const found = new Map<string, FoundPattern>();
  // Patterns to shallow-specialize, in the order found; `next` is the first not yet done.
  const queue: FoundPattern[] = [];
  let next = 0;
  const surprise = new Map<string, number>();
  const report = (phase: MineProgress['phase']) => {
    options.onProgress?.({ phase, patterns: found.size });
    limits.check();
  };
  const match = (clauses: readonly Term[]): Valuations => valuationsOf(clauses, index, limits);

  const admit = (p: FoundPattern): void => {
    if (found.has(p.pattern.key)) return;
    found.set(p.pattern.key, p);
    if (p.pattern.clauses.length <= mspc) queue.push(p);
  };

  const admitSpecialization = (s: Specialization): void => {
    const kept = removeUselessClauses(s.clauses);
    if (kept.length === 0) return;
    const canon = canonicalize(kept);
    if (found.has(canon.pattern.key) || canon.pattern.varCount > mv) return;
    if (s.derived !== undefined && kept.length === s.clauses.length && componentsOf(kept).length === 1) {
      const derived = s.derived;
      admit(new FoundPattern(canon.pattern, s.support, () => renamed(derived, canon)));
      return;
    }
    const v = valuationsOf(canon.pattern.clauses, index, limits);
    const support = supportOf(v);
    if (support >= ms) admit(new FoundPattern(canon.pattern, support, () => v));
  };

  const specialize = (): void => {
    for (; next < queue.length; next++) {
      for (const s of shallowSpecializations(queue[next], ms, mv, mt)) admitSpecialization(s);
      report('specialization');
    }
  };

  const search = (): void => {
    const initial = canonicalize(options.initialPattern ? patternFromAtom(options.initialPattern, space, mt) : [varTerm(0)]).pattern;
    const v = valuationsOf(initial.clauses, index, limits);
    if (supportOf(v) < ms) return;
    admit(new FoundPattern(initial, supportOf(v), () => v));
    specialize();

    for (let k = 1; k < mc; k++) {
      const expanders = sortedByKey(found, (p) => p.clauses.length === 1 && !isTop(p));
      for (const f of sortedByKey(found, (p) => p.clauses.length === k && !isTop(p))) {
        for (const g of expanders) {
          for (const e of expandConjunction(f, g, ms, mv, limits, match)) {
            const canon = canonicalize(e.clauses);
            if (!found.has(canon.pattern.key)) admit(new FoundPattern(canon.pattern, e.support, () => renamed(e.valuations(), canon)));
          }
        }
        report('conjunction');
      }
      specialize();
    }

    if (options.surprisingness) {
      const ctx = surprisingnessContext(index, found, limits);
      for (const p of found.values()) {
        if (p.pattern.clauses.length < 2) continue;
        surprise.set(p.pattern.key, surprisingness(p.pattern, p.support, options.surprisingness, ctx));
        report('surprisingness');
      }
    }
  };

  let complete = true;
  try {
    search();
  } catch (e) {
    // At the time limit the miner returns what it found, marked incomplete; an abort still throws.
    if (!(e instanceof AtomSpaceError && e.code === 'QUERY_TIMEOUT')) throw e;
    complete = false;
  }
  return { ...results(space, found, surprise, options.surprisingness !== undefined, mt), complete, textCount: texts.length };
}

function results(space: AtomSpace, found: Map<string, FoundPattern>, surprise: Map<string, number>, ranked: boolean, mt: MinerTypes) {
  const out = new AtomSpace({ types: space.types, name: 'mined-patterns' });
  const key = out.addNode('PredicateNode', SUPPORT_KEY_NAME);
  const chosen = [...found.values()].filter((p) => !ranked || surprise.has(p.pattern.key));
  const surp = (p: FoundPattern) => surprise.get(p.pattern.key) ?? 0;
  chosen.sort(
    (a, b) =>
      (ranked ? surp(b) - surp(a) : 0) ||
      b.support - a.support ||
      a.pattern.clauses.length - b.pattern.clauses.length ||
      (a.pattern.key < b.pattern.key ? -1 : a.pattern.key > b.pattern.key ? 1 : 0),
  );
  const patterns = chosen.map((p): MinedPattern => {
    const atom = patternToAtom(p.pattern, out, mt);
    out.setValue(atom, key, new FloatValue([p.support]));
    const mined: MinedPattern = { pattern: atom, support: p.support, conjuncts: p.pattern.clauses.length };
    if (ranked) mined.surprisingness = surp(p);
    return mined;
  });
  return { patterns, space: out };
}

/** Supports of sub-patterns for surprisingness: taken from the patterns found, else matched (and remembered). */
function surprisingnessContext(index: TextIndex, found: Map<string, FoundPattern>, limits: ExecutionLimits) {
  const supports = new Map<string, number>();
  return {
    textCount: index.size,
    support(clauses: readonly Term[]): number {
      const { key } = canonicalize(clauses).pattern;
      let s = found.get(key)?.support ?? supports.get(key);
      if (s === undefined) {
        s = supportOf(valuationsOf(clauses, index, limits));
        supports.set(key, s);
      }
      return s;
    },
    valueCount(clauses: readonly Term[], v: number): number {
      const comp = valuationsOf(clauses, index, limits).components.find((c) => c.vars.includes(v))!;
      const j = comp.vars.indexOf(v);
      return new Set(comp.tuples.map((t) => t[j])).size;
    },
  };
}

/** Groundings renumbered from the variables of a pattern's raw clauses to those of its canonical form. */
function renamed(v: Valuations, canon: Canonical): Valuations {
  const to = new Map(canon.order.map((old, k) => [old, k]));
  return {
    components: v.components.map((c) => {
      const cols = c.vars.map((old, j) => ({ k: to.get(old)!, j })).sort((a, b) => a.k - b.k);
      return { vars: cols.map((x) => x.k), tuples: c.tuples.map((t) => cols.map((x) => t[x.j])) };
    }),
  };
}

function sortedByKey(found: Map<string, FoundPattern>, keep: (p: Pattern) => boolean): FoundPattern[] {
  return [...found.values()].filter((p) => keep(p.pattern)).sort((a, b) => (a.pattern.key < b.pattern.key ? -1 : 1));
}

function resolveTexts(space: AtomSpace, texts: MineOptions['texts'], mt: MinerTypes): Atom[] {
  if (texts === undefined) return rootAtoms(space);
  if (!Array.isArray(texts)) {
    const db = texts as Atom;
    return space
      .getIncoming(db, mt.member)
      .filter((l) => l.outgoing.length === 2 && l.outgoing[1] === db && l.outgoing[0] !== db)
      .sort((a, b) => a.id - b.id)
      .map((l) => l.outgoing[0]);
  }
  for (const t of texts) if (!space.isVisible(t)) throw new AtomSpaceError('NOT_IN_SPACE', `text ${t} is not in atomspace ${space.name}`);
  return [...new Set(texts)];
}

function upToNine(what: string, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > MAX_MINER_BOUND) throw invalid(`${what} must be an integer from 1 to ${MAX_MINER_BOUND}, got ${n}`);
  return n;
}

function invalid(message: string): AtomSpaceError {
  return new AtomSpaceError('INVALID_VALUE', message);
}
