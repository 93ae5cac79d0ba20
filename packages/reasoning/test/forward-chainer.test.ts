import { isAtomValue, parseAtomese, type Atom } from '@ai-opencog/atomspace';
import { forwardChain, loadPlnRuleBase } from '../src';
import { find, fixture, spaceWith } from './support';

const FROG_RULES = ['conditional-full-instantiation-meta-rule', 'fuzzy-conjunction-introduction-2ary-rule'];
const FRITZ_CROAKS = '(EvaluationLink (PredicateNode "croaks") (ConceptNode "Fritz"))';
const FRITZ_FROG = '(InheritanceLink (ConceptNode "Fritz") (ConceptNode "frog"))';
const FRITZ_GREEN = '(InheritanceLink (ConceptNode "Fritz") (ConceptNode "green"))';

function frog() {
  const space = spaceWith(fixture('frog.scm'));
  const ruleBase = loadPlnRuleBase(space, { rules: FROG_RULES });
  return { space, ruleBase, source: find(space, FRITZ_CROAKS)! };
}

describe('forward chainer: the frog', () => {
  it('concludes from "Fritz croaks" that Fritz is a frog and green, with (stv 1 1)', () => {
    const { space, ruleBase, source } = frog();
    const r = forwardChain(space, ruleBase, source, { maximumIterations: 30 });
    const results = new Map(r.results.map((x) => [x.atom.toString(), x.tv.toString()]));
    expect(results.get(FRITZ_FROG)).toBe('(stv 1 1)');
    expect(results.get(FRITZ_GREEN)).toBe('(stv 1 1)');
    expect(space.getTruthValue(find(space, FRITZ_GREEN)!).toString()).toBe('(stv 1 1)');
    // Tweety only chirps: nothing makes it a frog.
    expect(find(space, '(InheritanceLink (ConceptNode "Tweety") (ConceptNode "frog"))')).toBeUndefined();
    expect(r.complete).toBe(true);
  });

  it('stops when every source is exhausted, and retries them when the rule base says so', () => {
    const { space, ruleBase, source } = frog();
    const r = forwardChain(space, ruleBase, source, { maximumIterations: 200 });
    expect(r.stopReason).toBe('exhausted');
    expect(r.iterations).toBeLessThan(200);
    const again = frog();
    const retried = forwardChain(again.space, again.ruleBase, again.source, { maximumIterations: 40, retryExhaustedSources: true });
    expect(retried.stopReason).toBe('max-iterations');
    expect(retried.iterations).toBe(40);
  });

  it('records each rule application in the trace, premises to conclusion', () => {
    const { space, ruleBase, source } = frog();
    const r = forwardChain(space, ruleBase, source, { maximumIterations: 30 });
    const green = r.trace.steps.find((s) => s.conclusion.toString() === FRITZ_GREEN)!;
    const frogStep = r.trace.steps.find((s) => s.conclusion.toString() === FRITZ_FROG)!;
    expect(green.rule).toBe('conditional-full-instantiation-meta-rule');
    expect(green.premises.map(String)).toEqual([FRITZ_FROG]);
    expect(green.tv.toString()).toBe('(stv 1 1)');
    expect(frogStep.iteration).toBeLessThan(green.iteration);
    expect(frogStep.premises.map(String)).toEqual([
      '(AndLink (EvaluationLink (PredicateNode "croaks") (ConceptNode "Fritz")) (EvaluationLink (PredicateNode "eats_flies") (ConceptNode "Fritz")))',
    ]);
    // The meta-rule's products (the rules) are recorded in iteration 1.
    expect(r.trace.steps.filter((s) => s.conclusion.type.name === 'BindLink').map((s) => s.iteration)).toEqual([1, 1]);
    expect(r.trace.steps.every((s) => s.iteration >= 1 && s.iteration <= r.iterations)).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const run = (seed: number) => {
      const { space, ruleBase, source } = frog();
      return forwardChain(space, ruleBase, source, { maximumIterations: 12, seed }).trace.steps.map((s) => `${s.iteration} ${s.rule} ${s.conclusion}`);
    };
    expect(run(7)).toEqual(run(7));
  });

  it('reports progress once per iteration', () => {
    const { space, ruleBase, source } = frog();
    const seen: [number, number][] = [];
    const r = forwardChain(space, ruleBase, source, { maximumIterations: 5, onProgress: (i, max) => seen.push([i, max]) });
    expect(r.iterations).toBe(5);
    expect(seen).toEqual([1, 2, 3, 4, 5].map((i) => [i, 5]));
  });
});

describe('forward chainer: the criminal', () => {
  it('concludes from the facts that West is a criminal', () => {
    const space = spaceWith();
    const facts = parseAtomese(space, fixture('criminal.scm')).filter(
      (x): x is Atom => isAtomValue(x) && x.type.name !== 'ImplicationScopeLink',
    );
    const ruleBase = loadPlnRuleBase(space, {
      rules: ['conditional-full-instantiation-meta-rule', 'inheritance-deduction-rule', 'fuzzy-conjunction-introduction-4ary-rule'],
    });
    const r = forwardChain(space, ruleBase, facts, { maximumIterations: 100 });
    const criminal = '(InheritanceLink (ConceptNode "West") (ConceptNode "criminal"))';
    expect(r.results.map((x) => x.atom.toString())).toContain(criminal);
    expect(space.getTruthValue(find(space, criminal)!).toString()).toBe('(stv 1 1)');
    // On the way: missile@123 is a weapon (deduction), sold by West to Nono, and Nono is hostile.
    const weapon = find(space, '(InheritanceLink (ConceptNode "missile@123") (ConceptNode "weapon"))')!;
    expect(space.getTruthValue(weapon).strength).toBeGreaterThan(0.9);
    expect(find(space, '(InheritanceLink (ConceptNode "Nono") (ConceptNode "hostile"))')).toBeDefined();
  });
});

describe('forward chainer: limits', () => {
  function endless() {
    const space = spaceWith();
    const facts = parseAtomese(space, fixture('criminal.scm')).filter((x): x is Atom => isAtomValue(x));
    const ruleBase = loadPlnRuleBase(space, { rules: ['fuzzy-conjunction-introduction-3ary-rule', 'inheritance-deduction-rule'] });
    return { space, ruleBase, facts };
  }

  it('stops at the time limit with what it found, flagged incomplete', () => {
    const { space, ruleBase, facts } = endless();
    const t0 = performance.now();
    const r = forwardChain(space, ruleBase, facts, { maximumIterations: -1, retryExhaustedSources: true, timeLimitMs: 150 });
    const elapsed = performance.now() - t0;
    expect(r.stopReason).toBe('time-limit');
    expect(r.complete).toBe(false);
    expect(r.iterations).toBeGreaterThan(0);
    expect(r.results.length).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(150 + 1000);
  });

  it('throws QUERY_ABORTED when aborted, before or during the run', () => {
    const { space, ruleBase, facts } = endless();
    const before = new AbortController();
    before.abort();
    expect(() => forwardChain(space, ruleBase, facts, { signal: before.signal })).toThrow(
      expect.objectContaining({ code: 'QUERY_ABORTED' }),
    );
    const during = new AbortController();
    let last = 0;
    const run = () =>
      forwardChain(space, ruleBase, facts, {
        maximumIterations: -1,
        retryExhaustedSources: true,
        signal: during.signal,
        onProgress: (i) => {
          last = i;
          if (i === 3) during.abort();
        },
      });
    expect(run).toThrow(expect.objectContaining({ code: 'QUERY_ABORTED' }));
    expect(last).toBe(3);
  });

  it('refuses a run without sources and a negative time limit', () => {
    const { space, ruleBase } = endless();
    expect(() => forwardChain(space, ruleBase, [])).toThrow(/at least one source/);
    expect(() => forwardChain(space, ruleBase, space.addNode('ConceptNode', 'x'), { timeLimitMs: -1 })).toThrow(/timeLimitMs/);
  });
});
