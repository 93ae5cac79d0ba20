import { collectVars, hasVariable, occursIn, permutations, termContains, termEquals, type Term } from './pattern';

/**
 * OpenCog's "syntactically more abstract relative to a variable" (MinerUtils::
 * is_blk_syntax_more_abstract): the clauses of `l` become those of `r`, in some order, by binding
 * l's variables other than `v` consistently to subterms of r. `v` stands for itself on both
 * sides, and r's other variables are treated as constants. OpenCog decides this by unification,
 * which also accepts an l-variable bound to two different r-variables; one-way matching does not,
 * which is the relation the name describes.
 */
export function isSyntaxMoreAbstract(l: readonly Term[], r: readonly Term[], v: number): boolean {
  if (l.length !== r.length) return false;
  if (l.length === 1) return !matchTerm(l[0], r[0], v, new Map()).next().done;
  for (const order of permutations(r)) {
    if (!matchSequence(l, order, v, new Map()).next().done) return true;
  }
  return false;
}

function* matchSequence(ls: readonly Term[], rs: readonly Term[], v: number, b: Map<number, Term>): Generator<Map<number, Term>> {
  if (ls.length === 0) {
    yield b;
    return;
  }
  for (const b1 of matchTerm(ls[0], rs[0], v, b)) yield* matchSequence(ls.slice(1), rs.slice(1), v, b1);
}

function* matchTerm(l: Term, r: Term, v: number, b: Map<number, Term>): Generator<Map<number, Term>> {
  if (l.kind === 'var') {
    if (l.index === v) {
      if (r.kind === 'var' && r.index === v) yield b;
      return;
    }
    const bound = b.get(l.index);
    if (bound === undefined) yield new Map(b).set(l.index, r);
    else if (termEquals(bound, r)) yield b;
    return;
  }
  if (l.kind === 'const') {
    if (r.kind === 'const' && r.atom === l.atom) yield b;
    return;
  }
  if (r.kind !== 'link' || r.type !== l.type || r.args.length !== l.args.length) return;
  if (!l.type.isUnordered) {
    yield* matchSequence(l.args, r.args, v, b);
    return;
  }
  for (const order of permutations(r.args)) yield* matchSequence(l.args, order, v, b);
}

/**
 * OpenCog's MinerUtils::is_more_abstract_foreach_var: every variable of `clause` occurs in some
 * other clause, and `clause` is more abstract than each of them relative to that variable, so it
 * constrains nothing they do not. A clause without variables qualifies trivially.
 */
export function isMoreAbstractForEachVar(clause: Term, others: readonly Term[]): boolean {
  for (const v of collectVars(clause, new Set())) {
    const withV = others.filter((o) => occursIn(v, o));
    if (withV.length === 0) return false;
    if (!withV.every((o) => isSyntaxMoreAbstract([clause], [o], v))) return false;
  }
  return true;
}

/**
 * OpenCog's MinerUtils::remove_useless_clauses: drops constant clauses, clauses that occur inside
 * another clause (or equal one), and clauses more abstract than the others for each of their
 * variables. Each removal is decided against the clauses still kept.
 */
export function removeUselessClauses(clauses: readonly Term[]): Term[] {
  let kept = clauses.filter(hasVariable);
  kept = removeIf(kept, (c, others) => others.some((o) => termContains(o, c)));
  return removeIf(kept, isMoreAbstractForEachVar);
}

function removeIf(clauses: Term[], drop: (clause: Term, others: readonly Term[]) => boolean): Term[] {
  const kept = [...clauses];
  for (let i = 0; i < kept.length; ) {
    const others = [...kept.slice(0, i), ...kept.slice(i + 1)];
    if (drop(kept[i], others)) kept.splice(i, 1);
    else i++;
  }
  return kept;
}
