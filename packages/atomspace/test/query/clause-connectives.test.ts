import { executeQuery, parseAtom } from '../../src';
import { queryError, run, sorted, spaceWith } from './query-helpers';

const PETS = `
  (Inheritance (Concept "tom") (Concept "cat"))
  (Inheritance (Concept "felix") (Concept "cat"))
  (Inheritance (Concept "rex") (Concept "dog"))
  (Evaluation (Predicate "owns") (List (Concept "ann") (Concept "tom")))
  (Evaluation (Predicate "owns") (List (Concept "bob") (Concept "rex")))
  (Evaluation (Predicate "vaccinated") (List (Concept "tom")))
`;

describe('PresentLink', () => {
  it('makes each of its members a clause', () => {
    const space = spaceWith(PETS);
    const q = `(Get (VariableList (Variable "$o") (Variable "$p"))
                 (Present (Inheritance (Variable "$p") (Concept "cat"))
                          (Evaluation (Predicate "owns") (List (Variable "$o") (Variable "$p")))))`;
    expect(run(space, q)).toEqual(sorted('(List (Concept "ann") (Concept "tom"))'));
  });

  it('works inside an AndLink', () => {
    const space = spaceWith(PETS);
    const q = `(Get (Variable "$p") (And (Present (Inheritance (Variable "$p") (Concept "cat")))
                                         (Evaluation (Predicate "vaccinated") (List (Variable "$p")))))`;
    expect(run(space, q)).toEqual(sorted('(Concept "tom")'));
  });
});

describe('AbsentLink', () => {
  it('rejects groundings for which the absent term can be grounded', () => {
    const space = spaceWith(PETS);
    const q = `(Get (Variable "$p") (And (Inheritance (Variable "$p") (Concept "cat"))
                 (Absent (Evaluation (Predicate "vaccinated") (List (Variable "$p"))))))`;
    expect(run(space, q)).toEqual(sorted('(Concept "felix")'));
  });

  it('lets the absent term have variables of its own', () => {
    const space = spaceWith(PETS);
    // Undeclared, $owner is local to the AbsentLink: it is not a result.
    const q = `(Get (And (Inheritance (Variable "$p") (Variable "$kind"))
                 (Absent (Evaluation (Predicate "owns") (List (Variable "$owner") (Variable "$p"))))))`;
    expect(run(space, q)).toEqual(sorted('(List (Concept "felix") (Concept "cat"))'));
    const declared = q.replace('(Get (And', '(Get (VariableList (Variable "$p") (Variable "$kind") (Variable "$owner")) (And');
    expect(queryError('INVALID_QUERY', space, declared)).toMatch(
      /\(VariableNode "\$owner"\) cannot be grounded: it appears only under AbsentLink or AlwaysLink/,
    );
    expect(queryError('INVALID_QUERY', space, '(Get (Absent (Inheritance (Concept "x") (Variable "$y"))))')).toMatch(
      /no variables to ground/,
    );
  });

  it('reads NotLink over PresentLink as AbsentLink', () => {
    const space = spaceWith(PETS);
    const q = `(Get (Variable "$p") (And (Inheritance (Variable "$p") (Concept "cat"))
                 (Not (Present (Evaluation (Predicate "owns") (List (Concept "ann") (Variable "$p")))))))`;
    expect(run(space, q)).toEqual(sorted('(Concept "felix")'));
  });

  it('accepts every grounding when the absent term is never present', () => {
    const space = spaceWith(PETS);
    const q = `(Get (Variable "$p") (And (Inheritance (Variable "$p") (Concept "cat"))
                 (Absent (Evaluation (Predicate "lost") (List (Variable "$p"))))))`;
    expect(run(space, q)).toEqual(sorted('(Concept "tom") (Concept "felix")'));
  });

  it('must hold exactly one atom', () => {
    const space = spaceWith(PETS);
    const q = `(Get (And (Inheritance (Variable "$p") (Concept "cat"))
                 (Absent (Inheritance (Variable "$p") (Concept "dog")) (Inheritance (Variable "$p") (Concept "fish")))))`;
    expect(queryError('INVALID_QUERY', space, q)).toMatch(/AbsentLink takes exactly one atom/);
  });
});

describe('ChoiceLink', () => {
  it('as a clause, gives the groundings of each alternative', () => {
    const space = spaceWith(PETS);
    const q = `(Get (Variable "$p") (Choice (Inheritance (Variable "$p") (Concept "dog"))
                                            (Evaluation (Predicate "vaccinated") (List (Variable "$p")))))`;
    expect(run(space, q)).toEqual(sorted('(Concept "rex") (Concept "tom")'));
  });

  it('joins each alternative with the other clauses', () => {
    const space = spaceWith(PETS);
    const q = `(Get (VariableList (Variable "$o") (Variable "$p"))
                 (And (Evaluation (Predicate "owns") (List (Variable "$o") (Variable "$p")))
                      (Choice (Inheritance (Variable "$p") (Concept "dog"))
                              (Present (Inheritance (Variable "$p") (Concept "cat"))
                                       (Evaluation (Predicate "vaccinated") (List (Variable "$p")))))))`;
    expect(run(space, q)).toEqual(sorted('(List (Concept "bob") (Concept "rex")) (List (Concept "ann") (Concept "tom"))'));
  });

  it('inside a term, matches any one of its alternatives', () => {
    const space = spaceWith(PETS);
    const q = '(Get (Inheritance (Variable "$p") (Choice (Concept "dog") (Concept "cat"))))';
    expect(run(space, q)).toEqual(sorted('(Concept "tom") (Concept "felix") (Concept "rex")'));
    expect(run(space, '(Get (Inheritance (Variable "$p") (Choice (Concept "fish") (Concept "bird"))))')).toEqual([]);
  });
});

describe('OrLink at the top of the body', () => {
  it('gives the union of the groundings of its members', () => {
    const space = spaceWith(PETS);
    const q = `(Get (Variable "$p") (Or (Inheritance (Variable "$p") (Concept "dog"))
                                        (Evaluation (Predicate "vaccinated") (List (Variable "$p")))
                                        (Inheritance (Variable "$p") (Concept "cat"))))`;
    expect(run(space, q)).toEqual(sorted('(Concept "rex") (Concept "tom") (Concept "felix")'));
  });

  it('refuses bodies whose OrLink and ChoiceLink combinations make too many alternatives', () => {
    const space = spaceWith(PETS);
    const choices = Array.from({ length: 9 }, (_, i) => `(Choice (Member (Variable "$p") (Concept "a${i}")) (Member (Variable "$p") (Concept "b${i}")))`);
    expect(queryError('INVALID_QUERY', space, `(Get (And ${choices.join(' ')}))`)).toMatch(/more than 256 alternatives/);
  });

  it('requires every variable in every alternative', () => {
    const space = spaceWith(PETS);
    const q = '(Get (Or (Inheritance (Variable "$p") (Concept "dog")) (Inheritance (Variable "$q") (Concept "cat"))))';
    expect(queryError('INVALID_QUERY', space, q)).toMatch(/\$q"\) does not appear \(unquoted\) in any clause in alternative 1/);
  });
});

describe('AlwaysLink', () => {
  // OpenCog's tests/query/always.scm, with its expected results (AlwaysUTest).
  const BASKETS = `
    (Inheritance (Concept "reds basket") (Concept "basket"))
    (Inheritance (Concept "reds&greens basket") (Concept "basket"))
    (Inheritance (Concept "yellows basket") (Concept "basket"))
    (Member (Concept "red ball") (Concept "reds basket"))
    (Member (Concept "red ball too") (Concept "reds basket"))
    (Member (Concept "red ball also") (Concept "reds basket"))
    (Member (Concept "red ball") (Concept "reds&greens basket"))
    (Member (Concept "red ball too") (Concept "reds&greens basket"))
    (Member (Concept "green ball") (Concept "reds&greens basket"))
    (Member (Concept "yellow ball") (Concept "yellows basket"))
    (Member (Concept "ochre ball") (Concept "yellows basket"))
    (Evaluation (Predicate "is red") (Concept "red ball"))
    (Evaluation (Predicate "is red") (Concept "red ball too"))
    (Evaluation (Predicate "is red") (Concept "red ball also"))
    (Evaluation (Predicate "is green") (Concept "green ball"))
    (Evaluation (Predicate "is yellow") (Concept "yellow ball"))
    (Evaluation (Predicate "is yellow") (Concept "ochre ball"))
  `;

  it('keeps a search neighbourhood only if every grounding in it satisfies the always clause', () => {
    const space = spaceWith(BASKETS);
    const q = `(Query (VariableList (TypedVariable (Variable "basket") (Type "ConceptNode"))
                                    (TypedVariable (Variable "ball") (Type "ConceptNode")))
                 (And (Inheritance (Variable "basket") (Concept "basket"))
                      (Member (Variable "ball") (Variable "basket"))
                      (Always (Evaluation (Predicate "is red") (Variable "ball"))))
                 (Variable "basket"))`;
    expect(run(space, q)).toEqual(sorted('(Concept "reds basket")'));
  });

  it('works with an evaluatable always clause', () => {
    const space = spaceWith(BASKETS);
    const q = `(Query (VariableList (TypedVariable (Variable "basket") (Type "ConceptNode"))
                                    (TypedVariable (Variable "some ball") (Type "ConceptNode"))
                                    (TypedVariable (Variable "other ball") (Type "ConceptNode"))
                                    (TypedVariable (Variable "some color") (Type "PredicateNode"))
                                    (TypedVariable (Variable "other color") (Type "PredicateNode")))
                 (And (Inheritance (Variable "basket") (Concept "basket"))
                      (Member (Variable "some ball") (Variable "basket"))
                      (Member (Variable "other ball") (Variable "basket"))
                      (Evaluation (Variable "some color") (Variable "some ball"))
                      (Evaluation (Variable "other color") (Variable "other ball"))
                      (Always (Equal (Variable "some color") (Variable "other color"))))
                 (Variable "basket"))`;
    expect(run(space, q)).toEqual(sorted('(Concept "reds basket") (Concept "yellows basket")'));
  });

  it('gives no results when a grounding of the only neighbourhood fails it', () => {
    const q = `(Get (VariableList (Variable "basket") (Variable "ball"))
                 (And (Inheritance (Variable "basket") (Concept "basket"))
                      (Member (Variable "ball") (Variable "basket"))
                      (Always (Evaluation (Predicate "is red") (Variable "ball")))))`;
    const mixed = spaceWith(`(Inheritance (Concept "b1") (Concept "basket"))
      (Member (Concept "red ball") (Concept "b1")) (Member (Concept "green ball") (Concept "b1"))
      (Evaluation (Predicate "is red") (Concept "red ball"))`);
    expect(run(mixed, q)).toEqual([]);
    const allRed = spaceWith(`(Inheritance (Concept "b1") (Concept "basket"))
      (Member (Concept "red ball") (Concept "b1")) (Member (Concept "ruby ball") (Concept "b1"))
      (Evaluation (Predicate "is red") (Concept "red ball")) (Evaluation (Predicate "is red") (Concept "ruby ball"))`);
    expect(run(allRed, q)).toEqual(
      sorted('(List (Concept "b1") (Concept "red ball")) (List (Concept "b1") (Concept "ruby ball"))'),
    );
    const sat = executeQuery(mixed, parseAtom(mixed, q.replace('(Get (VariableList (Variable "basket") (Variable "ball"))', '(Satisfaction')));
    expect(sat).toMatchObject({ kind: 'tv', tv: { strength: 0 } });
  });
});

describe('disconnected clauses', () => {
  it('give the cartesian product of their groundings', () => {
    const space = spaceWith(PETS);
    const q = `(Get (VariableList (Variable "$c") (Variable "$d"))
                 (And (Inheritance (Variable "$c") (Concept "cat")) (Inheritance (Variable "$d") (Concept "dog"))))`;
    expect(run(space, q)).toEqual(sorted('(List (Concept "tom") (Concept "rex")) (List (Concept "felix") (Concept "rex"))'));
  });

  it('give nothing when one side has no grounding', () => {
    const space = spaceWith(PETS);
    const q = '(Get (And (Inheritance (Variable "$c") (Concept "cat")) (Inheritance (Variable "$d") (Concept "fish"))))';
    expect(run(space, q)).toEqual([]);
  });

  it('are filtered by evaluatable clauses that span them', () => {
    const space = spaceWith(`(Evaluation (Predicate "age") (List (Concept "a") (Number 3)))
      (Evaluation (Predicate "age") (List (Concept "b") (Number 5)))
      (Evaluation (Predicate "size") (List (Concept "x") (Number 4)))`);
    const q = `(Get (VariableList (Variable "$p") (Variable "$q"))
                 (And (Evaluation (Predicate "age") (List (Variable "$p") (Variable "$n")))
                      (Evaluation (Predicate "size") (List (Variable "$q") (Variable "$m")))
                      (GreaterThan (Variable "$n") (Variable "$m"))))`;
    const declared = q.replace(
      '(VariableList (Variable "$p") (Variable "$q"))',
      '(VariableList (Variable "$p") (Variable "$q") (Variable "$n") (Variable "$m"))',
    );
    expect(run(space, declared)).toEqual(sorted('(List (Concept "b") (Concept "x") (Number 5) (Number 4))'));
  });
});
