import { typeSpec, variable, type PlnRuleSpec } from './rule-text';

const TyVs = variable('$TyVs');
const P = variable('$P');
const Q = variable('$Q');

/** `(Quote (ImplicationScope (Unquote V) (Unquote P) (Unquote Q)))`: an ImplicationScopeLink as a pattern. */
const implication = `(QuoteLink (ImplicationScopeLink (UnquoteLink ${TyVs}) (UnquoteLink ${P}) (UnquoteLink ${Q})))`;
const trueEnough = (atom: string) => `(EvaluationLink (GroundedPredicateNode "scm: true-enough") ${atom})`;

/**
 * From `(ImplicationScopeLink V P Q)` (true enough), the rule
 * `(BindLink V (AndLink (PresentLink P) P-true-enough) Q)` whose formula sets Q[V→T] to
 * (stv 1 1) when P[V→T] and the implication are true enough: OpenCog's
 * conditional-full-instantiation-meta-rule (URE examples and tests).
 */
const conditionalFullInstantiation = [
  '(BindLink',
  `  (VariableSet (TypedVariableLink ${TyVs} ${typeSpec(['VariableNode', 'TypedVariableLink', 'VariableList'])}) ${P} ${Q})`,
  `  (AndLink (PresentLink ${implication}) ${trueEnough(implication)})`,
  '  (QuoteLink (BindLink',
  `    (UnquoteLink ${TyVs})`,
  `    (AndLink (UnquoteLink (PresentLink ${P})) ${trueEnough(`(UnquoteLink ${P})`)})`,
  '    (ExecutionOutputLink (GroundedSchemaNode "scm: conditional-full-instantiation-formula")',
  `      (UnquoteLink (ListLink ${Q} ${implication} ${P})))))) `,
].join('\n');

export const META_RULES: readonly PlnRuleSpec[] = [
  {
    name: 'conditional-full-instantiation-meta-rule',
    premises: 'ImplicationScopeLink V P Q (true enough)',
    conclusion: 'the rule P[V→T] ⊢ Q[V→T]',
    formula: 'scm: conditional-full-instantiation-formula',
    bindLink: conditionalFullInstantiation,
  },
];
