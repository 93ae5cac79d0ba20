import { AtomSpace, findGroundings, FloatValue, type Atom } from '@ai-opencog/atomspace';
import { minePatterns, SUPPORT_KEY_NAME } from '../src';
import { expected, keyOf, spaceOf, supports } from './miner-helpers';

const TOP = '(Lambda (Variable "$X") (Present (Variable "$X")))';
const INH_XY = '(Lambda (VariableList (Variable "$X") (Variable "$Y")) (Present (Inheritance (Variable "$X") (Variable "$Y"))))';

describe('minePatterns: supports', () => {
  // OpenCog's MinerUTest::test_AB_AC_BC: texts A, B, C, A->B, A->C, B->C.
  const abc = () => {
    const { space, atoms } = spaceOf(`
      (Concept "A") (Concept "B") (Concept "C")
      (Inheritance (Concept "A") (Concept "B"))
      (Inheritance (Concept "A") (Concept "C"))
      (Inheritance (Concept "B") (Concept "C"))`);
    return { space, texts: atoms };
  };

  it('finds exactly the patterns of OpenCog test_AB_AC_BC with hand-counted supports', () => {
    const { space, texts } = abc();
    const r = minePatterns(space, { texts, minSupport: 2, maxConjuncts: 1 });
    expect(r.complete).toBe(true);
    expect(r.textCount).toBe(6);
    expect(supports(r)).toEqual(
      expected([
        [TOP, 6], // every text
        [INH_XY, 3], // the three links
        ['(Lambda (Variable "$Y") (Present (Inheritance (Concept "A") (Variable "$Y"))))', 2], // A->B, A->C
        ['(Lambda (Variable "$X") (Present (Inheritance (Variable "$X") (Concept "C"))))', 2], // A->C, B->C
      ]),
    );
  });

  it('keeps a pattern whose support equals the minimum support and drops it one above', () => {
    const { space, texts } = abc();
    const atTwo = supports(minePatterns(space, { texts, minSupport: 2, maxConjuncts: 1 }));
    const atThree = supports(minePatterns(space, { texts, minSupport: 3, maxConjuncts: 1 }));
    const aToY = keyOf('(Lambda (Variable "$Y") (Present (Inheritance (Concept "A") (Variable "$Y"))))');
    expect(atTwo.get(aToY)).toBe(2);
    expect(atThree.has(aToY)).toBe(false);
    expect(atThree).toEqual(expected([[TOP, 6], [INH_XY, 3]]));
    expect(minePatterns(space, { texts, minSupport: 7 }).patterns).toEqual([]);
  });

  it('by default mines the top-level atoms of the space', () => {
    const { space } = abc();
    const r = minePatterns(space, { minSupport: 3, maxConjuncts: 1 });
    expect(r.textCount).toBe(3); // the nodes are inside the links
    expect(supports(r)).toEqual(expected([[TOP, 3], [INH_XY, 3]]));
  });

  it('takes the texts as the members of a concept, as cog-mine does', () => {
    const { space } = spaceOf(`
      (Member (Inheritance (Concept "A") (Concept "B")) (Concept "db"))
      (Member (Inheritance (Concept "A") (Concept "C")) (Concept "db"))
      (Inheritance (Concept "B") (Concept "C"))`);
    const r = minePatterns(space, { texts: space.getNode('ConceptNode', 'db')!, minSupport: 2, maxConjuncts: 1 });
    expect(r.textCount).toBe(2);
    expect(supports(r).get(keyOf('(Lambda (Variable "$Y") (Present (Inheritance (Concept "A") (Variable "$Y"))))'))).toBe(2);
  });

  // A->B, B->C, C->D, A->C: hand counts below.
  const chain = () =>
    spaceOf(`
      (Inheritance (Concept "A") (Concept "B"))
      (Inheritance (Concept "B") (Concept "C"))
      (Inheritance (Concept "C") (Concept "D"))
      (Inheritance (Concept "A") (Concept "C"))`);

  it('counts the groundings of conjunctions: transitivity, shared source, shared target', () => {
    const { space } = chain();
    const r = supports(minePatterns(space, { minSupport: 1, maxConjuncts: 2 }));
    const vars = '(VariableList (Variable "$X") (Variable "$Y") (Variable "$Z"))';
    // (X Y Z) with X->Y->Z: A-B-C, B-C-D, A-C-D.
    expect(r.get(keyOf(`(Lambda ${vars} (Present (Inheritance (Variable "$X") (Variable "$Y")) (Inheritance (Variable "$Y") (Variable "$Z"))))`))).toBe(3);
    // X->Y and X->Z: the square of each out-degree, A 2, B 1, C 1: 4 + 1 + 1.
    expect(r.get(keyOf(`(Lambda ${vars} (Present (Inheritance (Variable "$X") (Variable "$Y")) (Inheritance (Variable "$X") (Variable "$Z"))))`))).toBe(6);
    // X->Y and Z->Y: the square of each in-degree, B 1, C 2, D 1: 1 + 4 + 1.
    expect(r.get(keyOf(`(Lambda ${vars} (Present (Inheritance (Variable "$X") (Variable "$Y")) (Inheritance (Variable "$Z") (Variable "$Y"))))`))).toBe(6);
    // X->C and X->Y: X = A (Y = B or C) or X = B (Y = C): 2 + 1.
    expect(
      r.get(keyOf('(Lambda (VariableList (Variable "$X") (Variable "$Y")) (Present (Inheritance (Variable "$X") (Concept "C")) (Inheritance (Variable "$X") (Variable "$Y"))))')),
    ).toBe(3);
  });

  it('gives every conjunction the support the kernel pattern matcher counts over the texts', () => {
    const { space } = spaceOf(`
      (Inheritance (Concept "cat") (Concept "mammal"))
      (Inheritance (Concept "dog") (Concept "mammal"))
      (Inheritance (Concept "mammal") (Concept "animal"))
      (Inheritance (Concept "cat") (Concept "pet"))
      (Inheritance (Concept "dog") (Concept "pet"))
      (Evaluation (Predicate "eats") (List (Concept "cat") (Concept "fish")))
      (Evaluation (Predicate "eats") (List (Concept "dog") (Concept "meat")))
      (Evaluation (Predicate "eats") (List (Concept "dog") (Concept "fish")))`);
    // With conjunctions of 2 shallow-specialized too, some are disconnected (a shared variable
    // replaced by a constant) and their expansions are matched rather than joined.
    const r = minePatterns(space, { minSupport: 2, maxConjuncts: 3, maxSpecializedConjuncts: 3 });
    const conjunctions = r.patterns.filter((p) => p.conjuncts >= 2);
    expect(conjunctions.filter((p) => p.conjuncts === 3).length).toBeGreaterThan(10);
    for (const p of conjunctions) {
      // The texts alone, so that the matcher sees nothing else; Get over the Lambda's parts.
      const texts = new AtomSpace();
      for (const a of space.atoms()) if (space.getIncoming(a).length === 0) texts.add(a);
      const [vardecl, body] = p.pattern.outgoing;
      const get = texts.addLink('GetLink', [texts.add(vardecl), texts.addLink('AndLink', body.outgoing.map((c) => texts.add(c)))]);
      expect([p.support, p.pattern.toString()]).toEqual([findGroundings(texts, get).groundings.length, p.pattern.toString()]);
    }
  });

  it('specializes links inside links and counts them (EvaluationLinks with ListLinks)', () => {
    const { space } = spaceOf(`
      (Evaluation (Predicate "eats") (List (Concept "cat") (Concept "fish")))
      (Evaluation (Predicate "eats") (List (Concept "dog") (Concept "meat")))
      (Evaluation (Predicate "eats") (List (Concept "dog") (Concept "fish")))
      (Evaluation (Predicate "likes") (List (Concept "cat") (Concept "milk")))`);
    const r = supports(minePatterns(space, { minSupport: 2, maxConjuncts: 1 }));
    expect(r.get(keyOf('(Lambda (VariableList (Variable "$P") (Variable "$L")) (Present (Evaluation (Variable "$P") (Variable "$L"))))'))).toBe(4);
    expect(r.get(keyOf('(Lambda (VariableList (Variable "$X") (Variable "$Y")) (Present (Evaluation (Predicate "eats") (List (Variable "$X") (Variable "$Y")))))'))).toBe(3);
    expect(r.get(keyOf('(Lambda (Variable "$Y") (Present (Evaluation (Predicate "eats") (List (Concept "dog") (Variable "$Y")))))'))).toBe(2);
    expect(r.get(keyOf('(Lambda (Variable "$X") (Present (Evaluation (Predicate "eats") (List (Variable "$X") (Concept "fish")))))'))).toBe(2);
    expect(r.has(keyOf('(Lambda (Variable "$X") (Present (Evaluation (Predicate "likes") (List (Variable "$X") (Concept "milk")))))'))).toBe(false);
  });

  it('grounds the arguments of unordered links in every order, and quotes AndLinks in patterns', () => {
    const { space } = spaceOf(`
      (Similarity (Concept "A") (Concept "B")) (Similarity (Concept "A") (Concept "C"))
      (And (Concept "p") (Concept "q")) (And (Concept "p") (Concept "r"))`);
    const r = minePatterns(space, { minSupport: 2, maxConjuncts: 1 });
    expect(supports(r)).toEqual(
      expected([
        [TOP, 4],
        // Two texts, two orders each.
        ['(Lambda (VariableList (Variable "$X") (Variable "$Y")) (Present (Similarity (Variable "$X") (Variable "$Y"))))', 4],
        ['(Lambda (Variable "$Y") (Present (Similarity (Concept "A") (Variable "$Y"))))', 2],
        ['(Lambda (VariableList (Variable "$X") (Variable "$Y")) (Present (LocalQuote (And (Variable "$X") (Variable "$Y")))))', 4],
        ['(Lambda (Variable "$Y") (Present (LocalQuote (And (Concept "p") (Variable "$Y")))))', 2],
      ]),
    );
    const quoted = r.patterns.filter((p) => p.pattern.outgoing[1].outgoing[0].type.name === 'LocalQuoteLink');
    expect(quoted.map((p) => p.pattern.outgoing[1].outgoing[0].outgoing[0].type.name)).toEqual(['AndLink', 'AndLink']);
  });

  it('carries each support on its pattern atom as OpenCog does (a FloatValue under a key)', () => {
    const { space, texts } = abc();
    const r = minePatterns(space, { texts, minSupport: 2, maxConjuncts: 1 });
    const key = r.space.getNode('PredicateNode', SUPPORT_KEY_NAME)!;
    for (const p of r.patterns) {
      expect(p.pattern.type.name).toBe('LambdaLink');
      expect(p.pattern.outgoing[1].type.name).toBe('PresentLink');
      expect((r.space.getValue(p.pattern, key) as FloatValue).items).toEqual([p.support]);
    }
  });

  it('leaves the mined space unchanged', () => {
    const { space, texts } = abc();
    const before = space.size;
    minePatterns(space, { texts, minSupport: 1, maxConjuncts: 2 });
    expect(space.size).toBe(before);
  });

  it('orders results by support, then fewer clauses, then text, the same on every run', () => {
    const { space } = chain();
    const run = () => minePatterns(space, { minSupport: 1, maxConjuncts: 3 }).patterns;
    const a = run();
    const b = run();
    expect(a.map((p) => p.pattern.toString())).toEqual(b.map((p) => p.pattern.toString()));
    for (let i = 1; i < a.length; i++) {
      expect(a[i - 1].support > a[i].support || (a[i - 1].support === a[i].support && a[i - 1].conjuncts <= a[i].conjuncts)).toBe(true);
    }
  });
});

describe('minePatterns: OpenCog miner test cases', () => {
  const db = (text: string) => {
    const { space, atoms } = spaceOf(text);
    return { space, texts: atoms as Atom[] };
  };

  it('test_ABCD: specializes an initial pattern, links inside the texts included', () => {
    const { space, texts } = db(`
      (Inheritance (Concept "A") (Concept "B")) (Inheritance (Concept "C") (Concept "D"))
      (Inheritance (Concept "E") (Concept "F")) (Inheritance (Concept "G") (Concept "H"))
      (Implication (Inheritance (Concept "A") (Concept "B")) (Inheritance (Concept "C") (Concept "D")))
      (Implication (Inheritance (Concept "E") (Concept "F")) (Inheritance (Concept "G") (Concept "H")))`);
    const initial = new AtomSpace();
    const pattern = initial.addLink('LambdaLink', [
      initial.addLink('ImplicationLink', [initial.addNode('VariableNode', '$X'), initial.addNode('VariableNode', '$Y')]),
    ]);
    const r = minePatterns(space, { texts, minSupport: 2, initialPattern: pattern, maxConjuncts: 1, maxVariables: 4 });
    const inh = (a: string, b: string) => `(Inheritance (Variable "${a}") (Variable "${b}"))`;
    expect(supports(r)).toEqual(
      expected([
        ['(Lambda (Implication (Variable "$X") (Variable "$Y")))', 2],
        [`(Lambda (Implication (Variable "$Z") ${inh('$X', '$Y')}))`, 2],
        [`(Lambda (Implication ${inh('$X', '$Y')} (Variable "$Z")))`, 2],
        [`(Lambda (Implication ${inh('$Z', '$W')} ${inh('$X', '$Y')}))`, 2],
      ]),
    );
  });

  it('test_AAAA: factorizes variables that always agree', () => {
    const { space, texts } = db(`
      (Implication (Inheritance (Concept "A") (Concept "A")) (Inheritance (Concept "A") (Concept "A")))
      (Implication (Inheritance (Concept "B") (Concept "B")) (Inheritance (Concept "B") (Concept "B")))`);
    const scratch = new AtomSpace();
    const [x, y] = ['$X', '$Y'].map((n) => scratch.addNode('VariableNode', n));
    const initialPattern = scratch.addLink('LambdaLink', [scratch.addLink('ImplicationLink', [x, y])]);
    const r = supports(minePatterns(space, { texts, minSupport: 2, initialPattern, maxConjuncts: 1 }));
    expect(r.get(keyOf('(Lambda (Implication (Inheritance (Variable "$X") (Variable "$X")) (Inheritance (Variable "$X") (Variable "$X"))))'))).toBe(2);
  });

  it('test_transitivity: conjunction expansion finds X->Y->Z', () => {
    const { space, texts } = db('(Inheritance (Concept "A") (Concept "B")) (Inheritance (Concept "B") (Concept "C"))');
    const r = supports(minePatterns(space, { texts, minSupport: 1, maxConjuncts: 2, maxVariables: 3 }));
    expect(
      r.get(keyOf('(Lambda (VariableList (Variable "$X") (Variable "$Y") (Variable "$Z")) (Present (Inheritance (Variable "$X") (Variable "$Y")) (Inheritance (Variable "$Y") (Variable "$Z"))))')),
    ).toBe(1);
  });

  it('test_AB_redundant_cnj: a conjunction with a clause more abstract than the others is not produced', () => {
    const { space, texts } = db('(Inheritance (Concept "A") (Concept "B"))');
    const r = minePatterns(space, { texts, minSupport: 1, maxConjuncts: 3, maxVariables: 2 });
    const redundant = keyOf(
      '(Lambda (VariableList (Variable "$X") (Variable "$Y")) (Present (Inheritance (Concept "A") (Variable "$Y")) (Inheritance (Variable "$X") (Variable "$Y")) (Inheritance (Variable "$X") (Concept "B"))))',
    );
    expect(r.patterns.length).toBeGreaterThan(3);
    expect(supports(r).has(redundant)).toBe(false);
  });

  it('test_empty: with no texts and minimum support 0, only the top pattern', () => {
    const space = new AtomSpace();
    expect(supports(minePatterns(space, { texts: [], minSupport: 0 }))).toEqual(expected([[TOP, 0]]));
  });
});
