import { executeQuery, stv, type AtomSpace, type TruthValue } from '@ai-opencog/atomspace';
import {
  andIntroductionTruthValue,
  applyRule,
  contrapositionTruthValue,
  definePlnRules,
  fuzzyConjunctionTruthValue,
  fuzzyDisjunctionTruthValue,
  inversionStrength,
  inversionTruthValue,
  memberToInheritanceTruthValue,
  modusPonensStrength,
  modusPonensTruthValue,
  negationTruthValue,
  orIntroductionTruthValue,
  plnFormulas,
  plnRuleDefinition,
  plnRuleNames,
  subsetTruthValueFromCounts,
} from '../src';
import { find, spaceWith } from './support';

function apply(space: AtomSpace, rule: string) {
  definePlnRules(space, [rule]);
  return applyRule(space, rule, { formulas: plnFormulas() });
}

/** The TV of the atom `text` in `space`; fails when the atom is not there. */
function tvOf(space: AtomSpace, text: string): TruthValue {
  const a = find(space, text);
  if (a === undefined) throw new Error(`${text} is not in the space`);
  return space.getTruthValue(a);
}

function expectTv(tv: TruthValue | undefined, s: number, c: number): void {
  expect(tv).toBeDefined();
  expect(tv!.strength).toBeCloseTo(s, 10);
  expect(tv!.confidence).toBeCloseTo(c, 10);
}

describe('the PLN catalogue', () => {
  it('has every rule the brief names, each defined by a BindLink that reads back', () => {
    for (const name of [
      'inheritance-deduction-rule',
      'implication-deduction-rule',
      'full-deduction-implication-rule',
      'implication-modus-ponens-rule',
      'inversion-inheritance-rule',
      'contraposition-inheritance-rule',
      ...[1, 2, 3, 4, 5].map((n) => `fuzzy-conjunction-introduction-${n}ary-rule`),
      'fuzzy-disjunction-introduction-2ary-rule',
      'negation-introduction-rule',
      'and-introduction-rule',
      'or-introduction-rule',
      'member-to-inheritance-rule',
      'subset-direct-introduction-rule',
      'conditional-full-instantiation-meta-rule',
      'crisp-modus-ponens-rule',
      'crisp-deduction-rule',
    ]) {
      expect(plnRuleNames).toContain(name);
    }
    const space = spaceWith();
    for (const alias of definePlnRules(space, plnRuleNames)) {
      const define = space.getIncoming(alias, 'DefineLink')[0];
      expect(define.outgoing[1].type.name).toBe('BindLink');
    }
    expect(plnRuleDefinition('inversion-inheritance-rule')).toContain('(GroundedSchemaNode "scm: inversion-formula")');
  });
});

describe('modus ponens', () => {
  it('computes P(B) = sAB·sA + 0.2·(1 − sA), confidence min(cAB, cA)', () => {
    // 0.9·0.7 + 0.2·0.3 = 0.63 + 0.06 = 0.69
    expect(modusPonensStrength(0.7, 0.9)).toBeCloseTo(0.69, 12);
    expectTv(modusPonensTruthValue(stv(0.9, 0.6), stv(0.7, 0.8)), 0.69, 0.6);
  });

  it('implication-modus-ponens-rule sets the TV of B (replacing a more confident one)', () => {
    const space = spaceWith(`
      (PredicateNode "rain" (stv 0.7 0.8))
      (PredicateNode "wet" (stv 0.1 0.99))
      (ImplicationLink (stv 0.9 0.6) (PredicateNode "rain") (PredicateNode "wet"))`);
    const r = apply(space, 'implication-modus-ponens-rule');
    expect(r.conclusions.map((c) => c.atom.toString())).toEqual(['(PredicateNode "wet")']);
    expectTv(tvOf(space, '(PredicateNode "wet")'), 0.69, 0.6);
  });

  it('requires confidence in A (gt-zero-confidence precondition)', () => {
    const space = spaceWith(`(ImplicationLink (stv 0.9 0.6) (PredicateNode "rain") (PredicateNode "wet"))`);
    expect(apply(space, 'implication-modus-ponens-rule').conclusions.length).toBe(0);
  });
});

describe('inversion', () => {
  it('computes Bayes: sBA = sAB·sA/sB, cBA = 0.9·min(cA, cB, cAB)', () => {
    // 0.6·0.2/0.4 = 0.3; 0.9·min(0.9, 0.9, 0.8) = 0.72
    expect(inversionStrength(0.2, 0.4, 0.6)).toBeCloseTo(0.3, 12);
    expectTv(inversionTruthValue(stv(0.2, 0.9), stv(0.4, 0.9), stv(0.6, 0.8)), 0.3, 0.72);
  });

  it('concludes nothing from inconsistent premises or sB = 0', () => {
    // smallest P(B|A) = (0.8 + 0.5 − 1)/0.8 = 0.375 > 0.2
    expect(inversionTruthValue(stv(0.8, 0.9), stv(0.5, 0.9), stv(0.2, 0.9))).toBeUndefined();
    expect(inversionTruthValue(stv(0.2, 0.9), stv(0, 0.9), stv(0.6, 0.9))).toBeUndefined();
  });

  it('inversion-inheritance-rule concludes B→A, and nothing for terms without confidence', () => {
    const space = spaceWith(`
      (ConceptNode "cat" (stv 0.2 0.9)) (ConceptNode "pet" (stv 0.4 0.9))
      (InheritanceLink (stv 0.6 0.8) (ConceptNode "cat") (ConceptNode "pet"))
      (InheritanceLink (stv 0.6 0.8) (ConceptNode "x") (ConceptNode "y"))`);
    const r = apply(space, 'inversion-inheritance-rule');
    expect(r.conclusions.map((c) => c.atom.toString())).toEqual(['(InheritanceLink (ConceptNode "pet") (ConceptNode "cat"))']);
    expectTv(tvOf(space, '(InheritanceLink (ConceptNode "pet") (ConceptNode "cat"))'), 0.3, 0.72);
    expect(find(space, '(InheritanceLink (ConceptNode "y") (ConceptNode "x"))')).toBeUndefined();
  });
});

describe('contraposition', () => {
  it('computes P(¬A|¬B) = (1 − sA − sB + sAB·sA)/(1 − sB)', () => {
    // (1 − 0.4 − 0.5 + 0.6·0.4)/(1 − 0.5) = 0.34/0.5 = 0.68; min(0.8, 0.9, 0.7) = 0.7
    expectTv(contrapositionTruthValue(stv(0.6, 0.8), stv(0.4, 0.9), stv(0.5, 0.7)), 0.68, 0.7);
  });

  it('carries a crisp implication over, and refuses sB = 1 or a result outside [0, 1]', () => {
    expectTv(contrapositionTruthValue(stv(1, 1), stv(0.4, 0.9), stv(1, 0)), 1, 1);
    expect(contrapositionTruthValue(stv(0.6, 0.8), stv(0.4, 0.9), stv(1, 0.7))).toBeUndefined();
    // (1 − 0.9 − 0.5 + 0.1·0.9)/0.5 = −0.62
    expect(contrapositionTruthValue(stv(0.1, 0.8), stv(0.9, 0.9), stv(0.5, 0.9))).toBeUndefined();
  });

  it('contraposition-inheritance-rule concludes ¬B→¬A', () => {
    const space = spaceWith(`
      (ConceptNode "raven" (stv 0.4 0.9)) (ConceptNode "black" (stv 0.5 0.7))
      (InheritanceLink (stv 0.6 0.8) (ConceptNode "raven") (ConceptNode "black"))`);
    apply(space, 'contraposition-inheritance-rule');
    expectTv(
      tvOf(space, '(InheritanceLink (NotLink (ConceptNode "black")) (NotLink (ConceptNode "raven")))'),
      0.68,
      0.7,
    );
  });
});

describe('fuzzy conjunction, disjunction and negation', () => {
  it('takes min strength / max strength and min confidence; negation is 1 − s', () => {
    expectTv(fuzzyConjunctionTruthValue([stv(0.4, 0.9), stv(0.7, 0.2)]), 0.4, 0.2);
    expectTv(fuzzyDisjunctionTruthValue([stv(0.4, 0.9), stv(0.7, 0.2)]), 0.7, 0.2);
    expectTv(negationTruthValue(stv(0.3, 0.8)), 0.7, 0.8);
  });

  const facts = `
    (EvaluationLink (stv 0.4 0.9) (PredicateNode "P") (ConceptNode "a"))
    (EvaluationLink (stv 0.7 0.2) (PredicateNode "Q") (ConceptNode "b"))`;
  const P = '(EvaluationLink (PredicateNode "P") (ConceptNode "a"))';
  const Q = '(EvaluationLink (PredicateNode "Q") (ConceptNode "b"))';

  it('fuzzy-conjunction-introduction-2ary-rule makes the AndLinks of every pair', () => {
    const space = spaceWith(facts);
    const r = apply(space, 'fuzzy-conjunction-introduction-2ary-rule');
    // P∧P, P∧Q, Q∧Q (the AndLink is unordered: P∧Q and Q∧P are one atom)
    expect(r.conclusions).toHaveLength(3);
    expectTv(tvOf(space, `(AndLink ${P} ${Q})`), 0.4, 0.2);
  });

  it('fuzzy-conjunction-introduction-1ary..5ary-rules make n-ary conjunctions', () => {
    for (const n of [1, 3, 4, 5]) {
      const space = spaceWith(facts);
      const r = apply(space, `fuzzy-conjunction-introduction-${n}ary-rule`);
      expect(r.conclusions.length).toBeGreaterThan(0);
      expect(r.conclusions.every((c) => c.atom.type.name === 'AndLink' && c.atom.arity === n)).toBe(true);
    }
  });

  it('fuzzy-disjunction-introduction-2ary-rule makes OrLinks', () => {
    const space = spaceWith(facts);
    apply(space, 'fuzzy-disjunction-introduction-2ary-rule');
    expectTv(tvOf(space, `(OrLink ${P} ${Q})`), 0.7, 0.2);
  });

  it('negation-introduction-rule negates what has confidence', () => {
    const space = spaceWith(`${facts} (EvaluationLink (PredicateNode "R") (ConceptNode "c"))`);
    const r = apply(space, 'negation-introduction-rule');
    expect(r.conclusions).toHaveLength(2);
    expectTv(tvOf(space, `(NotLink ${P})`), 0.6, 0.9);
  });

  it('merges by higher confidence', () => {
    const space = spaceWith(`${facts} (NotLink (stv 0.1 0.95) ${P})`);
    apply(space, 'negation-introduction-rule');
    expect(tvOf(space, `(NotLink ${P})`).equals(stv(0.1, 0.95))).toBe(true);
  });
});

describe('and/or introduction', () => {
  it('assumes independence: sA·sB and sA + sB − sA·sB, confidence min', () => {
    // 0.5·0.4 = 0.2; 0.5 + 0.4 − 0.2 = 0.7
    expectTv(andIntroductionTruthValue(stv(0.5, 0.9), stv(0.4, 0.6)), 0.2, 0.6);
    expectTv(orIntroductionTruthValue(stv(0.5, 0.9), stv(0.4, 0.6)), 0.7, 0.6);
  });

  it('and-introduction-rule and or-introduction-rule conclude over distinct terms and set the TV', () => {
    const kb = '(PredicateNode "A" (stv 0.5 0.9)) (PredicateNode "B" (stv 0.4 0.6))';
    const space = spaceWith(`${kb} (AndLink (stv 0.9 0.99) (PredicateNode "A") (PredicateNode "B"))`);
    const r = apply(space, 'and-introduction-rule');
    expect(r.conclusions.map((c) => c.atom.toString())).toEqual(['(AndLink (PredicateNode "A") (PredicateNode "B"))']);
    expectTv(tvOf(space, '(AndLink (PredicateNode "A") (PredicateNode "B"))'), 0.2, 0.6);
    const other = spaceWith(kb);
    apply(other, 'or-introduction-rule');
    expectTv(tvOf(other, '(OrLink (PredicateNode "A") (PredicateNode "B"))'), 0.7, 0.6);
  });
});

describe('member to inheritance', () => {
  it('keeps the strength and takes 0.9 of the confidence', () => {
    expectTv(memberToInheritanceTruthValue(stv(0.8, 0.5)), 0.8, 0.45);
    const space = spaceWith('(MemberLink (stv 0.8 0.5) (ConceptNode "Tom") (ConceptNode "cat"))');
    apply(space, 'member-to-inheritance-rule');
    expectTv(tvOf(space, '(InheritanceLink (ConceptNode "Tom") (ConceptNode "cat"))'), 0.8, 0.45);
  });
});

describe('subset direct introduction', () => {
  it('counts members: |A∩B|/|A|, confidence n/(n + 800)', () => {
    // 2 of 4; 4/(4 + 800) = 0.004975…
    expectTv(subsetTruthValueFromCounts(4, 2), 0.5, 4 / 804);
    const members = (c: string, xs: string[]) => xs.map((x) => `(MemberLink (ConceptNode "${x}") (ConceptNode "${c}"))`).join('\n');
    const space = spaceWith(`${members('A', ['w', 'x', 'y', 'z'])} ${members('B', ['x', 'y', 'q'])}`);
    apply(space, 'subset-direct-introduction-rule');
    expectTv(tvOf(space, '(SubsetLink (ConceptNode "A") (ConceptNode "B"))'), 0.5, 4 / 804);
    // B has 3 members, 2 of them in A
    expectTv(tvOf(space, '(SubsetLink (ConceptNode "B") (ConceptNode "A"))'), 2 / 3, 3 / 803);
  });
});

describe('crisp rules', () => {
  it('crisp-deduction-rule sets (stv 1 1) when both implications have s, c ≥ 0.5', () => {
    const space = spaceWith(`
      (ImplicationLink (stv 0.5 0.5) (PredicateNode "A") (PredicateNode "B"))
      (ImplicationLink (stv 0.9 0.9) (PredicateNode "B") (PredicateNode "C"))
      (ImplicationLink (stv 0.4 0.9) (PredicateNode "C") (PredicateNode "D"))`);
    apply(space, 'crisp-deduction-rule');
    expect(tvOf(space, '(ImplicationLink (PredicateNode "A") (PredicateNode "C"))').equals(stv(1, 1))).toBe(true);
    expect(find(space, '(ImplicationLink (PredicateNode "B") (PredicateNode "D"))')).toBeUndefined();
  });

  it('crisp-modus-ponens-rule sets (stv 1 1) on B', () => {
    const space = spaceWith(`
      (PredicateNode "A" (stv 0.6 0.6))
      (ImplicationLink (stv 0.7 0.8) (PredicateNode "A") (PredicateNode "B"))`);
    const r = apply(space, 'crisp-modus-ponens-rule');
    expect(r.conclusions.map((c) => [c.atom.toString(), c.tv.toString()])).toEqual([['(PredicateNode "B")', '(stv 1 1)']]);
  });
});

describe('conditional-full-instantiation-meta-rule', () => {
  const kb = `
    (ImplicationScopeLink (stv 0.9 0.8)
      (TypedVariableLink (VariableNode "$X") (TypeNode "ConceptNode"))
      (EvaluationLink (PredicateNode "croaks") (VariableNode "$X"))
      (InheritanceLink (VariableNode "$X") (ConceptNode "frog")))`;

  it('produces, from an ImplicationScopeLink, the rule that instantiates it', () => {
    const space = spaceWith(kb);
    const meta = apply(space, 'conditional-full-instantiation-meta-rule');
    expect(meta.conclusions).toHaveLength(1);
    const produced = meta.conclusions[0].atom;
    expect(produced.type.name).toBe('BindLink');
    expect(produced.outgoing[0].toString()).toBe('(TypedVariableLink (VariableNode "$X") (TypeNode "ConceptNode"))');
    const rewrite = produced.outgoing[2];
    expect(rewrite.outgoing[0].name).toBe('scm: conditional-full-instantiation-formula');
    expect(rewrite.outgoing[1].outgoing[0].toString()).toBe('(InheritanceLink (VariableNode "$X") (ConceptNode "frog"))');
  });

  it('the produced rule concludes Q[X→Fritz] (stv 1 1) only from a true-enough P[X→Fritz]', () => {
    const space = spaceWith(`${kb}
      (EvaluationLink (stv 0.7 0.6) (PredicateNode "croaks") (ConceptNode "Fritz"))
      (EvaluationLink (stv 0.5 0.9) (PredicateNode "croaks") (ConceptNode "Tweety"))`);
    const produced = apply(space, 'conditional-full-instantiation-meta-rule').conclusions[0].atom;
    space.addLink('DefineLink', [space.addNode('DefinedSchemaNode', 'croaks-then-frog'), produced]);
    const r = applyRule(space, 'croaks-then-frog', { formulas: plnFormulas() });
    expect(r.conclusions.map((c) => [c.atom.toString(), c.tv.toString()])).toEqual([
      ['(InheritanceLink (ConceptNode "Fritz") (ConceptNode "frog"))', '(stv 1 1)'],
    ]);
    expect(find(space, '(InheritanceLink (ConceptNode "Tweety") (ConceptNode "frog"))')).toBeUndefined();
  });
});

describe('PLN rules as plain BindLinks', () => {
  it('run in the pattern matcher with the formulas as grounded schemas', () => {
    const space = spaceWith(`
      (InheritanceLink (stv 0.8 0.9) (ConceptNode "a") (ConceptNode "b"))
      (InheritanceLink (stv 0.7 0.9) (ConceptNode "b") (ConceptNode "c"))`);
    const [alias] = definePlnRules(space, ['inheritance-deduction-rule']);
    const bindLink = space.getIncoming(alias, 'DefineLink')[0].outgoing[1];
    const result = executeQuery(space, bindLink, { grounded: plnFormulas().grounded() });
    expect(result.kind).toBe('set');
    expect(result.kind === 'set' && result.atom.outgoing.map(String)).toEqual(['(InheritanceLink (ConceptNode "a") (ConceptNode "c"))']);
    expectTv(tvOf(space, '(InheritanceLink (ConceptNode "a") (ConceptNode "c"))'), 0.58, 0.81);
  });
});

describe('every link-type variant of the term and propositional rules', () => {
  const A = '(ConceptNode "A")';
  const B = '(ConceptNode "B")';
  const C = '(ConceptNode "C")';
  const P = '(PredicateNode "P")';
  const Q = '(PredicateNode "Q")';
  const R = '(PredicateNode "R")';
  // [rule, knowledge base, conclusion, strength, confidence] — numbers worked out in the comments
  const cases: [string, string, string, number, number][] = [
    // default-TV terms: 0.8·0.7 + 0.2·(0.25 − 0.175)/0.75 = 0.58, c = 0.9·0.9 = 0.81
    ['inheritance-deduction-rule', `(InheritanceLink (stv 0.8 0.9) ${A} ${B}) (InheritanceLink (stv 0.7 0.9) ${B} ${C})`, `(InheritanceLink ${A} ${C})`, 0.58, 0.81],
    ['subset-deduction-rule', `(SubsetLink (stv 0.8 0.9) ${A} ${B}) (SubsetLink (stv 0.7 0.9) ${B} ${C})`, `(SubsetLink ${A} ${C})`, 0.58, 0.81],
    // 0.6·0.8 + 0.4·0.3 = 0.6, c = 0.9·min(0.9, 0.8, 0.95) = 0.72
    ...(['InheritanceLink', 'SubsetLink'] as const).map((l): [string, string, string, number, number] => [
      `full-deduction-${l === 'InheritanceLink' ? 'inheritance' : 'subset'}-rule`,
      `(${l} (stv 0.6 0.9) ${A} ${B}) (${l} (stv 0.8 0.8) (AndLink ${A} ${B}) ${C}) (${l} (stv 0.3 0.95) (AndLink ${A} (NotLink ${B})) ${C})`,
      `(${l} ${A} ${C})`,
      0.6,
      0.72,
    ]),
    [
      'full-deduction-implication-rule',
      `(ImplicationLink (stv 0.6 0.9) ${P} ${Q}) (ImplicationLink (stv 0.8 0.8) (AndLink ${P} ${Q}) ${R}) (ImplicationLink (stv 0.3 0.95) (AndLink ${P} (NotLink ${Q})) ${R})`,
      `(ImplicationLink ${P} ${R})`,
      0.6,
      0.72,
    ],
    // 0.6·0.2/0.4 = 0.3, c = 0.9·0.8 = 0.72
    ['inversion-implication-rule', `(PredicateNode "P" (stv 0.2 0.9)) (PredicateNode "Q" (stv 0.4 0.9)) (ImplicationLink (stv 0.6 0.8) ${P} ${Q})`, `(ImplicationLink ${Q} ${P})`, 0.3, 0.72],
    ['inversion-subset-rule', `(ConceptNode "A" (stv 0.2 0.9)) (ConceptNode "B" (stv 0.4 0.9)) (SubsetLink (stv 0.6 0.8) ${A} ${B})`, `(SubsetLink ${B} ${A})`, 0.3, 0.72],
    // 0.9·0.7 + 0.2·0.3 = 0.69, c = min(0.6, 0.8)
    ['inheritance-modus-ponens-rule', `(ConceptNode "A" (stv 0.7 0.8)) (InheritanceLink (stv 0.9 0.6) ${A} ${B})`, B, 0.69, 0.6],
    ['subset-modus-ponens-rule', `(ConceptNode "A" (stv 0.7 0.8)) (SubsetLink (stv 0.9 0.6) ${A} ${B})`, B, 0.69, 0.6],
    // (1 − 0.4 − 0.5 + 0.24)/0.5 = 0.68, c = min(0.8, 0.9, 0.7)
    ['contraposition-implication-rule', `(PredicateNode "P" (stv 0.4 0.9)) (PredicateNode "Q" (stv 0.5 0.7)) (ImplicationLink (stv 0.6 0.8) ${P} ${Q})`, `(ImplicationLink (NotLink ${Q}) (NotLink ${P}))`, 0.68, 0.7],
    // fuzzy OR of one atom: itself
    ['fuzzy-disjunction-introduction-1ary-rule', `(EvaluationLink (stv 0.4 0.9) ${P} ${A})`, `(OrLink (EvaluationLink ${P} ${A}))`, 0.4, 0.9],
  ];

  it.each(cases)('%s', (rule, kb, conclusion, s, c) => {
    const space = spaceWith(kb);
    const r = apply(space, rule);
    expect(r.conclusions.map((x) => x.atom.toString())).toContain(conclusion);
    expectTv(tvOf(space, conclusion), s, c);
    expect(r.trace.steps.every((step) => step.rule === rule)).toBe(true);
  });

  it('fuzzy-disjunction-introduction-3ary..5ary-rules make n-ary disjunctions', () => {
    for (const n of [3, 4, 5]) {
      const space = spaceWith(`(EvaluationLink (stv 0.4 0.9) ${P} ${A}) (EvaluationLink (stv 0.7 0.2) ${Q} ${B})`);
      const r = apply(space, `fuzzy-disjunction-introduction-${n}ary-rule`);
      expect(r.conclusions.length).toBeGreaterThan(0);
      expect(r.conclusions.every((x) => x.atom.type.name === 'OrLink' && x.atom.arity === n)).toBe(true);
    }
  });
});
