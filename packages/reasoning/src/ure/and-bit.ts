import type { Atom, AtomSpace } from '@ai-opencog/atomspace';
import { canonicalKey } from './canonical-key';
import type { Rule } from './rule';
import { contains, substitute } from './substitute';
import type { Unifier } from './unify';
import { occurringVariables, type Variables } from './variables';

/** A premise still to be found in the knowledge base (or to be proven by expanding it). */
export interface Leaf {
  readonly kind: 'leaf';
  readonly atom: Atom;
}

/** An application of a (specialized) rule whose conclusion is the parent's premise. */
export interface Step {
  readonly kind: 'step';
  readonly rule: Rule;
  readonly premises: readonly BitNode[];
}

export type BitNode = Leaf | Step;

/**
 * An and-BIT of the backward chainer's Back-Inference Tree: one inference tree whose root
 * concludes the target, whose inner nodes are rule applications and whose leaves are premises.
 * It is fulfilled when its leaves all ground in the knowledge base at once: the rules are then
 * applied bottom-up. It plays the part of OpenCog's forward-chaining strategy (FCS) BindLink.
 */
export class AndBit {
  /** All its leaves have been tried with every rule (or it has none). */
  exhausted = false;
  /** Keys of the specialized rules tried on each leaf. */
  private readonly tried = new Map<Atom, Set<string>>();
  private readonly exhaustedLeaves = new Set<Atom>();
  /** The same for alpha-equivalent and-BITs. */
  readonly key: string;

  constructor(
    readonly root: BitNode,
    /** The variables of its atoms, with their types. */
    readonly variables: Variables,
    /** Preconditions of its rules that can be checked on the knowledge base. */
    readonly preconditions: readonly Atom[],
    /** Sum over its expansions of leaf complexity + 1 − ln(rule probability). */
    readonly complexity: number,
  ) {
    this.key = canonicalKey([...treeAtoms(root), ...preconditions], (a) => variables.has(a));
  }

  /** The initial and-BIT: the target alone. */
  static initial(target: Atom, variables: Variables, complexity: number): AndBit {
    return new AndBit({ kind: 'leaf', atom: target }, variables, [], complexity);
  }

  /** Its distinct leaves, in tree order. */
  leaves(): Atom[] {
    const out = new Set<Atom>();
    const walk = (n: BitNode): void => {
      if (n.kind === 'leaf') out.add(n.atom);
      else n.premises.forEach(walk);
    };
    walk(this.root);
    return [...out];
  }

  isLeafExhausted(leaf: Atom): boolean {
    return this.exhaustedLeaves.has(leaf);
  }

  setLeafExhausted(leaf: Atom): void {
    this.exhaustedLeaves.add(leaf);
  }

  triedOn(leaf: Atom): Set<string> {
    let s = this.tried.get(leaf);
    if (s === undefined) this.tried.set(leaf, (s = new Set()));
    return s;
  }

  /** After the rule set grew (meta-rules), everything may be tried again. */
  resetExhausted(): void {
    this.exhausted = false;
    this.exhaustedLeaves.clear();
  }

  /**
   * The and-BIT with `leaf` expanded by `rule` (renamed apart and specialized by `unifier`, which
   * unified its conclusion with the leaf): the leaf becomes a step whose premises are the rule's,
   * the unifier is applied everywhere, and preconditions about the leaf (now concluded by the
   * rule, not found) are dropped. Undefined when the expansion would make a cycle (a conclusion
   * among its own premises, directly or not).
   */
  expand(patterns: AtomSpace, leaf: Atom, rule: Rule, unifier: Unifier, complexity: number): AndBit | undefined {
    const subst = unifier.subst;
    const rewrite = (n: BitNode): BitNode => {
      if (n.kind === 'leaf') {
        if (n.atom === leaf) return { kind: 'step', rule, premises: rule.premises.map((p) => ({ kind: 'leaf', atom: p })) };
        return { kind: 'leaf', atom: substitute(patterns, n.atom, subst) };
      }
      return { kind: 'step', rule: n.rule.specialize(patterns, unifier), premises: n.premises.map(rewrite) };
    };
    const root = rewrite(this.root);
    if (hasCycle(root, new Set())) return undefined;
    const preconditions = [
      ...this.preconditions.filter((p) => !contains(p, leaf)).map((p) => substitute(patterns, p, subst)),
      ...rule.preconditions,
    ];
    const candidates = new Map(unifier.types);
    for (const v of subst.keys()) candidates.delete(v);
    const used = new Set(occurringVariables([...treeAtoms(root), ...preconditions], candidates));
    const variables = new Map([...candidates].filter(([v]) => used.has(v)));
    return new AndBit(root, variables, [...new Set(preconditions)], complexity);
  }
}

/** Conclusions and leaves of the tree, in order. */
function treeAtoms(n: BitNode): Atom[] {
  if (n.kind === 'leaf') return [n.atom];
  return [n.rule.conclusion, ...n.premises.flatMap(treeAtoms)];
}

/** A conclusion that is also among its premises (down the tree) makes an inference go round. */
function hasCycle(n: BitNode, ancestors: ReadonlySet<Atom>): boolean {
  if (n.kind === 'leaf') return ancestors.has(n.atom);
  const c = n.rule.conclusion;
  if (ancestors.has(c)) return true;
  const inner = new Set(ancestors).add(c);
  return n.premises.some((p) => hasCycle(p, inner));
}
