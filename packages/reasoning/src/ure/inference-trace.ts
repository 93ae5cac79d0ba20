import type { Atom, TruthValue } from '@ai-opencog/atomspace';

/** One rule application: which rule, from which premises, what it concluded with which TV. */
export interface InferenceStep {
  /** The chainer iteration (1-based) in which the rule was applied; 0 outside a chainer. */
  readonly iteration: number;
  readonly rule: string;
  /** The premises as grounded (the atoms matched, or concluded by earlier steps). */
  readonly premises: readonly Atom[];
  readonly conclusion: Atom;
  /** The conclusion's truth value once the formula's result was merged in. */
  readonly tv: TruthValue;
}

/** The record of every rule application of a run, in order. */
export class InferenceTrace {
  private readonly list: InferenceStep[] = [];

  add(step: InferenceStep): void {
    this.list.push(step);
  }

  get steps(): readonly InferenceStep[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }
}
