import { AtomSpaceError } from '@ai-opencog/atomspace';
import { backwardChain, DEFAULT_URE_CONFIG, forwardChain, loadPlnRuleBase, loadRuleBase } from '../src';
import { atom, find, spaceWith } from './support';

/** A rule base written by a user in Atomese: two rules, weights, parameters. */
const USER_RULE_BASE = `
  (DefineLink (DefinedSchemaNode "my-deduction")
    (BindLink
      (VariableList
        (TypedVariableLink (VariableNode "$A") (TypeNode "ConceptNode"))
        (TypedVariableLink (VariableNode "$B") (TypeNode "ConceptNode"))
        (TypedVariableLink (VariableNode "$C") (TypeNode "ConceptNode")))
      (AndLink
        (PresentLink (InheritanceLink (VariableNode "$A") (VariableNode "$B")) (InheritanceLink (VariableNode "$B") (VariableNode "$C")))
        (NotLink (IdenticalLink (VariableNode "$A") (VariableNode "$C"))))
      (ExecutionOutputLink (GroundedSchemaNode "scm: deduction-formula")
        (ListLink
          (InheritanceLink (VariableNode "$A") (VariableNode "$C"))
          (VariableNode "$A") (VariableNode "$B") (VariableNode "$C")
          (InheritanceLink (VariableNode "$A") (VariableNode "$B"))
          (InheritanceLink (VariableNode "$B") (VariableNode "$C"))))))
  ; A rule without formula, as in OpenCog's frog-rule-base: the conclusion is just added.
  (DefineLink (DefinedSchemaNode "if-frog-then-green")
    (BindLink
      (TypedVariableLink (VariableNode "$x") (TypeNode "ConceptNode"))
      (InheritanceLink (VariableNode "$x") (ConceptNode "frog"))
      (InheritanceLink (VariableNode "$x") (ConceptNode "green"))))
  (MemberLink (stv 0.8 1) (DefinedSchemaNode "my-deduction") (ConceptNode "my-rules"))
  (MemberLink (stv 0.3 1) (DefinedSchemaNode "if-frog-then-green") (ConceptNode "my-rules"))
  (ExecutionLink (SchemaNode "URE:maximum-iterations") (ConceptNode "my-rules") (NumberNode 7))
  (ExecutionLink (SchemaNode "URE:complexity-penalty") (ConceptNode "my-rules") (NumberNode 0.5))
  (ExecutionLink (SchemaNode "URE:BC:maximum-bit-size") (ConceptNode "my-rules") (NumberNode 12))
  (EvaluationLink (stv 1 1) (PredicateNode "URE:FC:retry-exhausted-sources") (ConceptNode "my-rules"))`;

const FACTS = `
  (InheritanceLink (stv 0.9 0.9) (ConceptNode "Fritz") (ConceptNode "frog"))
  (InheritanceLink (stv 0.8 0.9) (ConceptNode "frog") (ConceptNode "amphibian"))
  (InheritanceLink (stv 0.95 0.9) (ConceptNode "amphibian") (ConceptNode "animal"))`;

describe('a rule base written in Atomese', () => {
  it('reads its rules, weights and parameters', () => {
    const space = spaceWith(USER_RULE_BASE);
    const rb = loadRuleBase(space, 'my-rules');
    expect(rb.rules.map((r) => [r.name, r.weight])).toEqual([
      ['if-frog-then-green', 0.3],
      ['my-deduction', 0.8],
    ]);
    expect(rb.config).toEqual({ maximumIterations: 7, complexityPenalty: 0.5, retryExhaustedSources: true, maximumBitSize: 12 });
  });

  it('takes OpenCog defaults for missing parameters', () => {
    const space = spaceWith(`${USER_RULE_BASE} (MemberLink (DefinedSchemaNode "my-deduction") (ConceptNode "bare"))`);
    expect(loadRuleBase(space, 'bare').config).toEqual(DEFAULT_URE_CONFIG);
  });

  it('runs forward: its iteration limit holds and both rules conclude', () => {
    const space = spaceWith(`${USER_RULE_BASE} ${FACTS}`);
    const rb = loadRuleBase(space, atom(space, '(ConceptNode "my-rules")'));
    const source = find(space, '(InheritanceLink (ConceptNode "Fritz") (ConceptNode "frog"))')!;
    const r = forwardChain(space, rb, source, { seed: 3 });
    expect(r.iterations).toBe(7);
    expect(r.stopReason).toBe('max-iterations');
    const concluded = r.results.map((x) => x.atom.toString());
    expect(concluded).toContain('(InheritanceLink (ConceptNode "Fritz") (ConceptNode "green"))');
    expect(concluded).toContain('(InheritanceLink (ConceptNode "Fritz") (ConceptNode "amphibian"))');
    // The formula-less rule leaves the default TV; the deduction sets one.
    expect(r.results.find((x) => x.atom.toString().includes('"green"'))!.tv.isDefault()).toBe(true);
    const amphibian = r.results.find((x) => x.atom.toString().includes('"amphibian"'))!;
    expect(amphibian.tv.confidence).toBeGreaterThan(0);
    expect(new Set(r.trace.steps.map((s) => s.rule))).toEqual(new Set(['my-deduction', 'if-frog-then-green']));
  });

  it('runs backward to a deduction target', () => {
    const space = spaceWith(`${USER_RULE_BASE} ${FACTS}`);
    const rb = loadRuleBase(space, 'my-rules');
    const target = atom(space, '(InheritanceLink (ConceptNode "Fritz") (ConceptNode "animal"))');
    const r = backwardChain(space, rb, target, { maximumIterations: 30, complexityPenalty: 0 });
    expect(r.results.map((x) => x.atom.toString())).toEqual([target.toString()]);
    expect(space.getTruthValue(target).confidence).toBeGreaterThan(0);
  });

  it('is refused with a clear error when a rule calls an unknown formula or lacks a definition', () => {
    const unknownFormula = spaceWith(`
      (DefineLink (DefinedSchemaNode "r") (BindLink (VariableNode "$x") (InheritanceLink (VariableNode "$x") (ConceptNode "a"))
        (ExecutionOutputLink (GroundedSchemaNode "scm: nowhere") (ListLink (VariableNode "$x")))))
      (MemberLink (DefinedSchemaNode "r") (ConceptNode "rb"))`);
    expect(() => loadRuleBase(unknownFormula, 'rb')).toThrow(/rule r calls the formula "scm: nowhere"/);
    const undefinedRule = spaceWith('(MemberLink (DefinedSchemaNode "ghost") (ConceptNode "rb"))');
    expect(() => loadRuleBase(undefinedRule, 'rb')).toThrow(/rule ghost has no DefineLink/);
    expect(() => loadRuleBase(spaceWith(), 'nothing')).toThrow(AtomSpaceError);
  });

  it('refuses a parameter set twice', () => {
    const space = spaceWith(`${USER_RULE_BASE} (ExecutionLink (SchemaNode "URE:maximum-iterations") (ConceptNode "my-rules") (NumberNode 9))`);
    expect(() => loadRuleBase(space, 'my-rules')).toThrow(/sets URE:maximum-iterations 2 times/);
  });
});

describe('loadPlnRuleBase', () => {
  it('attaches the named PLN rules with weight 1 (or the given one) to a new rule base', () => {
    const space = spaceWith();
    const rb = loadPlnRuleBase(space, { rules: ['inversion-inheritance-rule', 'negation-introduction-rule'], name: 'mine', weights: { 'negation-introduction-rule': 0.25 } });
    expect(rb.name).toBe('mine');
    expect(rb.rules.map((r) => [r.name, r.weight])).toEqual([
      ['inversion-inheritance-rule', 1],
      ['negation-introduction-rule', 0.25],
    ]);
    expect(find(space, '(MemberLink (DefinedSchemaNode "inversion-inheritance-rule") (ConceptNode "mine"))')).toBeDefined();
  });

  it('uses a rule the space defines under a PLN-like name instead of redefining it, and refuses unknown names', () => {
    const space = spaceWith(USER_RULE_BASE);
    expect(loadPlnRuleBase(space, { rules: ['my-deduction'] }).rules.map((r) => r.name)).toEqual(['my-deduction']);
    expect(() => loadPlnRuleBase(space, { rules: ['no-such-rule'] })).toThrow(/unknown rule 'no-such-rule'/);
  });
});
