import type { Atom, AtomType } from '@ai-opencog/atomspace';

/**
 * The miner's own form of a pattern body: variables are numbered, constants are atoms of the
 * mined space, links are type + argument terms. Patterns become LambdaLinks only at the end
 * (see pattern-atoms.ts), so that the many candidates tried never touch an AtomSpace.
 */
export type Term = VarTerm | ConstTerm | LinkTerm;
export interface VarTerm {
  readonly kind: 'var';
  readonly index: number;
}
export interface ConstTerm {
  readonly kind: 'const';
  readonly atom: Atom;
}
export interface LinkTerm {
  readonly kind: 'link';
  readonly type: AtomType;
  readonly args: readonly Term[];
}

export const varTerm = (index: number): VarTerm => ({ kind: 'var', index });
export const constTerm = (atom: Atom): ConstTerm => ({ kind: 'const', atom });
export const linkTerm = (type: AtomType, args: readonly Term[]): LinkTerm => ({ kind: 'link', type, args });

/**
 * A conjunction of clauses (OpenCog's PresentLink body) over the variables 0..varCount-1, each of
 * which occurs in some clause. Patterns are kept in canonical form: clauses in canonical order,
 * variables numbered by first occurrence, so alpha-equivalent patterns have equal keys.
 */
export interface Pattern {
  readonly clauses: readonly Term[];
  readonly varCount: number;
  /** Canonical text, equal for alpha-equivalent patterns. */
  readonly key: string;
}

/** A pattern in canonical form, with `order[k]` = the variable of the input that became variable k. */
export interface Canonical {
  pattern: Pattern;
  order: number[];
}

export function hasVariable(t: Term): boolean {
  if (t.kind === 'var') return true;
  return t.kind === 'link' && t.args.some(hasVariable);
}

/** Adds the variables of `t` to `out`. */
export function collectVars(t: Term, out: Set<number>): Set<number> {
  if (t.kind === 'var') out.add(t.index);
  else if (t.kind === 'link') for (const a of t.args) collectVars(a, out);
  return out;
}

export function occursIn(v: number, t: Term): boolean {
  if (t.kind === 'var') return t.index === v;
  return t.kind === 'link' && t.args.some((a) => occursIn(v, a));
}

/** Replaces every variable i by `f(i)`. */
export function substitute(t: Term, f: (index: number) => Term): Term {
  if (t.kind === 'var') return f(t.index);
  if (t.kind === 'const') return t;
  return linkTerm(t.type, t.args.map((a) => substitute(a, f)));
}

export function termEquals(a: Term, b: Term): boolean {
  if (a === b) return true;
  if (a.kind === 'var') return b.kind === 'var' && a.index === b.index;
  if (a.kind === 'const') return b.kind === 'const' && a.atom === b.atom;
  return (
    b.kind === 'link' &&
    a.type === b.type &&
    a.args.length === b.args.length &&
    (a.type.isUnordered ? sameMultiset(a.args, b.args) : a.args.every((x, i) => termEquals(x, b.args[i])))
  );
}

function sameMultiset(a: readonly Term[], b: readonly Term[]): boolean {
  const left = [...b];
  for (const x of a) {
    const i = left.findIndex((y) => termEquals(x, y));
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return true;
}

/** True when `part` is `whole` or occurs inside it. */
export function termContains(whole: Term, part: Term): boolean {
  if (termEquals(whole, part)) return true;
  return whole.kind === 'link' && whole.args.some((a) => termContains(a, part));
}

export function hasUnorderedLink(t: Term): boolean {
  return t.kind === 'link' && (t.type.isUnordered || t.args.some(hasUnorderedLink));
}

/** The pattern matches anything: its only clause is a bare variable (OpenCog's "top"). */
export function isTop(p: Pattern): boolean {
  return p.clauses.length === 1 && p.clauses[0].kind === 'var';
}

/** Groups of clause indices connected through shared variables (OpenCog's components). */
export function componentsOf(clauses: readonly Term[]): number[][] {
  const groups: { clauses: number[]; vars: Set<number> }[] = [];
  clauses.forEach((c, i) => {
    const vars = collectVars(c, new Set());
    const joined = groups.filter((g) => [...vars].some((v) => g.vars.has(v)));
    const merged = { clauses: [i], vars };
    for (const g of joined) {
      merged.clauses.push(...g.clauses);
      for (const v of g.vars) merged.vars.add(v);
      groups.splice(groups.indexOf(g), 1);
    }
    groups.push(merged);
  });
  return groups.map((g) => g.clauses.sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);
}

// ------------------------------------------------------------------ canonical text

const atomTexts = new WeakMap<Atom, string>();

/** Content text of an atom, the same in every run (ids are not). */
export function atomText(atom: Atom): string {
  let s = atomTexts.get(atom);
  if (s === undefined) {
    s = atom.type.isNode
      ? `(${atom.type.name} ${JSON.stringify(atom.name)})`
      : `(${atom.type.name}${atom.outgoing.map((a) => ' ' + atomText(a)).join('')})`;
    atomTexts.set(atom, s);
  }
  return s;
}

/** Text of a term with variables named by `name`; the arguments of unordered links are sorted. */
export function termText(t: Term, name: (index: number) => string): string {
  if (t.kind === 'var') return name(t.index);
  if (t.kind === 'const') return atomText(t.atom);
  const args = t.args.map((a) => termText(a, name));
  if (t.type.isUnordered) args.sort();
  return `(${t.type.name}${args.map((a) => ' ' + a).join('')})`;
}

const blind = (t: Term) => termText(t, () => '?');

/** Above this many clause orders to compare, ties keep their given order. */
const MAX_ORDERINGS = 720;

/**
 * Puts clauses into canonical form: clauses sorted by their text with variables blanked out,
 * ties resolved by trying their orders and keeping the one whose renamed text is smallest;
 * variables renumbered by first occurrence.
 */
export function canonicalize(clauses: readonly Term[]): Canonical {
  const blinds = clauses.map(blind);
  const sorted = clauses.map((_, i) => i).sort((a, b) => (blinds[a] < blinds[b] ? -1 : blinds[a] > blinds[b] ? 1 : a - b));
  const groups: number[][] = [];
  for (const i of sorted) {
    const last = groups[groups.length - 1];
    if (last && blinds[last[0]] === blinds[i]) last.push(i);
    else groups.push([i]);
  }
  let best: { text: string; order: number[]; naming: Map<number, number> } | undefined;
  for (const ordering of orderings(groups)) {
    const naming = new Map<number, number>();
    for (const c of ordering) nameVars(clauses[c], naming);
    const text = ordering.map((c) => termText(clauses[c], (i) => `$${naming.get(i)}`)).join(' ');
    if (best === undefined || text < best.text) best = { text, order: ordering, naming };
  }
  const { text, order, naming } = best!;
  const renamed = order.map((c) => substitute(clauses[c], (i) => varTerm(naming.get(i)!)));
  const varOrder: number[] = [];
  for (const [old, k] of naming) varOrder[k] = old;
  return { pattern: { clauses: renamed, varCount: naming.size, key: text }, order: varOrder };
}

/** Numbers variables by first occurrence; the arguments of unordered links are visited in blind-text order. */
function nameVars(t: Term, naming: Map<number, number>): void {
  if (t.kind === 'var') {
    if (!naming.has(t.index)) naming.set(t.index, naming.size);
  } else if (t.kind === 'link') {
    const args = t.type.isUnordered ? [...t.args].sort((a, b) => (blind(a) < blind(b) ? -1 : blind(a) > blind(b) ? 1 : 0)) : t.args;
    for (const a of args) nameVars(a, naming);
  }
}

/** Every concatenation of one permutation per group, or just the given order when there are too many. */
function orderings(groups: number[][]): number[][] {
  let count = 1;
  for (const g of groups) for (let k = 2; k <= g.length; k++) count *= k;
  if (count === 1 || count > MAX_ORDERINGS) return [groups.flat()];
  let acc: number[][] = [[]];
  for (const g of groups) {
    const perms = permutations(g);
    acc = acc.flatMap((prefix) => perms.map((p) => [...prefix, ...p]));
  }
  return acc;
}

export function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}
