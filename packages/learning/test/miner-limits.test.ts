import { AtomSpace, AtomSpaceError, parseAtom } from '@ai-opencog/atomspace';
import { minePatterns, type MineProgress } from '../src';
import { keyOf, spaceOf, supports } from './miner-helpers';

/** A small taxonomy with enough structure for conjunctions of 2 and 3 clauses. */
const kb = () =>
  spaceOf(`
    (Inheritance (Concept "cat") (Concept "mammal"))
    (Inheritance (Concept "dog") (Concept "mammal"))
    (Inheritance (Concept "cow") (Concept "mammal"))
    (Inheritance (Concept "mammal") (Concept "animal"))
    (Inheritance (Concept "cat") (Concept "pet"))
    (Inheritance (Concept "dog") (Concept "pet"))`).space;

const TRANSITIVITY =
  '(Lambda (VariableList (Variable "$X") (Variable "$Y") (Variable "$Z")) (Present (Inheritance (Variable "$X") (Variable "$Y")) (Inheritance (Variable "$Y") (Variable "$Z"))))';

describe('minePatterns: limits', () => {
  it('maxConjuncts bounds the clauses of every pattern, and 1 disables conjunctions', () => {
    const space = kb();
    for (const mc of [1, 2, 3]) {
      const r = minePatterns(space, { minSupport: 2, maxConjuncts: mc });
      const most = Math.max(...r.patterns.map((p) => p.conjuncts));
      expect(most).toBe(mc);
      for (const p of r.patterns) expect(p.pattern.outgoing[1].outgoing).toHaveLength(p.conjuncts);
    }
  });

  it('maxVariables bounds the variables of every pattern (transitivity needs 3)', () => {
    const space = kb();
    const varCount = (vardecl: { type: { name: string }; outgoing: readonly unknown[] }) =>
      vardecl.type.name === 'VariableNode' ? 1 : vardecl.outgoing.length;
    const two = minePatterns(space, { minSupport: 2, maxConjuncts: 2, maxVariables: 2 });
    expect(Math.max(...two.patterns.map((p) => varCount(p.pattern.outgoing[0])))).toBe(2);
    expect(supports(two).has(keyOf(TRANSITIVITY))).toBe(false);
    const three = minePatterns(space, { minSupport: 2, maxConjuncts: 2, maxVariables: 3 });
    // cat, dog and cow -> mammal -> animal.
    expect(supports(three).get(keyOf(TRANSITIVITY))).toBe(3);
  });

  it('rejects bad options', () => {
    const space = kb();
    expect(() => minePatterns(space, { minSupport: -1 })).toThrow(/minSupport must be a non-negative number/);
    expect(() => minePatterns(space, { minSupport: 1, maxConjuncts: 0 })).toThrow(/maxConjuncts must be an integer from 1 to 9/);
    expect(() => minePatterns(space, { minSupport: 1, maxVariables: 1.5 })).toThrow(/maxVariables must be an integer from 1 to 9/);
    expect(() => minePatterns(space, { minSupport: 1, maxVariables: 10 })).toThrow(/maxVariables must be an integer from 1 to 9/);
    expect(() => minePatterns(space, { minSupport: 1, timeLimitMs: -5 })).toThrow(/timeLimitMs/);
    const elsewhere = new AtomSpace().addNode('ConceptNode', 'x');
    expect(() => minePatterns(space, { minSupport: 1, texts: [elsewhere] })).toThrow(/not in atomspace/);
  });

  it('refuses initial patterns it cannot mine from', () => {
    const space = kb();
    const scratch = new AtomSpace();
    const typed = parseAtom(scratch, '(Lambda (TypedVariable (Variable "$X") (Type "ConceptNode")) (Inheritance (Variable "$X") (Concept "pet")))');
    expect(() => minePatterns(space, { minSupport: 1, initialPattern: typed })).toThrow(/typed variables are not supported/);
    const glob = parseAtom(scratch, '(List (Concept "a") (Glob "$G"))');
    expect(() => minePatterns(space, { minSupport: 1, initialPattern: glob })).toThrow(/GlobNode is not supported/);
    const notDecl = parseAtom(scratch, '(Lambda (List (Variable "$X")) (Inheritance (Variable "$X") (Concept "pet")))');
    expect(() => minePatterns(space, { minSupport: 1, initialPattern: notDecl })).toThrow(AtomSpaceError);
  });

  it('an initial pattern without enough support gives nothing', () => {
    const space = kb();
    const initialPattern = parseAtom(new AtomSpace(), '(Inheritance (Variable "$X") (Concept "pet"))');
    expect(minePatterns(space, { minSupport: 3, initialPattern }).patterns).toEqual([]);
    const r = minePatterns(space, { minSupport: 2, initialPattern, maxConjuncts: 1 });
    expect([...supports(r).values()]).toEqual([2]);
  });
});

describe('minePatterns: progress and cancellation', () => {
  it('reports progress through the phases', () => {
    const phases: MineProgress['phase'][] = [];
    let last = 0;
    minePatterns(kb(), {
      minSupport: 2,
      maxConjuncts: 2,
      surprisingness: 'isurp',
      onProgress: (p) => {
        phases.push(p.phase);
        expect(p.patterns).toBeGreaterThanOrEqual(last);
        last = p.patterns;
      },
    });
    expect(new Set(phases)).toEqual(new Set(['specialization', 'conjunction', 'surprisingness']));
  });

  it('an aborted signal stops the mining with QUERY_ABORTED', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => minePatterns(kb(), { minSupport: 1, signal: controller.signal })).toThrow(
      expect.objectContaining({ code: 'QUERY_ABORTED' }),
    );
  });

  it('aborting during the search stops it', () => {
    const controller = new AbortController();
    let calls = 0;
    const run = () =>
      minePatterns(kb(), {
        minSupport: 1,
        maxConjuncts: 3,
        signal: controller.signal,
        onProgress: () => {
          if (++calls === 3) controller.abort();
        },
      });
    expect(run).toThrow(expect.objectContaining({ code: 'QUERY_ABORTED' }));
    // Checks are made every 1024 steps or between patterns, so it stopped soon after.
    expect(calls).toBeLessThan(50);
  });

  it('a time limit returns what was found so far, marked incomplete', () => {
    const { space } = spaceOf(
      Array.from({ length: 300 }, (_, i) => `(Inheritance (Concept "c${i % 37}") (Concept "d${(i * 7) % 23}"))`).join('\n'),
    );
    const full = minePatterns(space, { minSupport: 2, maxConjuncts: 2 });
    expect(full.complete).toBe(true);
    const cut = minePatterns(space, { minSupport: 2, maxConjuncts: 2, timeLimitMs: 0 });
    expect(cut.complete).toBe(false);
    expect(cut.patterns.length).toBeLessThan(full.patterns.length);
  });
});
