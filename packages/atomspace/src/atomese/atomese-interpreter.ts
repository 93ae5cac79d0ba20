import type { Atom } from '../atoms/atom';
import type { AtomSpace } from '../atoms/atomspace';
import { AtomSpaceError } from '../errors';
import { ATOM_TYPE_ID, type AtomType } from '../types/atom-type';
import { av, type AttentionValue } from '../values/attention-value';
import { ctv, stv, type TruthValue } from '../values/truth-value';
import { FloatValue, LinkValue, StringValue, type Value } from '../values/value';
import { AtomeseError } from './atomese-error';
import type { SExpr, SList } from './sexpr-parser';

/** Guile modules whose `use-modules` is understood: their atom types and functions are built in. */
const OPENCOG_MODULES = /^\(opencog(?: [a-z-]+)*\)$/;

/** Values that may be written inside an atom's expression and what they set. */
type AtomDecoration =
  | { kind: 'tv'; tv: TruthValue }
  | { kind: 'av'; av: AttentionValue }
  | { kind: 'keyed'; pairs: [Atom, Value][] };

/**
 * Turns s-expressions into atoms and values of an AtomSpace, with OpenCog's Scheme meaning:
 * `(ConceptNode "cat" (stv 0.8 0.9))`, short type names, `(define name ATOM)` and later uses of
 * `name`, `cog-set-tv!`/`cog-set-av!`/`cog-set-value!`, `alist` keyed values, and the harmless
 * `setlocale` / `use-modules (opencog ...)` lines that OpenCog files start with. Anything else is
 * an error that names the construct and its position.
 */
export class AtomeseInterpreter {
  /** Symbols bound by `(define name ATOM)`. */
  readonly definitions: Map<string, Atom>;

  constructor(
    private readonly space: AtomSpace,
    private readonly file = '<input>',
    definitions?: Map<string, Atom>,
  ) {
    this.definitions = definitions ?? new Map();
  }

  /** Evaluates one top-level datum: an atom, a value, or undefined for a directive. */
  evaluate(e: SExpr): Atom | Value | undefined {
    switch (e.kind) {
      case 'symbol':
        return this.symbolAtom(e.value, e);
      case 'string':
        return this.fail(`a string alone is not Atomese: "${clip(e.value)}"`, e);
      case 'number':
        return this.fail(`a number alone is not Atomese: ${e.text}`, e);
      case 'list':
        return this.evaluateList(e);
    }
  }

  private evaluateList(e: SList): Atom | Value | undefined {
    const head = this.headOf(e);
    const type = this.atomType(head);
    if (type) return this.atomFromList(e, type);
    switch (head) {
      case 'stv':
      case 'ctv':
        return this.truthValue(e);
      case 'av':
        return this.attentionValue(e);
      case 'FloatValue':
      case 'StringValue':
      case 'LinkValue':
        return this.value(e);
      case 'define':
        this.define(e);
        return undefined;
      case 'use-modules':
        this.useModules(e);
        return undefined;
      case 'setlocale':
        // OpenCog's dumps start with (setlocale LC_CTYPE ""): a locale switch for Guile's reader, nothing to load.
        return undefined;
      case 'cog-set-tv!': {
        const [atom, tv] = this.args(e, 2);
        const a = this.atom(atom);
        this.space.setTruthValue(a, this.truthValue(this.list(tv, 'a truth value')));
        return a;
      }
      case 'cog-set-av!': {
        const [atom, value] = this.args(e, 2);
        const a = this.atom(atom);
        this.space.setAttentionValue(a, this.attentionValue(this.list(value, 'an attention value')));
        return a;
      }
      case 'cog-set-value!': {
        const [atom, key, value] = this.args(e, 3);
        const a = this.atom(atom);
        this.space.setValue(a, this.atom(key), this.value(value));
        return a;
      }
      default:
        return this.fail(this.unknownHead(head), e.items[0]);
    }
  }

  /** An expression that must denote an atom: a type expression or a defined symbol. */
  atom(e: SExpr): Atom {
    if (e.kind === 'symbol') return this.symbolAtom(e.value, e);
    if (e.kind !== 'list') {
      return this.fail(`expected an atom, got ${describe(e)}`, e);
    }
    const head = this.headOf(e);
    const type = this.atomType(head);
    if (type) return this.atomFromList(e, type);
    if (head === 'cog-set-tv!' || head === 'cog-set-av!' || head === 'cog-set-value!') {
      return this.evaluateList(e) as Atom;
    }
    if (isValueHead(head)) return this.fail(`expected an atom, got the value (${head} ...)`, e);
    return this.fail(this.unknownHead(head), e.items[0]);
  }

  private atomFromList(e: SList, type: AtomType): Atom {
    if (type.isAbstract) {
      return this.fail(`${type.name} is an abstract type: no atom can have it`, e.items[0]);
    }
    const decorations: AtomDecoration[] = [];
    let atom: Atom;
    if (type.isNode) {
      const nameExpr = e.items[1];
      let name: string;
      if (nameExpr?.kind === 'string') name = nameExpr.value;
      else if (nameExpr?.kind === 'number' && type.name === 'NumberNode') name = nameExpr.text;
      else return this.fail(`${type.name} needs a name string as its first argument${nameExpr ? `, got ${describe(nameExpr)}` : ''}`, nameExpr ?? e);
      for (let i = 2; i < e.items.length; i++) {
        const d = this.decoration(e.items[i]);
        if (!d) return this.fail(`${type.name} takes a name and values, not ${describe(e.items[i])}`, e.items[i]);
        decorations.push(d);
      }
      atom = this.guard(e, () => this.space.addNode(type, name));
    } else {
      const outgoing: Atom[] = [];
      for (let i = 1; i < e.items.length; i++) {
        const item = e.items[i];
        const d = this.decoration(item);
        if (d) decorations.push(d);
        else outgoing.push(this.atom(item));
      }
      atom = this.guard(e, () => this.space.addLink(type, outgoing));
    }
    for (const d of decorations) {
      if (d.kind === 'tv') this.space.setTruthValue(atom, d.tv);
      else if (d.kind === 'av') this.space.setAttentionValue(atom, d.av);
      else for (const [k, v] of d.pairs) this.space.setValue(atom, k, v);
    }
    return atom;
  }

  /** A value written inside an atom's expression, or undefined when `e` is something else. */
  private decoration(e: SExpr): AtomDecoration | undefined {
    if (e.kind !== 'list' || e.items.length === 0 || e.items[0].kind !== 'symbol') return undefined;
    switch (e.items[0].value) {
      case 'stv':
      case 'ctv':
        return { kind: 'tv', tv: this.truthValue(e) };
      case 'av':
        return { kind: 'av', av: this.attentionValue(e) };
      case 'alist':
        return { kind: 'keyed', pairs: e.items.slice(1).map((p) => this.keyValuePair(p)) };
      default:
        return undefined;
    }
  }

  /** `(cons KEY VALUE)` inside an `alist`. */
  private keyValuePair(e: SExpr): [Atom, Value] {
    if (e.kind !== 'list' || this.headOf(e) !== 'cons' || e.items.length !== 3) {
      return this.fail(`alist entries must be (cons KEY VALUE), got ${describe(e)}`, e);
    }
    return [this.atom(e.items[1]), this.value(e.items[2])];
  }

  truthValue(e: SList): TruthValue {
    const head = this.headOf(e);
    if (head !== 'stv' && head !== 'ctv') {
      return this.fail(`expected a truth value (stv S C) or (ctv S C N), got ${describe(e)}`, e);
    }
    const nums = this.numbers(e, head === 'stv' ? 2 : 3);
    return this.guard(e, () => (head === 'stv' ? stv(nums[0], nums[1]) : ctv(nums[0], nums[1], nums[2])));
  }

  attentionValue(e: SList): AttentionValue {
    if (this.headOf(e) !== 'av') return this.fail(`expected (av STI LTI VLTI), got ${describe(e)}`, e);
    const nums = this.numbers(e, e.items.length === 3 ? 2 : 3);
    return this.guard(e, () => av(nums[0], nums[1], nums[2] ?? 0));
  }

  /** Any value expression: a truth or attention value, FloatValue, StringValue, LinkValue, or an atom. */
  value(e: SExpr): Value {
    if (e.kind !== 'list') return this.fail(`expected a value, got ${describe(e)}`, e);
    const head = this.headOf(e);
    switch (head) {
      case 'stv':
      case 'ctv':
        return this.truthValue(e);
      case 'av':
        return this.attentionValue(e);
      case 'FloatValue':
        return this.guard(e, () => new FloatValue(e.items.slice(1).map((x) => this.number(x))));
      case 'StringValue':
        return new StringValue(
          e.items.slice(1).map((x) => (x.kind === 'string' ? x.value : this.fail(`StringValue holds strings, got ${describe(x)}`, x))),
        );
      case 'LinkValue':
        return new LinkValue(e.items.slice(1).map((x) => this.valueOrAtom(x)));
      default:
        return this.fail(`expected a value such as (FloatValue ...) or (stv S C), got (${head} ...)`, e);
    }
  }

  private valueOrAtom(e: SExpr): Atom | Value {
    if (e.kind === 'list' && isValueHead(this.headOf(e))) return this.value(e);
    return this.atom(e);
  }

  private define(e: SList): void {
    const target = e.items[1];
    if (target?.kind === 'list') {
      return this.fail(`(define (${target.items[0]?.kind === 'symbol' ? target.items[0].value : '...'} ...) ...) defines a Scheme function, which is not Atomese`, e);
    }
    if (target?.kind !== 'symbol' || e.items.length !== 3) {
      return this.fail('define takes a name and one atom: (define name ATOM)', e);
    }
    const body = e.items[2];
    const isAtomExpr =
      (body.kind === 'list' && this.atomType(this.headOf(body))?.isAbstract === false) ||
      (body.kind === 'symbol' && this.definitions.has(body.value));
    if (!isAtomExpr) {
      return this.fail(`(define ${target.value} ...) of ${describe(body)} is not Atomese: only atoms can be defined`, body);
    }
    this.definitions.set(target.value, this.atom(body));
  }

  private useModules(e: SList): void {
    for (const m of e.items.slice(1)) {
      const text = render(m);
      if (!OPENCOG_MODULES.test(text)) {
        this.fail(`(use-modules ${text}) is not supported: only OpenCog's own modules are built in`, m);
      }
    }
  }

  private symbolAtom(name: string, e: SExpr): Atom {
    const a = this.definitions.get(name);
    if (a) {
      if (!a.isAlive) return this.fail(`'${name}' names an atom that has been removed`, e);
      return a;
    }
    return this.fail(`unbound variable '${name}': it is not defined by (define ${name} ...)`, e);
  }

  /** The atom type (possibly abstract) named `head`; value types such as FloatValue are not atom types. */
  private atomType(head: string): AtomType | undefined {
    const t = this.space.types.find(head);
    return t && t.isA(ATOM_TYPE_ID) ? t : undefined;
  }

  private headOf(e: SList): string {
    const head = e.items[0];
    if (!head) return this.fail("empty list '()' is not Atomese", e);
    if (head.kind !== 'symbol') {
      return this.fail(`expected a type name or form after '(', got ${describe(head)}`, head);
    }
    return head.value;
  }

  private unknownHead(head: string): string {
    if (/(Node|Link)$/.test(head)) {
      return `unknown atom type '${head}': declare it first (a types file, or --type ${head}:${head.endsWith('Node') ? 'ConceptNode' : 'OrderedLink'})`;
    }
    return `'${head}' is not an atom type or an Atomese form`;
  }

  private args(e: SList, n: number): SExpr[] {
    if (e.items.length !== n + 1) {
      return this.fail(`${this.headOf(e)} takes ${n} arguments, got ${e.items.length - 1}`, e);
    }
    return e.items.slice(1);
  }

  private list(e: SExpr, what: string): SList {
    if (e.kind !== 'list') return this.fail(`expected ${what}, got ${describe(e)}`, e);
    return e;
  }

  private numbers(e: SList, n: number): number[] {
    const head = this.headOf(e);
    if (e.items.length !== n + 1) {
      return this.fail(`(${head} ...) takes ${n} numbers, got ${e.items.length - 1} arguments`, e);
    }
    return e.items.slice(1).map((x) => this.number(x));
  }

  private number(e: SExpr): number {
    if (e.kind !== 'number') return this.fail(`expected a number, got ${describe(e)}`, e);
    return e.value;
  }

  /** Runs an AtomSpace operation, turning its errors into positioned Atomese errors. */
  private guard<T>(e: SExpr, f: () => T): T {
    try {
      return f();
    } catch (err) {
      if (err instanceof AtomSpaceError && !(err instanceof AtomeseError)) return this.fail(err.message, e);
      throw err;
    }
  }

  private fail(reason: string, at: { line: number; column: number }): never {
    throw new AtomeseError(reason, this.file, at.line, at.column);
  }
}

function isValueHead(head: string): boolean {
  return head === 'stv' || head === 'ctv' || head === 'av' || head === 'FloatValue' || head === 'StringValue' || head === 'LinkValue';
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}...` : s;
}

function describe(e: SExpr): string {
  switch (e.kind) {
    case 'string':
      return `the string "${clip(e.value)}"`;
    case 'number':
      return `the number ${e.text}`;
    case 'symbol':
      return `the symbol '${e.value}'`;
    case 'list':
      return e.items[0]?.kind === 'symbol' ? `(${e.items[0].value} ...)` : 'a list';
  }
}

/** Scheme text of a datum, for messages. */
function render(e: SExpr): string {
  switch (e.kind) {
    case 'string':
      return JSON.stringify(e.value);
    case 'number':
      return e.text;
    case 'symbol':
      return e.value;
    case 'list':
      return `(${e.items.map(render).join(' ')})`;
  }
}
