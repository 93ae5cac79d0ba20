import { declare, link, ruleText, variable, type PlnRuleSpec } from './rule-text';

const A = variable('$A');
const B = variable('$B');
const C = variable('$C');

const CONCEPT_TERMS = ['ConceptNode', 'AndLink', 'OrLink', 'NotLink'];
const PREDICATE_TERMS = ['PredicateNode', 'LambdaLink', 'AndLink', 'OrLink', 'NotLink'];

/** The three link types PLN's term rules come in, with the terms they relate. */
const FAMILIES = [
  { prefix: 'inheritance', link: 'InheritanceLink', terms: CONCEPT_TERMS },
  { prefix: 'implication', link: 'ImplicationLink', terms: PREDICATE_TERMS },
  { prefix: 'subset', link: 'SubsetLink', terms: CONCEPT_TERMS },
];

/** A→B, B→C ⊢ A→C (with A, B, C as premises too: their TVs enter the formula). */
function deduction(l: string, terms: string[]): string {
  return ruleText(
    [declare('$A', terms), declare('$B', terms), declare('$C', terms)],
    `(AndLink (PresentLink ${link(l, A, B)} ${link(l, B, C)}) (NotLink (IdenticalLink ${A} ${C})))`,
    'deduction-formula',
    link(l, A, C),
    [A, B, C, link(l, A, B), link(l, B, C)],
  );
}

/** A→B, (A∧B)→C, (A∧¬B)→C ⊢ A→C. */
function fullDeduction(l: string, terms: string[]): string {
  const ABC = link(l, link('AndLink', A, B), C);
  const ANBC = link(l, link('AndLink', A, link('NotLink', B)), C);
  return ruleText(
    [declare('$A', terms), declare('$B', terms), declare('$C', terms)],
    `(AndLink (PresentLink ${link(l, A, B)} ${ABC} ${ANBC}) (NotLink (IdenticalLink ${A} ${C})))`,
    'full-deduction-formula',
    link(l, A, C),
    [link(l, A, B), ABC, ANBC],
  );
}

/** A→B ⊢ B→A (Bayes). */
function inversion(l: string): string {
  return ruleText([A, B], link(l, A, B), 'inversion-formula', link(l, B, A), [A, B, link(l, A, B)]);
}

export const TERM_RULES: readonly PlnRuleSpec[] = [
  ...FAMILIES.map((f) => ({
    name: `${f.prefix}-deduction-rule`,
    premises: `${f.link} A B, ${f.link} B C, A ≠ C`,
    conclusion: `${f.link} A C`,
    formula: 'scm: deduction-formula',
    bindLink: deduction(f.link, f.terms),
  })),
  ...FAMILIES.map((f) => ({
    name: `full-deduction-${f.prefix}-rule`,
    premises: `${f.link} A B, ${f.link} (And A B) C, ${f.link} (And A (Not B)) C`,
    conclusion: `${f.link} A C`,
    formula: 'scm: full-deduction-formula',
    bindLink: fullDeduction(f.link, f.terms),
  })),
  ...FAMILIES.map((f) => ({
    name: `inversion-${f.prefix}-rule`,
    premises: `${f.link} A B`,
    conclusion: `${f.link} B A`,
    formula: 'scm: inversion-formula',
    bindLink: inversion(f.link),
  })),
  {
    name: 'member-to-inheritance-rule',
    premises: 'MemberLink B C',
    conclusion: 'InheritanceLink B C',
    formula: 'scm: member-to-inheritance-formula',
    bindLink: ruleText([B, C], link('MemberLink', B, C), 'member-to-inheritance-formula', link('InheritanceLink', B, C), [
      link('MemberLink', B, C),
    ]),
  },
  {
    name: 'subset-direct-introduction-rule',
    premises: 'A, B (concepts or conjunctions, with members)',
    conclusion: 'SubsetLink A B',
    formula: 'scm: subset-direct-introduction-formula',
    bindLink: ruleText(
      [declare('$A', ['ConceptNode', 'AndLink']), declare('$B', ['ConceptNode', 'AndLink'])],
      `(PresentLink ${A} ${B})`,
      'subset-direct-introduction-formula',
      link('SubsetLink', A, B),
      [A, B],
    ),
  },
  {
    name: 'crisp-deduction-rule',
    premises: 'ImplicationLink A B, ImplicationLink B C, A ≠ C',
    conclusion: 'ImplicationLink A C',
    formula: 'scm: crisp-deduction-formula',
    bindLink: ruleText(
      [A, B, C],
      `(AndLink (PresentLink ${link('ImplicationLink', A, B)} ${link('ImplicationLink', B, C)}) (NotLink (EqualLink ${A} ${C})))`,
      'crisp-deduction-formula',
      link('ImplicationLink', A, C),
      [link('ImplicationLink', A, B), link('ImplicationLink', B, C)],
    ),
  },
];
