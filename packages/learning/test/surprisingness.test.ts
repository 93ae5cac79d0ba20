import { AtomSpace } from '@ai-opencog/atomspace';
import { minePatterns, type MineResult } from '../src';
import { isSyntaxMoreAbstract, removeUselessClauses } from '../src/miner/abstraction';
import { linkTerm, varTerm, type Term } from '../src/miner/pattern';
import { isBlockMoreAbstract, setPartitions } from '../src/miner/surprisingness';
import { keyOf, keyOfAtom, spaceOf } from './miner-helpers';

const vars3 = '(VariableList (Variable "$X") (Variable "$Y") (Variable "$Z"))';

/** The surprisingness of the mined pattern written `text`. */
function surpOf(result: MineResult, text: string): number | undefined {
  const key = keyOf(text);
  return result.patterns.find((p) => keyOfAtom(p.pattern, result.space) === key)?.surprisingness;
}

describe('I-surprisingness', () => {
  // U = 4 texts: A->B, B->C, C->D, A->C.
  const chain = () =>
    spaceOf(`
      (Inheritance (Concept "A") (Concept "B"))
      (Inheritance (Concept "B") (Concept "C"))
      (Inheritance (Concept "C") (Concept "D"))
      (Inheritance (Concept "A") (Concept "C"))`).space;
  const transitivity = `(Lambda ${vars3} (Present (Inheritance (Variable "$X") (Variable "$Y")) (Inheritance (Variable "$Y") (Variable "$Z"))))`;

  it('transitivity on a chain, computed by hand', () => {
    // Empirical: 3 groundings (A-B-C, B-C-D, A-C-D) over 4^2 = 0.1875.
    // The only other partition, {X->Y}{Y->Z}: each block matches all 4 texts (probability 1),
    // and Y must take equal values in both, neither block being more abstract than the other
    // relative to Y: 1/|U| = 1/4. Estimate 0.25 > 0.1875: distance 0.0625.
    const space = chain();
    const isurp = minePatterns(space, { minSupport: 1, maxConjuncts: 2, surprisingness: 'isurp' });
    expect(surpOf(isurp, transitivity)).toBeCloseTo(0.0625, 12);
    const nisurp = minePatterns(space, { minSupport: 1, maxConjuncts: 2, surprisingness: 'nisurp' });
    // Normalized by max(0.1875, 0.25).
    expect(surpOf(nisurp, transitivity)).toBeCloseTo(0.25, 12);
  });

  // U = 5 texts.
  const pets = () =>
    spaceOf(`
      (Inheritance (Concept "cat") (Concept "mammal"))
      (Inheritance (Concept "dog") (Concept "mammal"))
      (Inheritance (Concept "cat") (Concept "pet"))
      (Inheritance (Concept "dog") (Concept "pet"))
      (Inheritance (Concept "mammal") (Concept "animal"))`).space;

  it('two constants sharing a variable, computed by hand', () => {
    // X->mammal and X->pet: cat, dog: 2 / 5^2 = 0.08. Blocks: 2/5 each; X shared, neither more
    // abstract: 1/5. Estimate 0.4 * 0.4 * 0.2 = 0.032 < 0.08: distance 0.048, normalized 0.6.
    const r = minePatterns(pets(), { minSupport: 2, maxConjuncts: 2, surprisingness: 'nisurp' });
    const text = '(Lambda (Variable "$X") (Present (Inheritance (Variable "$X") (Concept "mammal")) (Inheritance (Variable "$X") (Concept "pet"))))';
    expect(surpOf(r, text)).toBeCloseTo(0.6, 12);
    const i = minePatterns(pets(), { minSupport: 2, maxConjuncts: 2, surprisingness: 'isurp' });
    expect(surpOf(i, text)).toBeCloseTo(0.048, 12);
  });

  it('uses the value count of a more abstract block for the shared variable', () => {
    // X->Y and X->mammal: X = cat or dog, Y two values each: 4 / 25 = 0.16. Blocks: 5/5 and 2/5.
    // X->Y is more abstract than X->mammal relative to X, so X takes one of the 3 values it takes
    // in X->Y (cat, dog, mammal): 1/3. Estimate 1 * 0.4 / 3; distance 0.16 - 0.4/3, over 0.16.
    const r = minePatterns(pets(), { minSupport: 2, maxConjuncts: 2, surprisingness: 'nisurp' });
    const text = '(Lambda (VariableList (Variable "$X") (Variable "$Y")) (Present (Inheritance (Variable "$X") (Variable "$Y")) (Inheritance (Variable "$X") (Concept "mammal"))))';
    expect(surpOf(r, text)).toBeCloseTo((0.16 - 0.4 / 3) / 0.16, 12);
  });

  it('returns only patterns of two clauses or more, most surprising first', () => {
    const r = minePatterns(pets(), { minSupport: 2, maxConjuncts: 3, surprisingness: 'nisurp' });
    expect(r.patterns.length).toBeGreaterThan(3);
    for (const p of r.patterns) {
      expect(p.conjuncts).toBeGreaterThanOrEqual(2);
      expect(p.surprisingness).toBeGreaterThanOrEqual(0);
      expect(p.surprisingness).toBeLessThanOrEqual(1);
    }
    const values = r.patterns.map((p) => p.surprisingness!);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(minePatterns(pets(), { minSupport: 2, maxConjuncts: 1, surprisingness: 'nisurp' }).patterns).toEqual([]);
  });
});

describe('abstraction relations (OpenCog MinerUTest cases)', () => {
  const space = new AtomSpace();
  const inh = space.types.get('InheritanceLink');
  const list = space.types.get('ListLink');
  const evaluation = space.types.get('EvaluationLink');
  const A: Term = { kind: 'const', atom: space.addNode('ConceptNode', 'A') };
  const [X, Y, Z, W] = [0, 1, 2, 3].map(varTerm);

  it('is_blk_syntax_more_abstract', () => {
    expect(isSyntaxMoreAbstract([linkTerm(inh, [X, Y])], [linkTerm(inh, [Y, Z])], 1)).toBe(false);
    expect(isSyntaxMoreAbstract([linkTerm(inh, [X, Y])], [linkTerm(inh, [A, Y])], 1)).toBe(true);
    expect(isSyntaxMoreAbstract([linkTerm(list, [Z, W, X])], [linkTerm(list, [X, Y, X])], 0)).toBe(true);
    expect(isSyntaxMoreAbstract([linkTerm(list, [X, Y, X])], [linkTerm(list, [Z, W, X])], 0)).toBe(false);
    expect(isSyntaxMoreAbstract([linkTerm(evaluation, [X, Y])], [linkTerm(evaluation, [X, linkTerm(list, [Z, A])])], 0)).toBe(true);
  });

  it('is_blk_more_abstract over partitions of blocks', () => {
    // X->Z with Y->Z is more abstract than A->Z relative to Z (each clause maps onto it).
    expect(isBlockMoreAbstract([linkTerm(inh, [X, Z]), linkTerm(inh, [Y, Z])], [linkTerm(inh, [A, Z])], 2)).toBe(true);
    expect(isBlockMoreAbstract([linkTerm(inh, [A, Z])], [linkTerm(inh, [X, Z])], 2)).toBe(false);
  });

  it('removes useless clauses: constant, contained in another, more abstract than the others', () => {
    const constant = linkTerm(inh, [A, A]);
    expect(removeUselessClauses([constant, linkTerm(inh, [X, A])])).toEqual([linkTerm(inh, [X, A])]);
    expect(removeUselessClauses([linkTerm(inh, [X, Y]), linkTerm(inh, [X, Y])])).toHaveLength(1);
    expect(removeUselessClauses([linkTerm(list, [X, Y]), linkTerm(evaluation, [A, linkTerm(list, [X, Y])])])).toEqual([
      linkTerm(evaluation, [A, linkTerm(list, [X, Y])]),
    ]);
    // A->Y, X->Y, X->B: X->Y adds nothing for X (X->B) nor for Y (A->Y).
    const B: Term = { kind: 'const', atom: space.addNode('ConceptNode', 'B') };
    expect(removeUselessClauses([linkTerm(inh, [A, Y]), linkTerm(inh, [X, Y]), linkTerm(inh, [X, B])])).toEqual([
      linkTerm(inh, [A, Y]),
      linkTerm(inh, [X, B]),
    ]);
    // X->Y, Y->Z: each clause has a variable of its own; both stay.
    expect(removeUselessClauses([linkTerm(inh, [X, Y]), linkTerm(inh, [Y, Z])])).toHaveLength(2);
  });

  it('partitions of n clauses number the Bell numbers, the whole set among them', () => {
    expect([0, 1, 2, 3, 4].map((n) => setPartitions(Array.from({ length: n }, (_, i) => i)).length)).toEqual([1, 1, 2, 5, 15]);
    expect(setPartitions(['a', 'b', 'c']).some((p) => p.length === 1 && p[0].length === 3)).toBe(true);
  });
});
