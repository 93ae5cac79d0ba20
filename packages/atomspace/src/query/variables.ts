import type { Atom } from '../atoms/atom';
import { AtomSpaceError } from '../errors';
import type { AtomType } from '../types/atom-type';
import type { KnownTypes } from './known-types';

export function invalidQuery(message: string): AtomSpaceError {
  return new AtomSpaceError('INVALID_QUERY', message);
}

/** A type restriction, compiled from TypeNode, TypeInhNode, TypeCoInhNode, TypeChoice, SignatureLink. */
type DeepType =
  | { kind: 'exact' | 'inh' | 'coinh'; type: AtomType }
  | { kind: 'choice'; alternatives: DeepType[] }
  /** Inside a signature, an atom that is not a type stands for itself. */
  | { kind: 'atom'; atom: Atom }
  | { kind: 'link'; type: AtomType; children: DeepType[] };

/** What a variable may be grounded by. */
export class VarType {
  /** Per type id (of the types known when compiled): 1 when a plain type constraint accepts it. */
  private readonly table: Uint8Array;
  private readonly hasDeep: boolean;
  private candidates: AtomType[] | undefined;
  private candidatesFor = -1;

  constructor(
    private readonly alternatives: readonly DeepType[],
    types: readonly AtomType[],
  ) {
    this.table = new Uint8Array(types.length);
    for (const t of types) if (alternatives.some((d) => isPlain(d) && plainAccepts(d, t))) this.table[t.id] = 1;
    this.hasDeep = alternatives.some((d) => !isPlain(d));
  }

  /** The number of types the table covers: a registry that has grown since needs a new table. */
  get tableSize(): number {
    return this.table.length;
  }

  accepts(atom: Atom): boolean {
    const id = atom.type.id;
    if (id < this.table.length) {
      if (this.table[id] === 1) return true;
      if (!this.hasDeep) return false;
    }
    return this.alternatives.some((d) => deepAccepts(d, atom));
  }

  /** Types whose atoms may be accepted: where to look when the variable has to be scanned for. */
  candidateTypes(all: readonly AtomType[]): AtomType[] {
    if (this.candidatesFor !== all.length) {
      this.candidates = all.filter((t) => this.alternatives.some((d) => mayAcceptType(d, t)));
      this.candidatesFor = all.length;
    }
    return this.candidates!;
  }
}

/**
 * Compiled type restrictions by type-specification atom (the second member of a TypedVariableLink),
 * so that the table of accepted types is built once per specification, not at every compilation.
 * A specification compiled before its registry grew is compiled again.
 */
const varTypes = new WeakMap<Atom, VarType>();

function isPlain(d: DeepType): d is { kind: 'exact' | 'inh' | 'coinh'; type: AtomType } {
  return d.kind === 'exact' || d.kind === 'inh' || d.kind === 'coinh';
}

function plainAccepts(d: { kind: 'exact' | 'inh' | 'coinh'; type: AtomType }, t: AtomType): boolean {
  return d.kind === 'exact' ? t === d.type : d.kind === 'inh' ? t.isA(d.type) : d.type.isA(t);
}

function deepAccepts(d: DeepType, atom: Atom): boolean {
  switch (d.kind) {
    case 'exact':
    case 'inh':
    case 'coinh':
      return plainAccepts(d, atom.type);
    case 'choice':
      return d.alternatives.some((a) => deepAccepts(a, atom));
    case 'atom':
      return d.atom === atom;
    case 'link': {
      const out = atom.outgoing;
      if (atom.type !== d.type || out.length !== d.children.length) return false;
      if (!d.type.isUnordered) return d.children.every((c, i) => deepAccepts(c, out[i]));
      return assignAll(d.children, out, new Uint8Array(out.length), 0);
    }
  }
}

/** Unordered signatures: some one-to-one pairing of specs and atoms must accept every atom. */
function assignAll(specs: readonly DeepType[], atoms: readonly Atom[], used: Uint8Array, i: number): boolean {
  if (i === specs.length) return true;
  for (let p = 0; p < atoms.length; p++) {
    if (used[p] || !deepAccepts(specs[i], atoms[p])) continue;
    used[p] = 1;
    const ok = assignAll(specs, atoms, used, i + 1);
    used[p] = 0;
    if (ok) return true;
  }
  return false;
}

function mayAcceptType(d: DeepType, t: AtomType): boolean {
  switch (d.kind) {
    case 'choice':
      return d.alternatives.some((a) => mayAcceptType(a, t));
    case 'atom':
      return d.atom.type === t;
    case 'link':
      return d.type === t;
    default:
      return plainAccepts(d, t);
  }
}

/** A variable of a pattern, with its index in the bindings array and its restrictions. */
export interface VariableDecl {
  readonly atom: Atom;
  readonly index: number;
  readonly isGlob: boolean;
  /** undefined: any atom. */
  readonly type: VarType | undefined;
  /** Globs: fewest and most atoms matched (max is Infinity when unbounded). */
  readonly min: number;
  readonly max: number;
}

/** Reads a variable declaration: a variable, a TypedVariableLink, a VariableList or a VariableSet. */
export function declaredVariables(kt: KnownTypes, decl: Atom): VariableDecl[] {
  const items = decl.type === kt.variableList || decl.type === kt.variableSet ? decl.outgoing : [decl];
  const out: VariableDecl[] = [];
  const seen = new Set<Atom>();
  for (const item of items) {
    const v = declareOne(kt, item, out.length);
    if (seen.has(v.atom)) throw invalidQuery(`${v.atom} is declared twice in ${decl}`);
    seen.add(v.atom);
    out.push(v);
  }
  return out;
}

function declareOne(kt: KnownTypes, item: Atom, index: number): VariableDecl {
  if (kt.isVariableType(item.type)) return untyped(kt, item, index);
  if (item.type !== kt.typedVariable) {
    throw invalidQuery(`a variable declaration may hold only variables and TypedVariableLinks, got ${item}`);
  }
  if (item.arity !== 2) {
    throw invalidQuery(`TypedVariableLink needs a variable and a type, got ${item.arity} atoms in ${item}`);
  }
  const [v, spec] = item.outgoing;
  if (!kt.isVariableType(v.type)) throw invalidQuery(`TypedVariableLink must start with a VariableNode or GlobNode, got ${v}`);
  const isGlob = v.type === kt.glob;
  const specs = spec.type === kt.typeSet ? spec.outgoing : [spec];
  const intervals = specs.filter((s) => s.type === kt.interval);
  const typeSpecs = specs.filter((s) => s.type !== kt.interval);
  if (intervals.length > 0 && !isGlob) throw invalidQuery(`IntervalLink restricts GlobNodes only, got it for ${v}`);
  if (intervals.length > 1) throw invalidQuery(`${v} has more than one IntervalLink`);
  const [min, max] = intervals.length === 1 ? readInterval(kt, intervals[0], v) : [1, isGlob ? Infinity : 1];
  return { atom: v, index, isGlob, type: varTypeOf(kt, spec, typeSpecs, v), min, max };
}

/** The compiled restriction of `spec` (cached per specification atom); undefined when it restricts nothing. */
function varTypeOf(kt: KnownTypes, spec: Atom, typeSpecs: readonly Atom[], v: Atom): VarType | undefined {
  if (typeSpecs.length === 0) return undefined;
  const all = kt.registry.all();
  let type = varTypes.get(spec);
  if (type === undefined || type.tableSize !== all.length) {
    type = new VarType(
      typeSpecs.map((s) => compileTypeSpec(kt, s, v)),
      all,
    );
    varTypes.set(spec, type);
  }
  return type;
}

function untyped(kt: KnownTypes, v: Atom, index: number): VariableDecl {
  const isGlob = v.type === kt.glob;
  return { atom: v, index, isGlob, type: undefined, min: 1, max: isGlob ? Infinity : 1 };
}

/** Untyped declarations for the given variables (patterns without an explicit declaration). */
export function implicitVariables(kt: KnownTypes, vars: readonly Atom[]): VariableDecl[] {
  return vars.map((v, i) => untyped(kt, v, i));
}

function readInterval(kt: KnownTypes, interval: Atom, v: Atom): [number, number] {
  const bounds = interval.outgoing.map((b) => (b.type === kt.number ? Number(b.name) : NaN));
  const [lo, hi] = bounds;
  const ok = bounds.length === 2 && Number.isInteger(lo) && lo >= 0 && Number.isInteger(hi) && (hi === -1 || hi >= lo);
  if (!ok) {
    throw invalidQuery(
      `IntervalLink of ${v} needs two whole NumberNodes, lower <= upper (upper -1 = unbounded), got ${interval}`,
    );
  }
  return [lo, hi === -1 ? Infinity : hi];
}

function compileTypeSpec(kt: KnownTypes, spec: Atom, v: Atom): DeepType {
  const t = spec.type;
  if (t === kt.typeNode || t === kt.typeInh || t === kt.typeCoInh) {
    const named = kt.registry.find(spec.name);
    if (named === undefined) throw invalidQuery(`unknown type '${spec.name}' in the declaration of ${v}`);
    return { kind: t === kt.typeNode ? 'exact' : t === kt.typeInh ? 'inh' : 'coinh', type: named };
  }
  if (t === kt.typeChoice) return { kind: 'choice', alternatives: spec.outgoing.map((s) => compileTypeSpec(kt, s, v)) };
  if (t === kt.signature) {
    if (spec.arity !== 1) throw invalidQuery(`SignatureLink holds exactly one type pattern, got ${spec}`);
    return compileSignature(kt, spec.outgoing[0], v);
  }
  throw invalidQuery(`${spec} is not a type specification (in the declaration of ${v})`);
}

/** Inside a signature, type atoms restrict and every other atom stands for itself. */
function compileSignature(kt: KnownTypes, spec: Atom, v: Atom): DeepType {
  const t = spec.type;
  if (t === kt.typeNode || t === kt.typeInh || t === kt.typeCoInh || t === kt.typeChoice || t === kt.signature) {
    return compileTypeSpec(kt, spec, v);
  }
  if (t.isNode) return { kind: 'atom', atom: spec };
  return { kind: 'link', type: t, children: spec.outgoing.map((s) => compileSignature(kt, s, v)) };
}

/**
 * Free variables of `roots` in order of first appearance: VariableNodes and GlobNodes that are
 * not quoted and not bound by a nested scope (a nested scope without a declaration binds all
 * of its variables).
 */
export function freeVariables(kt: KnownTypes, roots: readonly Atom[]): Atom[] {
  const found: Atom[] = [];
  const seen = new Set<Atom>();
  const walk = (a: Atom, level: number, bound: ReadonlySet<Atom>): void => {
    const t = a.type;
    if (t.isNode) {
      if (level === 0 && kt.isVariableType(t) && !bound.has(a) && !seen.has(a)) {
        seen.add(a);
        found.push(a);
      }
      return;
    }
    if (t === kt.quote) level++;
    else if (t === kt.unquote) level = Math.max(0, level - 1);
    else if (level === 0 && t.isA(kt.scope)) {
      const binds = scopeBinds(kt, a);
      if (binds === undefined) return;
      const inner = new Set(bound);
      for (const d of binds) inner.add(d);
      for (let i = 1; i < a.outgoing.length; i++) walk(a.outgoing[i], level, inner);
      return;
    }
    for (const c of a.outgoing) walk(c, level, bound);
  };
  for (const r of roots) walk(r, 0, new Set());
  return found;
}

/**
 * The variables a declaration declares, without compiling their types: what a nested scope
 * binds. Malformed items are skipped (the scope is only looked through, not run).
 */
export function declaredVariableAtoms(kt: KnownTypes, decl: Atom): Atom[] {
  const items = decl.type === kt.variableList || decl.type === kt.variableSet ? decl.outgoing : [decl];
  const out: Atom[] = [];
  for (const item of items) {
    if (kt.isVariableType(item.type)) out.push(item);
    else if (item.type === kt.typedVariable && item.arity > 0 && kt.isVariableType(item.outgoing[0].type)) out.push(item.outgoing[0]);
  }
  return out;
}

/**
 * The variables a scope link binds (OpenCog's ScopeLink::extract_variables): those of its
 * declaration when its first member is one (and is not the scope's only member), else every free
 * variable of the scope. Undefined stands for the latter: everything inside is bound.
 */
export function scopeBinds(kt: KnownTypes, scope: Atom): Atom[] | undefined {
  const head = scope.outgoing[0];
  if (head === undefined || scope.arity < 2 || !kt.isDeclarationType(head.type)) return undefined;
  return declaredVariableAtoms(kt, head);
}
