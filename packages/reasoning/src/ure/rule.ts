import { AtomSpaceError, type Atom, type AtomSpace } from '@ai-opencog/atomspace';
import { canonicalKey } from './canonical-key';
import { substitute } from './substitute';
import type { Unifier } from './unify';
import { freeVariables, isDeclaration, isOfType, occurringVariables, readVariables, type Variables } from './variables';

/**
 * A rule of a rule base: a BindLink `(BindLink VARDECL PREMISES REWRITE)` named by a
 * DefinedSchemaNode, as OpenCog's URE reads it. The premises are the clauses to find in the
 * knowledge base (those under PresentLink, or all the non-evaluatable members of the body);
 * the preconditions are the evaluatable clauses (NotLink, IdenticalLink, EvaluationLinks over
 * GroundedPredicateNodes ...). The rewrite is normally
 * `(ExecutionOutputLink (GroundedSchemaNode FORMULA) (ListLink CONCLUSION ARG...))`; a rule whose
 * rewrite is (a quoted) BindLink is a meta-rule: it produces rules.
 *
 * Rules are immutable; specializing one (unifying it with a source or a target) makes another,
 * held in the chainer's pattern space.
 */
export class Rule {
  private constructor(
    /** The name of its DefinedSchemaNode, e.g. `inheritance-deduction-rule`. */
    readonly name: string,
    /** The DefinedSchemaNode (of the knowledge base). */
    readonly alias: Atom,
    /** The strength of its MemberLink in the rule base: its selection weight. */
    readonly weight: number,
    readonly variables: Variables,
    readonly premises: readonly Atom[],
    readonly preconditions: readonly Atom[],
    readonly rewrite: Atom,
    /** What the rule concludes (a pattern over its variables). */
    readonly conclusion: Atom,
    /** The GroundedSchemaNode name of its formula, when the rewrite calls one. */
    readonly formula: string | undefined,
    readonly isMeta: boolean,
  ) {}

  /** Reads a rule from its BindLink (any atom of any space: it is copied into `space`). */
  static fromBindLink(space: AtomSpace, name: string, alias: Atom, weight: number, bindLink: Atom): Rule {
    if (bindLink.type.name !== 'BindLink') {
      throw new AtomSpaceError('INVALID_QUERY', `rule ${name} must be defined by a BindLink, got a ${bindLink.type.name}`);
    }
    const out = bindLink.outgoing.map((a) => substitute(space, a, new Map()));
    let decl: Atom | undefined;
    let body: Atom;
    let rewrite: Atom;
    if (out.length === 3 && isDeclaration(out[0])) [decl, body, rewrite] = out;
    else if (out.length === 2) [body, rewrite] = out;
    else throw new AtomSpaceError('INVALID_QUERY', `rule ${name}: a BindLink takes [vardecl] body rewrite, got ${bindLink}`);
    const declared = readVariables(space, decl);
    const { premises, preconditions } = splitBody(body);
    // Without a declaration every free variable of the body is a variable of the rule, untyped.
    const variables = decl !== undefined ? declared : new Map(freeVariables([...premises, ...preconditions]).map((v) => [v, undefined]));
    return Rule.make(name, alias, weight, variables, premises, preconditions, rewrite);
  }

  private static make(
    name: string,
    alias: Atom,
    weight: number,
    variables: Variables,
    premises: readonly Atom[],
    preconditions: readonly Atom[],
    rewrite: Atom,
  ): Rule {
    const isMeta = unquoted(rewrite).type.name === 'BindLink';
    let conclusion = rewrite;
    let formula: string | undefined;
    if (rewrite.type.name === 'ExecutionOutputLink' && rewrite.arity === 2 && rewrite.outgoing[0].type.name === 'GroundedSchemaNode') {
      formula = rewrite.outgoing[0].name;
      const args = rewrite.outgoing[1];
      conclusion = args.type.name === 'ListLink' ? (args.outgoing[0] ?? args) : args;
    }
    return new Rule(name, alias, weight, variables, premises, preconditions, rewrite, conclusion, formula, isMeta);
  }

  /** The arguments passed to the formula after the conclusion. */
  get formulaArguments(): readonly Atom[] {
    const args = this.rewrite.outgoing[1];
    return this.formula !== undefined && args.type.name === 'ListLink' ? args.outgoing.slice(1) : [];
  }

  /** The rule with the unifier applied: bound variables are gone, the others have their narrowed types. */
  specialize(space: AtomSpace, unifier: Unifier): Rule {
    const s = unifier.subst;
    const sub = (a: Atom) => substitute(space, a, s);
    const premises = this.premises.map(sub);
    const preconditions = this.preconditions.map(sub);
    const rewrite = sub(this.rewrite);
    const candidates = new Map(unifier.types);
    for (const v of s.keys()) candidates.delete(v);
    const used = new Set(occurringVariables([...premises, ...preconditions, rewrite], candidates));
    const variables = new Map([...candidates].filter(([v]) => used.has(v)));
    return Rule.make(this.name, this.alias, this.weight, variables, premises, preconditions, rewrite);
  }

  /** The rule with its variables renamed apart (`$A` becomes `$A#tag`), types kept. */
  renamed(space: AtomSpace, tag: string): Rule {
    const fresh = new Map<Atom, Atom>();
    const variables = new Map<Atom, ReturnType<Variables['get']>>();
    for (const [v, t] of this.variables) {
      const w = space.addNode(v.type, `${v.name}#${tag}`);
      fresh.set(v, w);
      variables.set(w, t);
    }
    const sub = (a: Atom) => substitute(space, a, fresh);
    return Rule.make(
      this.name,
      this.alias,
      this.weight,
      variables,
      this.premises.map(sub),
      this.preconditions.map(sub),
      sub(this.rewrite),
    );
  }

  /** Same for alpha-equivalent rules: identifies a specialization whatever its variables are named. */
  get key(): string {
    const isVariable = (a: Atom) => this.variables.has(a);
    // Premises are a set: ordered by their shape (variables shared with the conclusion named after
    // it), so that the n! orders an unordered conclusion unifies in count once.
    const shape = (a: Atom) => canonicalKey([this.conclusion, a], isVariable);
    const byShape = (xs: readonly Atom[]) => xs.map((a) => [shape(a), a] as const).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map(([, a]) => a);
    return `${this.name}|${canonicalKey([this.conclusion, ...byShape(this.premises), ...byShape(this.preconditions)], isVariable)}`;
  }

  /** True when some premise is the conclusion itself (expanding with it goes round in circles). */
  get hasCycle(): boolean {
    return this.premises.includes(this.conclusion);
  }

  toString(): string {
    return this.name;
  }
}

function unquoted(a: Atom): Atom {
  return a.type.name === 'QuoteLink' && a.arity === 1 ? a.outgoing[0] : a;
}

/** Clauses the pattern matcher evaluates rather than searches for. */
function isPrecondition(a: Atom): boolean {
  const t = a.type;
  const n = t.name;
  if (n === 'NotLink' || n === 'TrueLink' || n === 'FalseLink' || n === 'SatisfactionLink') return true;
  if (n === 'EvaluationLink') return a.arity > 0 && a.outgoing[0].type.name === 'GroundedPredicateNode';
  return isOfType(t, 'VirtualLink');
}

/**
 * Premises and preconditions of a body. With PresentLinks, their members are the premises and the
 * other members of the AndLink are preconditions (OpenCog's Rule::get_clauses); without, the
 * evaluatable members are preconditions and the rest premises.
 */
function splitBody(body: Atom): { premises: Atom[]; preconditions: Atom[] } {
  const n = body.type.name;
  if (n === 'PresentLink') return { premises: [...body.outgoing], preconditions: [] };
  if (n !== 'AndLink') return isPrecondition(body) ? { premises: [], preconditions: [body] } : { premises: [body], preconditions: [] };
  const members = body.outgoing;
  const present = members.filter((m) => m.type.name === 'PresentLink');
  if (present.length > 0) {
    return {
      premises: present.flatMap((p) => p.outgoing),
      preconditions: members.filter((m) => m.type.name !== 'PresentLink'),
    };
  }
  return { premises: members.filter((m) => !isPrecondition(m)), preconditions: members.filter(isPrecondition) };
}
