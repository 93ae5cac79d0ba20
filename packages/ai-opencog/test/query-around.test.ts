import { queryAroundAtom } from '../src/common/query-around';

const c = (name: string) => ({ type: 'ConceptNode', name });

describe('queryAroundAtom', () => {
  it('asks what else stands in a link\'s first place', () => {
    expect(queryAroundAtom({ type: 'InheritanceLink', outgoing: [c('cat'), c('mammal')] }, [])).toBe(
      '(GetLink (VariableNode "$x") (InheritanceLink (VariableNode "$x") (ConceptNode "mammal")))',
    );
  });

  it('asks, for a node, through the commonest way links hold it', () => {
    const incoming = [
      { type: 'InheritanceLink', outgoing: [c('cat'), c('mammal')] },
      { type: 'InheritanceLink', outgoing: [c('cat'), c('pet')] },
      { type: 'SimilarityLink', outgoing: [c('cat'), c('dog')] },
    ];
    expect(queryAroundAtom(c('cat'), incoming)).toBe('(GetLink (VariableNode "$x") (InheritanceLink (ConceptNode "cat") (VariableNode "$x")))');
    expect(queryAroundAtom(c('x'), [{ type: 'EvaluationLink', outgoing: [{ type: 'PredicateNode', name: 'p' }, c('x'), c('y')] }])).toBe(
      '(GetLink (VariableList (VariableNode "$x1") (VariableNode "$x2")) (EvaluationLink (VariableNode "$x1") (ConceptNode "x") (VariableNode "$x2")))',
    );
  });

  it('has nothing to ask about a lone node', () => {
    expect(queryAroundAtom(c('alone'), [])).toBeUndefined();
  });
});
