import type { Atom, AtomType, ExecutionLimits } from '@ai-opencog/atomspace';
import { hasUnorderedLink, type Term } from './pattern';

/**
 * The texts (OpenCog's data trees) with the indexes the matcher needs: by link type, and by
 * (type, argument position, argument) for ordered links.
 */
export class TextIndex {
  readonly texts: readonly Atom[];
  private readonly textSet: ReadonlySet<Atom>;
  private readonly byType = new Map<AtomType, Atom[]>();
  private readonly byArg = new Map<string, Atom[]>();

  constructor(texts: readonly Atom[]) {
    this.texts = texts;
    this.textSet = new Set(texts);
    for (const t of texts) {
      push(this.byType, t.type, t);
      if (t.type.isLink && !t.type.isUnordered) t.outgoing.forEach((a, i) => push(this.byArg, argKey(t.type, i, a), t));
    }
  }

  get size(): number {
    return this.texts.length;
  }

  /** Texts a clause can match given the variables bound so far. */
  candidates(clause: Term, b: readonly (Atom | undefined)[]): readonly Atom[] {
    if (clause.kind === 'var') {
      const bound = b[clause.index];
      if (bound === undefined) return this.texts;
      return this.textSet.has(bound) ? [bound] : [];
    }
    if (clause.kind === 'const') return this.textSet.has(clause.atom) ? [clause.atom] : [];
    let best = this.byType.get(clause.type) ?? [];
    if (!clause.type.isUnordered) {
      clause.args.forEach((arg, i) => {
        const ground = arg.kind === 'const' ? arg.atom : arg.kind === 'var' ? b[arg.index] : undefined;
        if (ground === undefined) return;
        const list = this.byArg.get(argKey(clause.type, i, ground)) ?? [];
        if (list.length < best.length) best = list;
      });
    }
    return best;
  }
}

function argKey(type: AtomType, position: number, atom: Atom): string {
  return `${type.id}:${position}:${atom.id}`;
}

function push<K>(map: Map<K, Atom[]>, key: K, atom: Atom): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [atom]);
  else list.push(atom);
}

/**
 * Every distinct grounding of `vars` by which all the clauses match texts (two clauses may match
 * the same text, as in OpenCog's pattern matcher). Clauses are matched most constrained first;
 * the arguments of an unordered link match in every order.
 */
export function solve(clauses: readonly Term[], vars: readonly number[], index: TextIndex, limits: ExecutionLimits): Atom[][] {
  const b: (Atom | undefined)[] = [];
  const out: Atom[][] = [];
  // Without unordered links a grounding determines the texts matched, so none repeats.
  const seen = clauses.some(hasUnorderedLink) ? new Set<string>() : undefined;
  const search = (remaining: readonly Term[]): void => {
    limits.tick();
    if (remaining.length === 0) {
      const tuple = vars.map((v) => b[v]!);
      if (seen !== undefined) {
        const key = tuple.map((a) => a.id).join(',');
        if (seen.has(key)) return;
        seen.add(key);
      }
      out.push(tuple);
      return;
    }
    let pick = 0;
    let candidates = index.candidates(remaining[0], b);
    for (let i = 1; i < remaining.length && candidates.length > 0; i++) {
      const c = index.candidates(remaining[i], b);
      if (c.length < candidates.length) [pick, candidates] = [i, c];
    }
    const clause = remaining[pick];
    const rest = remaining.filter((_, i) => i !== pick);
    for (const text of candidates) matchTerm(clause, text, b, () => search(rest));
  };
  search(clauses);
  return out;
}

/** Matches `t` against `a`, calling `k` once per way it matches, with the bindings in `b`. */
function matchTerm(t: Term, a: Atom, b: (Atom | undefined)[], k: () => void): void {
  if (t.kind === 'var') {
    const bound = b[t.index];
    if (bound === undefined) {
      b[t.index] = a;
      k();
      b[t.index] = undefined;
    } else if (bound === a) k();
    return;
  }
  if (t.kind === 'const') {
    if (t.atom === a) k();
    return;
  }
  if (a.type !== t.type || a.outgoing.length !== t.args.length) return;
  if (t.type.isUnordered) matchUnordered(t.args, a.outgoing, new Array<boolean>(t.args.length).fill(false), 0, b, k);
  else matchOrdered(t.args, a.outgoing, 0, b, k);
}

function matchOrdered(ts: readonly Term[], as: readonly Atom[], i: number, b: (Atom | undefined)[], k: () => void): void {
  if (i === ts.length) k();
  else matchTerm(ts[i], as[i], b, () => matchOrdered(ts, as, i + 1, b, k));
}

function matchUnordered(ts: readonly Term[], as: readonly Atom[], used: boolean[], i: number, b: (Atom | undefined)[], k: () => void): void {
  if (i === ts.length) {
    k();
    return;
  }
  for (let j = 0; j < as.length; j++) {
    if (used[j]) continue;
    used[j] = true;
    matchTerm(ts[i], as[j], b, () => matchUnordered(ts, as, used, i + 1, b, k));
    used[j] = false;
  }
}
