import { atomToJson, truthValueToJson, writeAtom, type Atom, type AtomSpace } from '@ai-opencog/atomspace';
import type { ChainerResultItem, InferenceStep } from '@ai-opencog/reasoning';
import type { TextSink } from '../cli-io';
import { printAtom, type OutputOptions } from '../output-format';

/** Atoms with their truth values, one Atomese expression each (the TV written inside the atom). */
export function printResults(out: TextSink, items: readonly ChainerResultItem[], space: AtomSpace, options: OutputOptions): void {
  for (const { atom } of items) printAtom(out, atom, space, options);
}

const compact = (atom: Atom) => writeAtom(atom, { style: 'compact', values: false });

/**
 * The inference trace as Atomese comments (`;`), so that the output still reads back as the
 * results alone: a line per step with the iteration, the rule, the conclusion and its TV, then a
 * line per premise.
 */
export function printTraceComments(out: TextSink, steps: readonly InferenceStep[]): void {
  out.write(`; inference trace: ${steps.length} step${steps.length === 1 ? '' : 's'}\n`);
  for (const s of steps) {
    out.write(`; [${s.iteration}] ${s.rule} => ${compact(s.conclusion)} ${s.tv.toString()}\n`);
    for (const p of s.premises) out.write(`;     <- ${compact(p)}\n`);
  }
}

export function resultJson(items: readonly ChainerResultItem[], space: AtomSpace): unknown[] {
  return items.map(({ atom }) => atomToJson(atom, { space }));
}

/** A trace step as JSON: the atoms without their values (as the kernel's JSON codec writes them), the step's TV apart. */
export function traceJson(steps: readonly InferenceStep[]): unknown[] {
  return steps.map((s) => ({
    iteration: s.iteration,
    rule: s.rule,
    conclusion: atomToJson(s.conclusion, { values: false }),
    tv: truthValueToJson(s.tv),
    premises: s.premises.map((p) => atomToJson(p, { values: false })),
  }));
}
