import type { ChainResult } from '@ai-opencog/protocol';
import type { JobOutcome, QueryOutcome } from '../src/common/ai-opencog-protocol';
import { InferenceTraceModel, type TraceNode } from '../src/browser/inference-trace-model';
import { jobContent, queryContent, queryVariables } from '../src/browser/results-model';

const c = (name: string) => ({ type: 'ConceptNode', name });
const inh = (a: string, b: string, s = 1, conf = 0) => ({ type: 'InheritanceLink', outgoing: [c(a), c(b)], tv: { type: 'stv' as const, strength: s, confidence: conf } });
const tv = (s: number, conf: number) => ({ type: 'stv' as const, strength: s, confidence: conf });

describe('results model: queries', () => {
  it('reads the variables a query declares', () => {
    expect(queryVariables('(Get (Variable "$x") (Inheritance (Variable "$x") (Concept "a")))')).toEqual(['$x']);
    expect(queryVariables('(GetLink (VariableList (TypedVariableLink (VariableNode "$x") (TypeNode "ConceptNode")) (Variable "$y")) (And))')).toEqual(['$x', '$y']);
    expect(queryVariables('(Get (Inheritance (Variable "$x") (Concept "a")))')).toEqual([]);
    expect(queryVariables('(((')).toEqual([]);
  });

  it('makes one column per variable from the ListLinks a GetLink returns', () => {
    const outcome: QueryOutcome = {
      space: 's',
      query: '(GetLink (VariableList (VariableNode "$x") (VariableNode "$y")) (InheritanceLink (VariableNode "$x") (VariableNode "$y")))',
      elapsedMs: 3,
      result: { kind: 'set', complete: true, atomese: '', atoms: [{ type: 'ListLink', outgoing: [c('cat'), c('mammal')] }] },
    };
    const content = queryContent(outcome);
    expect(content.table.columns).toEqual(['$x', '$y']);
    expect(content.table.rows[0].cells).toEqual(['(Concept "cat")', '(Concept "mammal")']);
    expect(content.summary).toBe('1 grounding in 3 ms');
  });

  it('shows a BindLink\'s rewrites, and a SatisfactionLink\'s truth value', () => {
    const bind = queryContent({ space: 's', query: '(BindLink (Variable "$x") (P) (Q))', elapsedMs: 1, result: { kind: 'set', complete: false, atomese: '', atoms: [inh('a', 'b', 0.5, 0.5)] } });
    expect(bind.table.columns).toEqual(['result']);
    expect(bind.table.rows[0]).toEqual({ cells: ['(Inheritance (Concept "a") (Concept "b"))'], tv: '(stv 0.5 0.5)' });
    expect(bind.summary).toMatch(/stopped at the result limit/);
    const sat = queryContent({ space: 's', query: '(Satisfaction (P))', elapsedMs: 1, result: { kind: 'tv', complete: true, tv: tv(1, 1) } });
    expect(sat.summary).toMatch(/^satisfiable \(stv 1 1\)/);
  });
});

describe('results model: chaining and its inference trace', () => {
  // Montmartre→France by deduction from Montmartre→Paris and Paris→France (itself deduced).
  const result: ChainResult = {
    results: [
      { atom: inh('Montmartre', 'Paris'), atomese: '', tv: tv(0.9, 0.9) },
      { atom: inh('Montmartre', 'France'), atomese: '', tv: tv(0.85, 0.81) },
    ],
    iterations: 5,
    stopReason: 'exhausted',
    complete: true,
    trace: [
      { iteration: 1, rule: 'inheritance-deduction-rule', premises: [inh('Montmartre', 'Paris'), inh('Paris', 'France')], conclusion: inh('Montmartre', 'France'), tv: tv(0.85, 0.81) },
      { iteration: 2, rule: 'inheritance-deduction-rule', premises: [inh('Paris', 'Ile'), inh('Ile', 'France')], conclusion: inh('Paris', 'France'), tv: tv(0.9, 0.8) },
      // a cycle: France back to Montmartre→France
      { iteration: 3, rule: 'loop-rule', premises: [inh('Montmartre', 'France')], conclusion: inh('Montmartre', 'France'), tv: tv(0.85, 0.81) },
    ],
  };

  it('roots the tree at the results and unfolds steps, then premises, then their steps', () => {
    const trace = new InferenceTraceModel(result);
    const roots = trace.roots();
    expect(roots.map((r) => r.kind === 'atom' && r.stepCount)).toEqual([0, 2]);
    const france = roots[1];
    const steps = trace.children(france);
    expect(steps.map((s) => (s.kind === 'step' ? s.step.rule : ''))).toEqual(['inheritance-deduction-rule', 'loop-rule']);
    const premises = trace.children(steps[0]);
    expect(premises.map((p) => p.text)).toEqual(['(Inheritance (Concept "Montmartre") (Concept "Paris"))', '(Inheritance (Concept "Paris") (Concept "France"))']);
    const parisFrance = premises[1];
    expect(trace.hasChildren(parisFrance)).toBe(true);
    expect((trace.children(parisFrance)[0] as Extract<TraceNode, { kind: 'step' }>).step.iteration).toBe(2);
  });

  it('does not unfold an atom already on the path (cycles end)', () => {
    const trace = new InferenceTraceModel(result);
    const france = trace.roots()[1];
    const loop = trace.children(france)[1];
    const again = trace.children(loop)[0];
    expect(again.text).toBe('(Inheritance (Concept "Montmartre") (Concept "France"))');
    expect(trace.hasChildren(again)).toBe(false);
    expect(trace.children(again)).toEqual([]);
  });

  it('roots the tree at the steps when no step concluded a result (forward chaining)', () => {
    const trace = new InferenceTraceModel({ ...result, results: [] });
    expect(trace.roots().map((r) => r.kind)).toEqual(['step', 'step', 'step']);
  });

  it('summarises a chaining job and a mining job', () => {
    const request = { kind: 'backward-chain' as const, space: 's', target: '(Inheritance (Concept "Montmartre") (Variable "$x"))', rules: { ruleBase: 'rbs' } };
    const chain = jobContent({ kind: 'backward-chain', jobId: 'j', request, result } as JobOutcome);
    expect(chain.title).toBe('Backward chaining in s');
    expect(chain.summary).toBe('2 results, 3 inference steps, 5 iterations, stopped: exhausted');
    expect(chain.table.rows[1].cells).toEqual(['(Inheritance (Concept "Montmartre") (Concept "France"))', '(stv 0.85 0.81)']);
    const mine = jobContent({
      kind: 'mine',
      jobId: 'm',
      request: { kind: 'mine', space: 's', minsup: 2 },
      result: { complete: true, patterns: [{ pattern: inh('a', 'b'), atomese: '', support: 4, surprisingness: 0.123456 }] },
    });
    expect(mine.table.columns).toEqual(['pattern', 'support', 'surprisingness']);
    expect(mine.table.rows[0].cells.slice(1)).toEqual(['4', '0.1235']);
  });
});
