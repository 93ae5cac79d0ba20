import type { Atom } from '../atoms/atom';
import type { AtomSpace } from '../atoms/atomspace';
import { evaluate, isTrue } from './evaluate';
import type { ExecContext } from './instantiate';
import { Matcher } from './match-engine';
import type { Anchor, Branch, CompiledPattern, Component, EvalClause, PathStep, SearchClause } from './pattern-compiler';
import type { Binding } from './template';

/** Receives each grounding (the live bindings array: copy what you keep). */
export interface GroundingSink {
  /** Returns true to stop the search. */
  accept(bindings: readonly Binding[]): boolean;
}

function stepAccepts(link: Atom, step: PathStep, child: Atom): boolean {
  return (
    link.type === step.type &&
    (step.arity < 0 || link.outgoing.length === step.arity) &&
    (step.position < 0 || link.outgoing[step.position] === child)
  );
}

/**
 * Finds the groundings of one branch of a compiled pattern.
 *
 * Clauses are grounded one at a time, each time choosing the unsolved clause that is cheapest to
 * enter: through a constant with the thinnest incoming set (of the right type, at the right
 * position), or through an already grounded variable, or, failing both, by scanning the atoms of
 * the clause's type. Candidates come from walking up incoming sets from the entry point; each is
 * matched against the whole clause. Evaluatable clauses run as soon as their variables are
 * grounded. Disconnected components are solved separately and combined as a cartesian product;
 * absent clauses, cross-component evaluations and always clauses are checked on each complete
 * grounding.
 *
 * AlwaysLink follows OpenCog: the groundings found from one candidate of the first clause (one
 * search neighbourhood) are reported only if every one of them satisfies the always clauses.
 */
export class Search extends Matcher {
  private readonly space: AtomSpace;
  private readonly solved: Uint8Array;
  private readonly evalDone: Uint8Array;
  private readonly evalStack: number[] = [];
  /** Typed incoming counts of constant anchors: -1 until known. */
  private readonly constCost: Float64Array;
  private readonly scanCost = new Map<SearchClause, number>();
  private stopped = false;
  /** The component whose search drives the others (their groundings are collected first). */
  private streamed: Component | undefined;
  private readonly others: { comp: Component; rows: Binding[][] }[] = [];
  private rows: Binding[][] | undefined;
  private readonly grouped: boolean;
  private group: Binding[][] | undefined;
  private groupFailed = false;

  constructor(
    private readonly ctx: ExecContext,
    private readonly pattern: CompiledPattern,
    private readonly branch: Branch,
    private readonly sink: GroundingSink,
    /** The searched space's atom for each of the pattern's constants (undefined: not there). */
    consts: readonly (Atom | undefined)[],
  ) {
    super(pattern.variables, pattern.ownVars, ctx.limits, ctx.kt, consts);
    this.space = ctx.space;
    this.solved = new Uint8Array(branch.clauseCount);
    this.evalDone = new Uint8Array(branch.evalCount);
    this.constCost = new Float64Array(branch.constAnchorCount).fill(-1);
    this.grouped = branch.alwaysClauses.length > 0 || branch.alwaysEvals.length > 0;
  }

  /** Runs the search; returns true when the sink asked to stop. */
  run(): boolean {
    const b = this.branch;
    if (!this.runEvals(b.constEvals, false)) return false;
    const comps = b.components;
    if (comps.length === 0) {
      this.openGroup();
      this.finalLeaf();
      this.closeGroup();
      return this.stopped;
    }
    for (let i = 1; i < comps.length; i++) {
      const rows: Binding[][] = [];
      this.rows = rows;
      this.solve(comps[i], 0);
      if (rows.length === 0) return false;
      this.others.push({ comp: comps[i], rows });
    }
    this.rows = undefined;
    this.streamed = comps[0];
    this.solve(comps[0], 0);
    return this.stopped;
  }

  private solve(comp: Component, n: number): void {
    if (n === comp.clauses.length) {
      this.componentDone(comp);
      return;
    }
    const clause = this.nextClause(comp, n);
    const neighbourhood = n === 0 && this.grouped && comp === this.streamed;
    const term = clause.term;
    const next = term.det ? undefined : () => this.clauseDone(comp, n);
    this.solved[clause.id] = 1;
    this.enumerate(clause, (root) => {
      if (neighbourhood) this.openGroup();
      if (next === undefined) {
        const mark = this.trail.length;
        if (this.matchDet(term, root)) this.clauseDone(comp, n);
        this.undo(mark);
      } else this.matchAll(term, root, next);
      if (neighbourhood) this.closeGroup();
    });
    this.solved[clause.id] = 0;
  }

  private clauseDone(comp: Component, n: number): void {
    const mark = this.evalStack.length;
    if (this.runEvals(comp.evals, true)) this.solve(comp, n + 1);
    this.unwindEvals(mark);
  }

  private componentDone(comp: Component): void {
    const mark = this.evalStack.length;
    // Evaluations whose variables stayed unbound (inside an unchosen ChoiceLink alternative) run now.
    if (this.runEvals(comp.evals, false)) {
      if (comp === this.streamed) this.product(0);
      else this.rows!.push(comp.vars.map((v) => this.bindings[v]));
    }
    this.unwindEvals(mark);
  }

  /** Combines the streamed component's grounding with every grounding of the other components. */
  private product(i: number): void {
    if (i === this.others.length) {
      this.finalLeaf();
      return;
    }
    const { comp, rows } = this.others[i];
    const vars = comp.vars;
    const bindings = this.bindings;
    for (const row of rows) {
      this.limits.tick();
      for (let j = 0; j < vars.length; j++) bindings[vars[j]] = row[j];
      this.product(i + 1);
      if (this.halted) break;
    }
    for (const v of vars) bindings[v] = undefined;
  }

  private finalLeaf(): void {
    const b = this.branch;
    const mark = this.evalStack.length;
    if (this.runEvals(b.crossEvals, false) && !b.absents.some((c) => this.exists(c))) {
      if (!this.grouped) {
        if (this.sink.accept(this.bindings)) this.stop();
      } else if (this.alwaysHolds()) this.group!.push(this.bindings.slice());
      else {
        // One failure loses the whole neighbourhood: stop exploring it.
        this.groupFailed = true;
        this.halted = true;
      }
    }
    this.unwindEvals(mark);
  }

  private alwaysHolds(): boolean {
    const b = this.branch;
    return b.alwaysEvals.every((e) => this.holds(e)) && b.alwaysClauses.every((c) => this.exists(c));
  }

  private openGroup(): void {
    if (!this.grouped) return;
    this.group = [];
    this.groupFailed = false;
  }

  private closeGroup(): void {
    if (!this.grouped) return;
    const group = this.group!;
    this.group = undefined;
    this.halted = this.stopped;
    if (this.groupFailed) return;
    for (const row of group) {
      if (this.sink.accept(row)) {
        this.stop();
        return;
      }
    }
  }

  private stop(): void {
    this.stopped = true;
    this.halted = true;
  }

  private holds(e: EvalClause): boolean {
    return isTrue(evaluate(this.ctx, e.template, this.bindings));
  }

  /** Runs the evaluations not yet run (with `readyOnly`, those whose variables are all grounded). */
  private runEvals(evals: readonly EvalClause[], readyOnly: boolean): boolean {
    for (const e of evals) {
      if (this.evalDone[e.id] === 1 || (readyOnly && !this.allBound(e.vars))) continue;
      this.evalDone[e.id] = 1;
      this.evalStack.push(e.id);
      if (!this.holds(e)) return false;
    }
    return true;
  }

  private unwindEvals(mark: number): void {
    while (this.evalStack.length > mark) this.evalDone[this.evalStack.pop()!] = 0;
  }

  private allBound(vars: readonly number[]): boolean {
    for (const v of vars) if (this.bindings[v] === undefined) return false;
    return true;
  }

  /** Whether the clause has a grounding consistent with the current bindings (which it leaves as they are). */
  private exists(clause: SearchClause): boolean {
    let found = false;
    const halted = this.halted;
    const hit = () => {
      found = true;
      this.halted = true;
    };
    this.enumerate(clause, (root) => this.matchAll(clause.term, root, hit));
    this.halted = halted;
    return found;
  }

  // ------------------------------------------------------------ choosing where to enter

  private nextClause(comp: Component, n: number): SearchClause {
    const clauses = comp.clauses;
    let best: SearchClause | undefined;
    let bestCost = Infinity;
    const last = n === clauses.length - 1;
    for (const c of clauses) {
      if (this.solved[c.id] === 1) continue;
      if (last) return c;
      const cost = this.entryCost(c);
      if (best === undefined || cost < bestCost) {
        best = c;
        bestCost = cost;
      }
    }
    return best!;
  }

  private entryCost(c: SearchClause): number {
    const a = this.bestAnchor(c);
    return a === undefined ? this.scanCostOf(c) : this.anchorCost(a, Infinity);
  }

  /** The cheapest usable anchor, or undefined when scanning the clause's type is cheaper. */
  private bestAnchor(c: SearchClause): Anchor | undefined {
    let best: Anchor | undefined;
    let bestCost = Infinity;
    for (const a of c.anchors) {
      const cost = this.anchorCost(a, bestCost);
      if (cost < bestCost) {
        best = a;
        bestCost = cost;
      }
    }
    return best !== undefined && bestCost <= this.scanCostOf(c) ? best : undefined;
  }

  /**
   * Roughly how many candidates the anchor yields; counting stops at `limit`. A constant the
   * searched space does not hold yields none: the clause cannot match.
   */
  private anchorCost(a: Anchor, limit: number): number {
    if (a.constIndex < 0) {
      const b = this.bindings[a.varIndex];
      if (b === undefined || Array.isArray(b)) return Infinity;
      return a.path.length === 0 ? 0 : this.space.getIncoming(b as Atom).length;
    }
    const known = this.constCost[a.id];
    if (known >= 0) return known;
    const atom = this.consts[a.constIndex];
    if (atom === undefined) return (this.constCost[a.id] = 0);
    const inc = this.space.getIncoming(atom);
    const step = a.path[0];
    let n = 0;
    for (let i = 0; i < inc.length && n < limit; i++) if (stepAccepts(inc[i], step, atom)) n++;
    if (n < limit) this.constCost[a.id] = n;
    return n;
  }

  private scanCostOf(c: SearchClause): number {
    let cost = this.scanCost.get(c);
    if (cost === undefined) {
      const types = c.scanTypes;
      cost = types === undefined ? this.space.size : types.reduce((n, t) => n + this.space.countByType(t, false), 0);
      this.scanCost.set(c, cost);
    }
    return cost;
  }

  // ------------------------------------------------------------ candidates

  /** Calls `visit` with each candidate grounding of the clause's root. */
  private enumerate(clause: SearchClause, visit: (root: Atom) => void): void {
    const anchor = this.bestAnchor(clause);
    if (anchor === undefined) {
      const types = clause.scanTypes;
      const atoms = types === undefined ? [...this.space.atoms()] : types.flatMap((t) => this.space.getAtomsByType(t, false));
      for (let i = 0; i < atoms.length && !this.halted; i++) this.offer(atoms[i], visit);
      return;
    }
    const atom = anchor.constIndex >= 0 ? this.consts[anchor.constIndex] : (this.bindings[anchor.varIndex] as Atom);
    if (atom === undefined) return;
    const path = anchor.path;
    if (path.length === 0) {
      this.offer(atom, visit);
      return;
    }
    if (path.length > 1) {
      const roots = this.climb(atom, path);
      for (let i = 0; i < roots.length && !this.halted; i++) this.offer(roots[i], visit);
      return;
    }
    const step = path[0];
    const inc = this.space.getIncoming(atom);
    // The length is read once: links added meanwhile (by grounded code) are not candidates.
    for (let i = 0, n = inc.length; i < n && !this.halted; i++) {
      const link = inc[i];
      if (stepAccepts(link, step, atom)) this.offer(link, visit);
    }
  }

  /** Roots reached from `atom` through incoming sets along `path`, each once. */
  private climb(atom: Atom, path: readonly PathStep[]): Atom[] {
    let level: Atom[] = [atom];
    for (const step of path) {
      const next = new Set<Atom>();
      for (const a of level) for (const link of this.space.getIncoming(a)) if (stepAccepts(link, step, a)) next.add(link);
      level = [...next];
    }
    return level;
  }

  private offer(root: Atom, visit: (root: Atom) => void): void {
    this.limits.tick();
    if (!this.isQueryLink(root)) visit(root);
  }

  /** Whether `root` is a link of the query itself (or, for a query held elsewhere, equal to one). */
  private isQueryLink(root: Atom): boolean {
    const same = this.pattern.selfLinks.get(root.hash);
    if (same === undefined) return false;
    for (const q of same) if (q === root || sameAtom(q, root)) return true;
    return false;
  }
}

/** Structural equality of atoms of different spaces (unordered links are in canonical order in both). */
function sameAtom(a: Atom, b: Atom): boolean {
  if (a === b) return true;
  if (a.hash !== b.hash || a.type !== b.type || a.name !== b.name) return false;
  const x = a.outgoing;
  const y = b.outgoing;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!sameAtom(x[i], y[i])) return false;
  return true;
}
