import { declare, gtZeroConfidence, link, ruleText, variable, type PlnRuleSpec } from './rule-text';

const A = variable('$A');
const B = variable('$B');
const X = variable('$X');

/** A→B, A ⊢ B, for each implication-like link. */
function modusPonens(l: string): string {
  return ruleText(
    [A, B],
    `(AndLink ${gtZeroConfidence(A)} ${gtZeroConfidence(link(l, A, B))} (PresentLink ${link(l, A, B)} ${A}))`,
    'modus-ponens-formula',
    B,
    [link(l, A, B), A],
  );
}

/** A→B ⊢ ¬B→¬A. */
function contraposition(l: string): string {
  return ruleText(
    [A, B],
    `(AndLink (PresentLink ${link(l, A, B)}) ${gtZeroConfidence(link(l, A, B))})`,
    'contraposition-formula',
    link(l, link('NotLink', B), link('NotLink', A)),
    [link(l, A, B), A, B],
  );
}

/** X1 ... Xn ⊢ (AndLink X1 ... Xn) or (OrLink X1 ... Xn); the members go as a SetLink. */
function fuzzyJunction(n: number, junction: 'AndLink' | 'OrLink', formula: string): string {
  // A conjunction of conjunctions (disjunction of disjunctions) would rather be flattened.
  const other = junction === 'AndLink' ? 'OrLink' : 'AndLink';
  const types = ['EvaluationLink', 'InheritanceLink', other, 'NotLink'];
  const xs = Array.from({ length: n }, (_, i) => variable(`$X-${i}`));
  return ruleText(
    xs.map((_, i) => declare(`$X-${i}`, types)),
    `(PresentLink ${xs.join(' ')})`,
    formula,
    link(junction, ...xs),
    [link('SetLink', ...xs)],
  );
}

/** A, B ⊢ (A∧B) or (A∨B), for two distinct predicates or concepts taken as independent. */
function introduction(junction: 'AndLink' | 'OrLink', formula: string): string {
  const terms = ['PredicateNode', 'ConceptNode'];
  return ruleText(
    [declare('$A', terms), declare('$B', terms)],
    `(AndLink (PresentLink ${A} ${B}) (NotLink (IdenticalLink ${A} ${B})))`,
    formula,
    link(junction, A, B),
    [A, B],
  );
}

const ARITIES = [1, 2, 3, 4, 5];

export const PROPOSITIONAL_RULES: readonly PlnRuleSpec[] = [
  ...[
    ['inheritance', 'InheritanceLink'],
    ['implication', 'ImplicationLink'],
    ['subset', 'SubsetLink'],
  ].map(([prefix, l]) => ({
    name: `${prefix}-modus-ponens-rule`,
    premises: `${l} A B, A (both with confidence > 0)`,
    conclusion: 'B',
    formula: 'scm: modus-ponens-formula',
    bindLink: modusPonens(l),
  })),
  ...[
    ['inheritance', 'InheritanceLink'],
    ['implication', 'ImplicationLink'],
  ].map(([prefix, l]) => ({
    name: `contraposition-${prefix}-rule`,
    premises: `${l} A B (confidence > 0)`,
    conclusion: `${l} (Not B) (Not A)`,
    formula: 'scm: contraposition-formula',
    bindLink: contraposition(l),
  })),
  ...ARITIES.map((n) => ({
    name: `fuzzy-conjunction-introduction-${n}ary-rule`,
    premises: `${n} evaluation, inheritance, or or not links`,
    conclusion: `AndLink of the ${n}`,
    formula: 'scm: fuzzy-conjunction-introduction-formula',
    bindLink: fuzzyJunction(n, 'AndLink', 'fuzzy-conjunction-introduction-formula'),
  })),
  ...ARITIES.map((n) => ({
    name: `fuzzy-disjunction-introduction-${n}ary-rule`,
    premises: `${n} evaluation, inheritance, and or not links`,
    conclusion: `OrLink of the ${n}`,
    formula: 'scm: fuzzy-disjunction-introduction-formula',
    bindLink: fuzzyJunction(n, 'OrLink', 'fuzzy-disjunction-introduction-formula'),
  })),
  {
    name: 'negation-introduction-rule',
    premises: 'X (evaluation, inheritance, predicate or concept; confidence > 0)',
    conclusion: 'NotLink X',
    formula: 'scm: negation-introduction-formula',
    bindLink: ruleText(
      [declare('$X', ['EvaluationLink', 'InheritanceLink', 'PredicateNode', 'ConceptNode'])],
      `(AndLink (PresentLink ${X}) ${gtZeroConfidence(X)})`,
      'negation-introduction-formula',
      link('NotLink', X),
      [X],
    ),
  },
  {
    name: 'and-introduction-rule',
    premises: 'A, B (distinct predicates or concepts)',
    conclusion: 'AndLink A B',
    formula: 'scm: and-introduction-formula',
    bindLink: introduction('AndLink', 'and-introduction-formula'),
  },
  {
    name: 'or-introduction-rule',
    premises: 'A, B (distinct predicates or concepts)',
    conclusion: 'OrLink A B',
    formula: 'scm: or-introduction-formula',
    bindLink: introduction('OrLink', 'or-introduction-formula'),
  },
  {
    name: 'crisp-modus-ponens-rule',
    premises: 'ImplicationLink A B, A (predicates)',
    conclusion: 'B',
    formula: 'scm: crisp-modus-ponens-formula',
    bindLink: ruleText(
      [declare('$A', ['PredicateNode']), declare('$B', ['PredicateNode'])],
      `(PresentLink ${link('ImplicationLink', A, B)} ${A})`,
      'crisp-modus-ponens-formula',
      B,
      [link('ImplicationLink', A, B), A],
    ),
  },
];
