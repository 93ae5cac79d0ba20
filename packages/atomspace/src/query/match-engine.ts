import type { Atom } from '../atoms/atom';
import type { AtomType } from '../types/atom-type';
import type { KnownTypes } from './known-types';
import type { ExecutionLimits } from './limits';
import type { Binding } from './template';
import type { VariableDecl } from './variables';

export const enum TermKind {
  /** Matches exactly this atom. */
  Const,
  Var,
  /** Matches a run of atoms in the link that holds it. */
  Glob,
  /** Matches a link of exactly this type whose members match, in order or in any order. */
  Link,
  /** Matches what any one of its alternatives matches. */
  Choice,
}

const ORDER_CONST = 0;
const ORDER_DET_LINK = 1;
const ORDER_VAR = 2;
const ORDER_OTHER = 3;

/** A compiled piece of a clause: what the matcher compares against an atom of the space. */
export class Term {
  /** Matches in at most one way (no glob, choice or unordered link of 2+ members inside). */
  readonly det: boolean;
  readonly globCount: number;
  /** Ordered links with globs: the fewest atoms that children[i..] can match. */
  readonly minTail: Int32Array | undefined;
  /** Ordered links with globs: 1 where some child after i is a glob. */
  readonly globAfter: Uint8Array | undefined;
  /** Unordered links: the glob member, if any (at most one). */
  readonly glob: Term | undefined;
  /** Unordered links: the other members, the most selective first. */
  readonly fixed: readonly Term[];

  private constructor(
    readonly kind: TermKind,
    /** Const: the atom (of the query's space); Var, Glob: the variable. */
    readonly atom: Atom | undefined,
    /** Var, Glob: the variable's number; Const: its entry in the pattern's constant table. */
    readonly varIndex: number,
    readonly type: AtomType | undefined,
    /** Link: members in the order of the pattern; Choice: the alternatives. */
    readonly children: readonly Term[],
    readonly unordered: boolean,
    vars: readonly VariableDecl[],
  ) {
    this.globCount = children.filter((c) => c.kind === TermKind.Glob).length;
    this.det =
      kind === TermKind.Const ||
      kind === TermKind.Var ||
      (kind === TermKind.Link && this.globCount === 0 && !(unordered && children.length > 1) && children.every((c) => c.det));
    this.glob = unordered ? children.find((c) => c.kind === TermKind.Glob) : undefined;
    this.fixed = unordered ? children.filter((c) => c.kind !== TermKind.Glob).sort((a, b) => a.order() - b.order()) : children;
    if (kind === TermKind.Link && !unordered && this.globCount > 0) {
      const n = children.length;
      this.minTail = new Int32Array(n + 1);
      this.globAfter = new Uint8Array(n + 1);
      for (let i = n - 1; i >= 0; i--) {
        const c = children[i];
        const isGlob = c.kind === TermKind.Glob;
        this.minTail[i] = this.minTail[i + 1] + (isGlob ? vars[c.varIndex].min : 1);
        this.globAfter[i] = this.globAfter[i + 1] | (isGlob ? 1 : 0);
      }
    } else {
      this.minTail = undefined;
      this.globAfter = undefined;
    }
  }

  /** `index`: the atom's entry in the pattern's table of constants (see `Matcher.consts`). */
  static constant(atom: Atom, index: number): Term {
    return new Term(TermKind.Const, atom, index, undefined, [], false, []);
  }

  static variable(decl: VariableDecl): Term {
    return new Term(decl.isGlob ? TermKind.Glob : TermKind.Var, decl.atom, decl.index, undefined, [], false, []);
  }

  static link(type: AtomType, children: readonly Term[], vars: readonly VariableDecl[]): Term {
    return new Term(TermKind.Link, undefined, -1, type, children, type.isUnordered, vars);
  }

  static choice(alternatives: readonly Term[]): Term {
    return new Term(TermKind.Choice, undefined, -1, undefined, alternatives, false, []);
  }

  private order(): number {
    if (this.kind === TermKind.Const) return ORDER_CONST;
    if (this.kind === TermKind.Link && this.det) return ORDER_DET_LINK;
    return this.kind === TermKind.Var ? ORDER_VAR : ORDER_OTHER;
  }
}

/**
 * Matches terms against atoms. Bindings live in an array indexed by variable number; every
 * binding made is pushed on `trail`, and `undo(mark)` takes back those made since `mark`.
 * Deterministic terms are matched by `matchDet` without allocating; the others by `matchAll`,
 * which calls its continuation once per way of matching and undoes its bindings afterwards.
 * A constant term matches the atom `consts` gives for it: the atom of the searched space equal
 * to it, or nothing (undefined) when that space does not hold one.
 */
export class Matcher {
  readonly bindings: Binding[];
  readonly trail: number[] = [];
  /** Set to cut every enumeration short (results are complete, or a neighbourhood is lost). */
  protected halted = false;
  private readonly variableType: AtomType;
  private readonly globType: AtomType;

  constructor(
    protected readonly vars: readonly VariableDecl[],
    /**
     * The query's own variables, as `type id:name` keys: never a grounding (that would be the
     * query matching itself), whichever space holds the variable.
     */
    private readonly ownVars: ReadonlySet<string>,
    protected readonly limits: ExecutionLimits,
    kt: KnownTypes,
    /** The searched space's atom for each constant of the pattern. */
    protected readonly consts: readonly (Atom | undefined)[],
  ) {
    this.bindings = new Array<Binding>(vars.length).fill(undefined);
    this.variableType = kt.variable;
    this.globType = kt.glob;
  }

  protected undo(mark: number): void {
    const trail = this.trail;
    const bindings = this.bindings;
    while (trail.length > mark) bindings[trail.pop()!] = undefined;
  }

  private isOwnVariable(a: Atom): boolean {
    return (a.type === this.variableType || a.type === this.globType) && this.ownVars.has(variableKey(a));
  }

  private bindVar(v: number, a: Atom): boolean {
    const current = this.bindings[v];
    if (current !== undefined) return current === a;
    const type = this.vars[v].type;
    if ((type !== undefined && !type.accepts(a)) || this.isOwnVariable(a)) return false;
    this.bindings[v] = a;
    this.trail.push(v);
    return true;
  }

  private bindGlob(v: number, atoms: readonly Atom[]): void {
    this.bindings[v] = atoms;
    this.trail.push(v);
  }

  /** Matches a deterministic term; on failure the caller undoes to its mark. */
  matchDet(t: Term, a: Atom): boolean {
    switch (t.kind) {
      case TermKind.Const:
        return this.consts[t.varIndex] === a;
      case TermKind.Var:
        return this.bindVar(t.varIndex, a);
      case TermKind.Link: {
        if (a.type !== t.type) return false;
        const out = a.outgoing;
        const children = t.children;
        if (out.length !== children.length) return false;
        for (let i = 0; i < children.length; i++) if (!this.matchDet(children[i], out[i])) return false;
        return true;
      }
      default:
        return false;
    }
  }

  /** Calls `k` once for every way `t` matches `a`, with the bindings of that way in place. */
  matchAll(t: Term, a: Atom, k: () => void): void {
    if (t.det) {
      const mark = this.trail.length;
      if (this.matchDet(t, a)) k();
      this.undo(mark);
      return;
    }
    if (t.kind === TermKind.Choice) {
      for (const alt of t.children) {
        this.matchAll(alt, a, k);
        if (this.halted) return;
      }
      return;
    }
    if (t.kind !== TermKind.Link || a.type !== t.type) return;
    const out = a.outgoing;
    if (t.unordered) {
      const fixed = t.fixed.length;
      const glob = t.glob === undefined ? undefined : this.vars[t.glob.varIndex];
      if (glob === undefined ? out.length !== fixed : out.length < fixed + glob.min || out.length > fixed + glob.max) return;
      this.permute(t, out, new Uint8Array(out.length), 0, k);
    } else {
      if (t.globCount === 0 ? out.length !== t.children.length : out.length < t.minTail![0]) return;
      this.matchSeq(t, out, 0, 0, k);
    }
  }

  /** Ordered members from pattern position `pi` and ground position `gi` on. */
  private matchSeq(t: Term, out: readonly Atom[], pi: number, gi: number, k: () => void): void {
    const children = t.children;
    if (pi === children.length) {
      if (gi === out.length) k();
      return;
    }
    const c = children[pi];
    if (c.kind === TermKind.Glob) {
      this.matchGlob(t, out, pi, gi, k);
      return;
    }
    if (gi >= out.length) return;
    this.limits.tick();
    if (c.det) {
      const mark = this.trail.length;
      if (this.matchDet(c, out[gi])) this.matchSeq(t, out, pi + 1, gi + 1, k);
      this.undo(mark);
    } else {
      this.matchAll(c, out[gi], () => this.matchSeq(t, out, pi + 1, gi + 1, k));
    }
  }

  /** A glob at pattern position `pi` takes the next 0..n ground atoms (within its bounds). */
  private matchGlob(t: Term, out: readonly Atom[], pi: number, gi: number, k: () => void): void {
    const v = t.children[pi].varIndex;
    const decl = this.vars[v];
    const room = out.length - gi - t.minTail![pi + 1];
    const current = this.bindings[v] as readonly Atom[] | undefined;
    if (current !== undefined) {
      if (current.length > room) return;
      for (let i = 0; i < current.length; i++) if (out[gi + i] !== current[i]) return;
      this.matchSeq(t, out, pi + 1, gi + current.length, k);
      return;
    }
    // Without another glob after this one, the members after it take one atom each.
    const last = t.globAfter![pi + 1] === 0;
    const lo = last ? room : decl.min;
    const hi = last ? room : Math.min(decl.max, room);
    if (lo < decl.min || hi > decl.max) return;
    for (let len = 0; len <= hi; len++) {
      if (len > 0 && decl.type !== undefined && !decl.type.accepts(out[gi + len - 1])) return;
      if (len < lo) continue;
      this.limits.tick();
      const mark = this.trail.length;
      this.bindGlob(v, out.slice(gi, gi + len));
      this.matchSeq(t, out, pi + 1, gi + len, k);
      this.undo(mark);
      if (this.halted) return;
    }
  }

  /** Unordered members: each pattern member takes a distinct ground member, in every way. */
  private permute(t: Term, out: readonly Atom[], used: Uint8Array, ci: number, k: () => void): void {
    const fixed = t.fixed;
    if (ci === fixed.length) {
      if (t.glob === undefined) k();
      else this.bindRest(t.glob.varIndex, out, used, k);
      return;
    }
    const c = fixed[ci];
    for (let p = 0; p < out.length; p++) {
      // Equal members sit next to each other (canonical order): trying the second gives nothing new.
      if (used[p] === 1 || (p > 0 && out[p] === out[p - 1] && used[p - 1] === 0)) continue;
      this.limits.tick();
      used[p] = 1;
      if (c.det) {
        const mark = this.trail.length;
        if (this.matchDet(c, out[p])) this.permute(t, out, used, ci + 1, k);
        this.undo(mark);
      } else {
        this.matchAll(c, out[p], () => this.permute(t, out, used, ci + 1, k));
      }
      used[p] = 0;
      if (this.halted) return;
    }
  }

  /** The glob of an unordered link takes the members no other pattern member took. */
  private bindRest(v: number, out: readonly Atom[], used: Uint8Array, k: () => void): void {
    const rest = out.filter((_, i) => used[i] === 0);
    const decl = this.vars[v];
    const current = this.bindings[v] as readonly Atom[] | undefined;
    if (current !== undefined) {
      if (current.length === rest.length && current.every((a, i) => a === rest[i])) k();
      return;
    }
    if (decl.type !== undefined && !rest.every((a) => decl.type!.accepts(a))) return;
    const mark = this.trail.length;
    this.bindGlob(v, rest);
    k();
    this.undo(mark);
  }
}

/** Identifies a variable across spaces: equal VariableNodes of two spaces have the same key. */
export function variableKey(v: Atom): string {
  return `${v.type.id}:${v.name}`;
}
