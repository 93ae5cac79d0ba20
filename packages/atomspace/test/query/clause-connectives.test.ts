import { AtomSpace, executeQuery, FALSE_TV, parseAtom, stv, type Atom } from '../../src';
import { members, queryError, run, sorted, spaceWith } from './query-helpers';

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

describe('PresentLink members of evaluatable types', () => {
  // As OpenCog's PatternLink::record_literal: a PresentLink's members are searched for as written.
  const BIRDS = `
    (Inheritance (Concept "Tux") (Concept "bird"))
    (Inheritance (Concept "robin") (Concept "bird"))
    (Not (Inheritance (stv 0 1) (Concept "Tux") (Concept "flyer")))
    (Evaluation (GroundedPredicate "scm: flies?") (Concept "robin"))
    (GreaterThan (Number 42) (Number 10))
    (And (Not (Inheritance (Concept "Tux") (Concept "flyer"))) (GreaterThan (Number 2) (Number 1)))
  `;

  it('are searched for, not evaluated: a NotLink member is a NotLink of the space', () => {
    const space = spaceWith(BIRDS);
    const literal = '(Get (And (Inheritance (Variable "$x") (Concept "bird")) (Present (Not (Inheritance (Variable "$x") (Concept "flyer"))))))';
    expect(run(space, literal)).toEqual(sorted('(Concept "Tux")'));
    // Outside a PresentLink the NotLink is evaluated: neither bird is known to fly (Tux flies (stv 0 1)).
    const evaluated = '(Get (And (Inheritance (Variable "$x") (Concept "bird")) (Not (Inheritance (Variable "$x") (Concept "flyer")))))';
    expect(run(space, evaluated)).toEqual(sorted('(Concept "Tux") (Concept "robin")'));
    expect(run(space, '(Get (Present (Not (Inheritance (Variable "$x") (Concept "flyer")))))')).toEqual(sorted('(Concept "Tux")'));
  });

  it('never call the GroundedPredicateNode of an EvaluationLink member', () => {
    const space = spaceWith(BIRDS);
    // No predicate is registered: calling it would be an EXECUTION_ERROR.
    expect(run(space, '(Get (Present (Evaluation (GroundedPredicate "scm: flies?") (Variable "$x"))))')).toEqual(
      sorted('(Concept "robin")'),
    );
  });

  it('search VirtualLinks and AndLinks of evaluatables as links', () => {
    const space = spaceWith(BIRDS);
    expect(run(space, '(Get (Present (GreaterThan (Variable "$n") (Number 10))))')).toEqual(sorted('(Number 42)'));
    const and = `(Get (Present (And (Not (Inheritance (Variable "$x") (Concept "flyer")))
                                     (GreaterThan (Number 2) (Number 1)))))`;
    expect(run(space, and)).toEqual(sorted('(Concept "Tux")'));
  });

  it('hold for the alternatives of a ChoiceLink clause too', () => {
    const space = spaceWith(BIRDS);
    const q = `(Get (And (Inheritance (Variable "$x") (Concept "bird"))
                         (Choice (Not (Inheritance (Variable "$x") (Concept "flyer")))
                                 (Inheritance (Variable "$x") (Concept "pet")))))`;
    expect(run(space, q)).toEqual(sorted('(Concept "Tux")'));
  });
});

describe('constant clauses', () => {
  // OpenCog's ConstantClausesUTest: constant clauses are removed from a pattern, whether the
  // searched space holds them or not; evaluatable ones are evaluated.
  const FROGS = '(Evaluation (Predicate "croaks") (Concept "Fritz"))';
  const held = (text: string): Atom => parseAtom(new AtomSpace({ name: 'rules' }), text);

  it('are dropped, whether the space holds them or not', () => {
    const q = `(Get (And (Inheritance (Concept "Tweety") (Concept "frog"))
                         (Evaluation (Predicate "croaks") (Variable "$x"))))`;
    expect(run(spaceWith(FROGS), q)).toEqual(sorted('(Concept "Fritz")'));
    // Run from another space, the query does not bring the clause along: still dropped.
    const kb = spaceWith(FROGS);
    expect(members(executeQuery(kb, held(q), { addQuery: false }))).toEqual(sorted('(Concept "Fritz")'));
    expect(kb.getNode('ConceptNode', 'Tweety')).toBeUndefined();
  });

  it('are dropped from a PresentLink too', () => {
    // OpenCog's constant-present.scm, a shape the URE makes.
    const kb = spaceWith('(Inheritance (Concept "B") (Concept "foo"))');
    const q = `(Get (TypedVariable (Variable "$C") (Type "ConceptNode"))
                 (And (Present (Inheritance (Concept "A") (Concept "B")) (Inheritance (Concept "B") (Variable "$C")))
                      (Not (Identical (Variable "$C") (Concept "A")))))`;
    expect(members(executeQuery(kb, held(q), { addQuery: false }))).toEqual(sorted('(Concept "foo")'));
  });

  it('are evaluated when evaluatable', () => {
    const space = spaceWith(FROGS);
    const body = (clause: string) => `(Get (And (Evaluation (Predicate "croaks") (Variable "$x")) ${clause}))`;
    expect(run(space, body('(Identical (Concept "A") (Concept "A"))'))).toEqual(sorted('(Concept "Fritz")'));
    expect(run(space, body('(Not (Identical (Concept "A") (Concept "A")))'))).toEqual([]);
    const calls: string[] = [];
    const never = (_: unknown, args: Atom[]) => {
      calls.push(args.map(String).join(' '));
      return FALSE_TV;
    };
    expect(
      run(space, body('(Evaluation (GroundedPredicate "never") (Concept "A"))'), {
        grounded: { predicates: new Map([['never', never]]) },
      }),
    ).toEqual([]);
    expect(calls).toEqual(['(ConceptNode "A")']);
    // An ordinary atom under NotLink is looked up in the space searched.
    const kb = spaceWith(FROGS);
    const notFrog = held(body('(Not (Inheritance (Concept "Tweety") (Concept "frog")))'));
    expect(members(executeQuery(kb, notFrog, { addQuery: false }))).toEqual(sorted('(Concept "Fritz")'));
    parseAtom(kb, '(Inheritance (stv 1 1) (Concept "Tweety") (Concept "frog"))');
    expect(members(executeQuery(kb, notFrog, { addQuery: false }))).toEqual([]);
    kb.setTruthValue(kb.getLink('InheritanceLink', [kb.getNode('ConceptNode', 'Tweety')!, kb.getNode('ConceptNode', 'frog')!])!, stv(0, 1));
    expect(members(executeQuery(kb, notFrog, { addQuery: false }))).toEqual(sorted('(Concept "Fritz")'));
  });
});
