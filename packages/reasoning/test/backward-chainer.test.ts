import { backwardChain, loadPlnRuleBase } from '../src';
import { atom, find, fixture, spaceWith } from './support';

const FROG_RULES = ['conditional-full-instantiation-meta-rule', 'fuzzy-conjunction-introduction-2ary-rule'];
const FRITZ_FROG = '(InheritanceLink (ConceptNode "Fritz") (ConceptNode "frog"))';
const FRITZ_GREEN = '(InheritanceLink (ConceptNode "Fritz") (ConceptNode "green"))';
const CRIMINAL_RULES = [
  'conditional-full-instantiation-meta-rule',
  'inheritance-deduction-rule',
  ...[1, 2, 3, 4, 5].map((n) => `fuzzy-conjunction-introduction-${n}ary-rule`),
];

describe('backward chainer: the frog', () => {
  it('finds what is green: Fritz, with (stv 1 1), without adding the intermediate steps', () => {
    const space = spaceWith(fixture('frog.scm'));
    const ruleBase = loadPlnRuleBase(space, { rules: FROG_RULES });
    const target = atom(space, '(InheritanceLink (VariableNode "$what") (ConceptNode "green"))');
    const vardecl = atom(space, '(TypedVariableLink (VariableNode "$what") (TypeNode "ConceptNode"))');
    const r = backwardChain(space, ruleBase, target, { vardecl, maximumIterations: 20 });
    expect(r.results.map((x) => [x.atom.toString(), x.tv.toString()])).toEqual([[FRITZ_GREEN, '(stv 1 1)']]);
    // Intermediate conclusions stay in the inference's frame, as in OpenCog.
    expect(find(space, FRITZ_FROG)).toBeUndefined();
    // The proof: conjunction, then the two instantiations, in one iteration.
    const proof = r.trace.steps.filter((s) => s.conclusion.type.name !== 'BindLink');
    const first = proof.filter((s) => s.iteration === proof[0].iteration);
    expect(first.map((s) => [s.rule, s.conclusion.toString()])).toEqual([
      ['fuzzy-conjunction-introduction-2ary-rule', '(AndLink (EvaluationLink (PredicateNode "croaks") (ConceptNode "Fritz")) (EvaluationLink (PredicateNode "eats_flies") (ConceptNode "Fritz")))'],
      ['conditional-full-instantiation-meta-rule', FRITZ_FROG],
      ['conditional-full-instantiation-meta-rule', FRITZ_GREEN],
    ]);
    expect(first[0].premises.map(String).sort()).toEqual([
      '(EvaluationLink (PredicateNode "croaks") (ConceptNode "Fritz"))',
      '(EvaluationLink (PredicateNode "eats_flies") (ConceptNode "Fritz"))',
    ]);
  });

  it('raises the TV of a closed target (Fritz green) and stops when the BIT is exhausted', () => {
    const space = spaceWith(fixture('frog.scm'));
    const ruleBase = loadPlnRuleBase(space, { rules: FROG_RULES });
    const target = atom(space, FRITZ_GREEN);
    const r = backwardChain(space, ruleBase, target, { maximumIterations: 100 });
    expect(space.getTruthValue(target).toString()).toBe('(stv 1 1)');
    expect(r.stopReason).toBe('exhausted');
    expect(r.iterations).toBeLessThan(100);
  });

  it('finds nothing for a question it cannot answer', () => {
    const space = spaceWith(fixture('frog.scm'));
    const ruleBase = loadPlnRuleBase(space, { rules: FROG_RULES });
    const target = atom(space, '(InheritanceLink (ConceptNode "Tweety") (ConceptNode "green"))');
    const r = backwardChain(space, ruleBase, target, { maximumIterations: 50 });
    expect(r.results.map((x) => x.atom.toString())).toEqual([]);
    expect(space.getTruthValue(target).isDefault()).toBe(true);
  });
});

describe('backward chainer: the criminal', () => {
  it('finds who is a criminal: West', () => {
    const space = spaceWith(fixture('criminal.scm'));
    const ruleBase = loadPlnRuleBase(space, { rules: CRIMINAL_RULES, weights: { 'inheritance-deduction-rule': 0.6 } });
    const target = atom(space, '(InheritanceLink (VariableNode "$who") (ConceptNode "criminal"))');
    const vardecl = atom(space, '(TypedVariableLink (VariableNode "$who") (TypeNode "ConceptNode"))');
    const r = backwardChain(space, ruleBase, target, { vardecl, maximumIterations: 200 });
    expect(r.results.map((x) => x.atom.toString())).toEqual(['(InheritanceLink (ConceptNode "West") (ConceptNode "criminal"))']);
    expect(r.results[0].tv.toString()).toBe('(stv 1 1)');
    const rules = [...new Set(r.trace.steps.map((s) => s.rule))];
    expect(rules).toEqual(expect.arrayContaining(['conditional-full-instantiation-meta-rule', 'inheritance-deduction-rule', 'fuzzy-conjunction-introduction-4ary-rule']));
    const weapon = r.trace.steps.find((s) => s.rule === 'inheritance-deduction-rule')!;
    expect(weapon.conclusion.toString()).toBe('(InheritanceLink (ConceptNode "missile@123") (ConceptNode "weapon"))');
  });

  it('cannot find it without the deduction rule (missile@123 is not known to be a weapon)', () => {
    const space = spaceWith(fixture('criminal.scm'));
    const ruleBase = loadPlnRuleBase(space, { rules: CRIMINAL_RULES.filter((r) => r !== 'inheritance-deduction-rule') });
    const target = atom(space, '(InheritanceLink (VariableNode "$who") (ConceptNode "criminal"))');
    const vardecl = atom(space, '(TypedVariableLink (VariableNode "$who") (TypeNode "ConceptNode"))');
    expect(backwardChain(space, ruleBase, target, { vardecl, maximumIterations: 150 }).results.map((x) => x.atom.toString())).toEqual([]);
  });
});

describe('backward chainer: PLN truth values', () => {
  it('computes a conjunction target in two iterations: (stv 0.4 0.2)', () => {
    const space = spaceWith(`
      (EvaluationLink (stv 0.4 0.9) (PredicateNode "P") (ConceptNode "A"))
      (EvaluationLink (stv 0.7 0.2) (PredicateNode "Q") (ConceptNode "B"))`);
    const ruleBase = loadPlnRuleBase(space, { rules: ['fuzzy-conjunction-introduction-2ary-rule'] });
    const target = atom(space, '(AndLink (EvaluationLink (PredicateNode "P") (ConceptNode "A")) (EvaluationLink (PredicateNode "Q") (ConceptNode "B")))');
    const r = backwardChain(space, ruleBase, target, { maximumIterations: 2 });
    expect(r.iterations).toBe(2);
    expect(space.getTruthValue(target).toString()).toBe('(stv 0.4 0.2)');
  });

  it('finds every X that inherits from D by chaining deductions', () => {
    const space = spaceWith(`
      (InheritanceLink (stv 1 1) (ConceptNode "A") (ConceptNode "B"))
      (InheritanceLink (stv 1 1) (ConceptNode "B") (ConceptNode "C"))
      (InheritanceLink (stv 1 1) (ConceptNode "C") (ConceptNode "D"))`);
    const ruleBase = loadPlnRuleBase(space, { rules: ['inheritance-deduction-rule'] });
    const target = atom(space, '(InheritanceLink (VariableNode "$X") (ConceptNode "D"))');
    const r = backwardChain(space, ruleBase, target, { maximumIterations: 60 });
    expect(r.results.map((x) => x.atom.outgoing[0].name).sort()).toEqual(['A', 'B', 'C']);
    // A→D comes from two deductions over crisp premises: s = 1·1 (sAB·cAB > 0.99), c = 1
    const ad = r.results.find((x) => x.atom.outgoing[0].name === 'A')!;
    expect(ad.tv.toString()).toBe('(stv 1 1)');
  });

  it('keeps the BIT within its maximum size', () => {
    const space = spaceWith(fixture('criminal.scm'));
    const ruleBase = loadPlnRuleBase(space, { rules: CRIMINAL_RULES });
    const target = atom(space, '(InheritanceLink (VariableNode "$who") (ConceptNode "criminal"))');
    const r = backwardChain(space, ruleBase, target, { maximumIterations: 40, maximumBitSize: 5 });
    expect(r.bitSize).toBeLessThanOrEqual(5);
    const unbounded = backwardChain(space, ruleBase, target, { maximumIterations: 40 });
    expect(unbounded.bitSize).toBeGreaterThan(5);
  });
});

describe('backward chainer: limits', () => {
  function criminal() {
    const space = spaceWith(fixture('criminal.scm'));
    const ruleBase = loadPlnRuleBase(space, { rules: CRIMINAL_RULES });
    const target = atom(space, '(InheritanceLink (VariableNode "$who") (ConceptNode "nobody-knows"))');
    return { space, ruleBase, target };
  }

  it('stops at the time limit, flagged incomplete', () => {
    const { space, ruleBase, target } = criminal();
    const t0 = performance.now();
    const r = backwardChain(space, ruleBase, target, { maximumIterations: -1, timeLimitMs: 100 });
    expect(r.stopReason).toBe('time-limit');
    expect(r.complete).toBe(false);
    expect(r.iterations).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(100 + 1000);
  });

  it('throws QUERY_ABORTED when aborted during the run, and reports progress until then', () => {
    const { space, ruleBase, target } = criminal();
    const controller = new AbortController();
    const seen: number[] = [];
    expect(() =>
      backwardChain(space, ruleBase, target, {
        maximumIterations: -1,
        signal: controller.signal,
        onProgress: (i, max) => {
          seen.push(i);
          expect(max).toBe(-1);
          if (i === 4) controller.abort();
        },
      }),
    ).toThrow(expect.objectContaining({ code: 'QUERY_ABORTED' }));
    expect(seen).toEqual([1, 2, 3, 4]);
  });
});
