import * as compiler from '@ai-opencog/atomspace/lib/query/pattern-compiler';
import { executeQuery, parseAtom, type Atom } from '@ai-opencog/atomspace';
import { applyRule, definePlnRules, InferenceTrace, plnFormulas } from '../src';
import { RuleApplier } from '../src/ure/rule-application';
import { RunControl } from '../src/ure/run-control';
import { readVariables } from '../src/ure/variables';
import { find, spaceWith } from './support';

/** A rule applier over `kb`, with the PLN formulas. */
function applierOver(kb: ReturnType<typeof spaceWith>): RuleApplier {
  return new RuleApplier(kb, plnFormulas(), new RunControl(undefined, undefined, undefined), new InferenceTrace());
}

describe('the rule engine on the pattern matcher', () => {
  it('runs its queries from the pattern space: the knowledge base gets none, a query is compiled once', () => {
    const kb = spaceWith(`
      (InheritanceLink (stv 0.9 0.9) (ConceptNode "Fritz") (ConceptNode "frog"))
      (InheritanceLink (stv 0.9 0.9) (ConceptNode "Tweety") (ConceptNode "bird"))`);
    const applier = applierOver(kb);
    const p = applier.patterns;
    const vars = readVariables(p, parseAtom(p, '(TypedVariableLink (VariableNode "$x") (TypeNode "ConceptNode"))'));
    const premise = parseAtom(p, '(InheritanceLink (VariableNode "$x") (ConceptNode "frog"))');
    const size = kb.size;
    const compile = jest.spyOn(compiler, 'compilePattern');
    try {
      for (let i = 0; i < 3; i++) {
        const found = applier.groundings([premise], [], vars);
        expect(found.map((s) => [...s].map(([v, g]) => `${v.name}=${g.name}`))).toEqual([['$x=Fritz']]);
      }
      expect(compile).toHaveBeenCalledTimes(1);
    } finally {
      compile.mockRestore();
    }
    expect(kb.size).toBe(size);
    expect(kb.countByType('GetLink')).toBe(0);
    expect(p.countByType('GetLink')).toBe(1);
  });

  it('needs a premise without variables to be in the knowledge base (the pattern matcher drops constant clauses)', () => {
    const kb = spaceWith('(InheritanceLink (ConceptNode "Fritz") (ConceptNode "frog"))');
    const applier = applierOver(kb);
    const p = applier.patterns;
    const vars = readVariables(p, parseAtom(p, '(VariableNode "$x")'));
    const premises = [
      parseAtom(p, '(InheritanceLink (ConceptNode "Tweety") (ConceptNode "frog"))'),
      parseAtom(p, '(InheritanceLink (VariableNode "$x") (ConceptNode "frog"))'),
    ];
    expect(applier.groundings(premises, [], vars)).toEqual([]);
    parseAtom(kb, '(InheritanceLink (ConceptNode "Tweety") (ConceptNode "frog"))');
    expect(applier.groundings(premises, [], vars)).toHaveLength(2);
  });

  it('searches for a premise of an evaluatable type as it is written, without quoting it', () => {
    const kb = spaceWith(`
      (NotLink (InheritanceLink (ConceptNode "Tux") (ConceptNode "flyer")))
      (InheritanceLink (ConceptNode "robin") (ConceptNode "bird"))
      (EvaluationLink (GroundedPredicateNode "scm: swims?") (ConceptNode "Tux"))
      (DefineLink (DefinedSchemaNode "walker")
        (BindLink (TypedVariableLink (VariableNode "$x") (TypeNode "ConceptNode"))
          (PresentLink
            (NotLink (InheritanceLink (VariableNode "$x") (ConceptNode "flyer")))
            (EvaluationLink (GroundedPredicateNode "scm: swims?") (VariableNode "$x")))
          (MemberLink (VariableNode "$x") (ConceptNode "walkers"))))`);
    // "scm: swims?" is not registered: the premise is matched, never called.
    const r = applyRule(kb, 'walker', { formulas: plnFormulas() });
    expect(r.conclusions.map((c) => c.atom.toString())).toEqual(['(MemberLink (ConceptNode "Tux") (ConceptNode "walkers"))']);
    expect(kb.countByType('LocalQuoteLink')).toBe(0);
  });

  it('instantiates a rewrite without formula as the pattern matcher does, executing what it holds', () => {
    const kb = spaceWith(`
      (EvaluationLink (PredicateNode "age") (ListLink (ConceptNode "ann") (NumberNode 41)))
      (DefineLink (DefinedSchemaNode "birthday")
        (BindLink (VariableList (VariableNode "$p") (TypedVariableLink (VariableNode "$n") (TypeNode "NumberNode")))
          (PresentLink (EvaluationLink (PredicateNode "age") (ListLink (VariableNode "$p") (VariableNode "$n"))))
          (EvaluationLink (PredicateNode "age next year") (ListLink (VariableNode "$p") (PlusLink (VariableNode "$n") (NumberNode 1))))))`);
    const r = applyRule(kb, 'birthday', { formulas: plnFormulas() });
    expect(r.conclusions.map((c) => c.atom.toString())).toEqual([
      '(EvaluationLink (PredicateNode "age next year") (ListLink (ConceptNode "ann") (NumberNode "42")))',
    ]);
  });
});

describe('a rule produced by conditional-full-instantiation-meta-rule', () => {
  const KB = `
    (ImplicationScopeLink (stv 0.9 0.8)
      (TypedVariableLink (VariableNode "$X") (TypeNode "ConceptNode"))
      (EvaluationLink (PredicateNode "croaks") (VariableNode "$X"))
      (InheritanceLink (VariableNode "$X") (ConceptNode "frog")))
    (EvaluationLink (stv 0.7 0.6) (PredicateNode "croaks") (ConceptNode "Fritz"))
    (EvaluationLink (stv 0.5 0.9) (PredicateNode "croaks") (ConceptNode "Tweety"))`;

  it('also runs as a plain BindLink: the implication passed to its formula keeps its own $X', () => {
    const kb = spaceWith(KB);
    definePlnRules(kb, ['conditional-full-instantiation-meta-rule']);
    const produced: Atom = applyRule(kb, 'conditional-full-instantiation-meta-rule', { formulas: plnFormulas() }).conclusions[0].atom;
    const result = executeQuery(kb, produced, { grounded: plnFormulas().grounded() });
    expect(result.kind === 'set' && result.atom.outgoing.map(String)).toEqual(['(InheritanceLink (ConceptNode "Fritz") (ConceptNode "frog"))']);
    expect(kb.getTruthValue(find(kb, '(InheritanceLink (ConceptNode "Fritz") (ConceptNode "frog"))')!).toString()).toBe('(stv 1 1)');
    expect(find(kb, '(TypedVariableLink (ConceptNode "Fritz") (TypeNode "ConceptNode"))')).toBeUndefined();
  });
});
