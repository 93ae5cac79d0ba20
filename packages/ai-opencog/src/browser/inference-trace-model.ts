import type { AtomJson, ChainResult, InferenceStep, TruthValueJson } from '@ai-opencog/protocol';
import { atomKey, atomText, truthValueText } from '../common/atom-format';

/*
 * A chainer's inference trace as a tree a user can unfold: each result (or, when no step concluded
 * a result, each step) is a root; under an atom come the steps that concluded it (rule, TV,
 * iteration); under a step come its premises, which unfold in turn into the steps that concluded
 * them. Children are made when asked, and an atom already on the path is not unfolded again, so
 * cycles (A from B from A) and large traces cost nothing until opened.
 */

export type TraceNode =
  | { kind: 'atom'; id: string; atom: AtomJson; text: string; tv?: TruthValueJson; stepCount: number; path: readonly string[] }
  | { kind: 'step'; id: string; step: InferenceStep; text: string; tv: TruthValueJson; path: readonly string[] };

export class InferenceTraceModel {
  private readonly byConclusion = new Map<string, InferenceStep[]>();
  private readonly steps: InferenceStep[];
  private nextId = 0;

  constructor(private readonly result: ChainResult) {
    this.steps = result.trace ?? [];
    for (const step of this.steps) {
      const key = atomKey(step.conclusion);
      const list = this.byConclusion.get(key);
      if (list) list.push(step);
      else this.byConclusion.set(key, [step]);
    }
  }

  get stepCount(): number {
    return this.steps.length;
  }

  /** The results, each with the steps that concluded it; or the steps, when none concluded a result. */
  roots(): TraceNode[] {
    const results = this.result.results.map((r) => this.atomNode(r.atom, r.tv, []));
    if (results.some((r) => r.kind === 'atom' && r.stepCount > 0) || this.steps.length === 0) return results;
    return this.steps.map((s) => this.stepNode(s, []));
  }

  children(node: TraceNode): TraceNode[] {
    if (node.kind === 'atom') {
      const key = atomKey(node.atom);
      if (node.path.includes(key)) return [];
      return (this.byConclusion.get(key) ?? []).map((s) => this.stepNode(s, [...node.path, key]));
    }
    return node.step.premises.map((p) => this.atomNode(p, p.tv, node.path));
  }

  hasChildren(node: TraceNode): boolean {
    if (node.kind === 'step') return node.step.premises.length > 0;
    return node.stepCount > 0 && !node.path.includes(atomKey(node.atom));
  }

  private atomNode(atom: AtomJson, tv: TruthValueJson | undefined, path: readonly string[]): TraceNode {
    const steps = this.byConclusion.get(atomKey(atom))?.length ?? 0;
    return { kind: 'atom', id: `t${this.nextId++}`, atom, text: atomText(atom, { short: true, maxLength: 400 }), tv, stepCount: steps, path };
  }

  private stepNode(step: InferenceStep, path: readonly string[]): TraceNode {
    return {
      kind: 'step',
      id: `t${this.nextId++}`,
      step,
      text: `${step.rule} → ${atomText(step.conclusion, { short: true, maxLength: 300 })} ${truthValueText(step.tv)} (iteration ${step.iteration})`,
      tv: step.tv,
      path,
    };
  }
}
