/*
 * The PLN rules the services know by name (the reasoning package's catalogue, `plnRuleNames`; a
 * test keeps this list equal to it), and the groups the IDE offers when asking for a rule base.
 */

export const PLN_RULE_NAMES: readonly string[] = [
  'inheritance-deduction-rule',
  'implication-deduction-rule',
  'subset-deduction-rule',
  'full-deduction-inheritance-rule',
  'full-deduction-implication-rule',
  'full-deduction-subset-rule',
  'inversion-inheritance-rule',
  'inversion-implication-rule',
  'inversion-subset-rule',
  'member-to-inheritance-rule',
  'subset-direct-introduction-rule',
  'crisp-deduction-rule',
  'inheritance-modus-ponens-rule',
  'implication-modus-ponens-rule',
  'subset-modus-ponens-rule',
  'contraposition-inheritance-rule',
  'contraposition-implication-rule',
  'fuzzy-conjunction-introduction-1ary-rule',
  'fuzzy-conjunction-introduction-2ary-rule',
  'fuzzy-conjunction-introduction-3ary-rule',
  'fuzzy-conjunction-introduction-4ary-rule',
  'fuzzy-conjunction-introduction-5ary-rule',
  'fuzzy-disjunction-introduction-1ary-rule',
  'fuzzy-disjunction-introduction-2ary-rule',
  'fuzzy-disjunction-introduction-3ary-rule',
  'fuzzy-disjunction-introduction-4ary-rule',
  'fuzzy-disjunction-introduction-5ary-rule',
  'negation-introduction-rule',
  'and-introduction-rule',
  'or-introduction-rule',
  'crisp-modus-ponens-rule',
  'conditional-full-instantiation-meta-rule',
];

export interface PlnRuleGroup {
  label: string;
  detail: string;
  rules: string[];
}

export const PLN_RULE_GROUPS: readonly PlnRuleGroup[] = [
  { label: 'PLN deduction', detail: 'inheritance, implication and subset deduction', rules: ['inheritance-deduction-rule', 'implication-deduction-rule', 'subset-deduction-rule'] },
  {
    label: 'PLN deduction and modus ponens',
    detail: 'deduction, modus ponens, member to inheritance',
    rules: ['inheritance-deduction-rule', 'implication-deduction-rule', 'inheritance-modus-ponens-rule', 'implication-modus-ponens-rule', 'member-to-inheritance-rule'],
  },
  {
    label: 'PLN term logic',
    detail: 'deduction, inversion, modus ponens on inheritance',
    rules: ['inheritance-deduction-rule', 'inversion-inheritance-rule', 'inheritance-modus-ponens-rule', 'member-to-inheritance-rule'],
  },
];
