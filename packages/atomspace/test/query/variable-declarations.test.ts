import { AtomSpace, TypeRegistry, executeQuery, parseAtom, parseAtomese } from '../../src';
import { members, queryError, run, sorted, spaceWith } from './query-helpers';

const KB = `
  (Member (Concept "cat") (Concept "box"))
  (Member (Predicate "is-red") (Concept "box"))
  (Member (Number 7) (Concept "box"))
  (Member (Variable "$free") (Concept "box"))
  (Member (Inheritance (Concept "cat") (Concept "animal")) (Concept "box"))
  (Member (Inheritance (Concept "cat") (Predicate "p")) (Concept "box"))
  (Member (Subset (Concept "a") (Concept "b")) (Concept "box"))
  (Member (List (Concept "a") (Concept "b")) (Concept "box"))
`;

const inBox = (decl: string) => `(Get ${decl} (Member (Variable "$x") (Concept "box")))`;

describe('variable declarations', () => {
  it('TypeNode restricts a variable to exactly one type', () => {
    const space = spaceWith(KB);
    expect(run(space, inBox('(TypedVariable (Variable "$x") (Type "ConceptNode"))'))).toEqual(sorted('(Concept "cat")'));
    expect(run(space, inBox('(TypedVariable (Variable "$x") (Type "Inheritance"))'))).toEqual(
      sorted('(Inheritance (Concept "cat") (Concept "animal")) (Inheritance (Concept "cat") (Predicate "p"))'),
    );
  });

  it('TypeInhNode accepts the type and its subtypes', () => {
    const space = spaceWith(KB);
    expect(run(space, inBox('(TypedVariable (Variable "$x") (TypeInh "InheritanceLink"))'))).toEqual(
      sorted(`(Inheritance (Concept "cat") (Concept "animal")) (Inheritance (Concept "cat") (Predicate "p"))
              (Subset (Concept "a") (Concept "b"))`),
    );
    expect(run(space, inBox('(TypedVariable (Variable "$x") (TypeInh "Node"))'))).toEqual(
      sorted('(Concept "cat") (Predicate "is-red") (Number 7) (Variable "$free")'),
    );
  });

  it('TypeCoInhNode accepts the type and its supertypes', () => {
    const space = spaceWith(KB);
    expect(run(space, inBox('(TypedVariable (Variable "$x") (TypeCoInh "SubsetLink"))'))).toEqual(
      sorted(`(Inheritance (Concept "cat") (Concept "animal")) (Inheritance (Concept "cat") (Predicate "p"))
              (Subset (Concept "a") (Concept "b"))`),
    );
  });

  it('TypeChoice accepts any of its types', () => {
    const space = spaceWith(KB);
    const decl = '(TypedVariable (Variable "$x") (TypeChoice (Type "ConceptNode") (Type "NumberNode") (Type "ListLink")))';
    expect(run(space, inBox(decl))).toEqual(sorted('(Concept "cat") (Number 7) (List (Concept "a") (Concept "b"))'));
  });

  it('SignatureLink restricts the whole shape of the grounding', () => {
    const space = spaceWith(KB);
    const decl = '(TypedVariable (Variable "$x") (Signature (Inheritance (Type "ConceptNode") (Type "ConceptNode"))))';
    expect(run(space, inBox(decl))).toEqual(sorted('(Inheritance (Concept "cat") (Concept "animal"))'));
    const withAtom = '(TypedVariable (Variable "$x") (Signature (Inheritance (Concept "cat") (TypeInh "Node"))))';
    expect(run(space, inBox(withAtom))).toEqual(
      sorted('(Inheritance (Concept "cat") (Concept "animal")) (Inheritance (Concept "cat") (Predicate "p"))'),
    );
    const choice = `(TypedVariable (Variable "$x")
      (TypeChoice (Type "NumberNode") (Signature (List (Type "ConceptNode") (Type "ConceptNode")))))`;
    expect(run(space, inBox(choice))).toEqual(sorted('(Number 7) (List (Concept "a") (Concept "b"))'));
  });

  it('types each variable of a VariableList, which keeps its order', () => {
    const space = spaceWith('(List (Concept "a") (Number 1)) (List (Number 2) (Concept "b")) (List (Concept "c") (Concept "d"))');
    const q = `(Get (VariableList (TypedVariable (Variable "$n") (Type "NumberNode")) (Variable "$c"))
                 (List (Variable "$c") (Variable "$n")))`;
    expect(run(space, q)).toEqual(sorted('(List (Number 1) (Concept "a"))'));
  });

  it('accepts a VariableSet', () => {
    const space = spaceWith('(List (Concept "a") (Number 1)) (List (Number 2) (Concept "b"))');
    const q = `(Get (VariableSet (TypedVariable (Variable "$n") (Type "NumberNode")) (Variable "$c"))
                 (List (Variable "$c") (Variable "$n")))`;
    const results = run(space, q);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatch(/^\(ListLink (\(ConceptNode "a"\) \(NumberNode "1"\)|\(NumberNode "1"\) \(ConceptNode "a"\))\)$/);
  });

  it('treats undeclared variables as constants', () => {
    const space = spaceWith(KB);
    expect(run(space, '(Get (Variable "$x") (Member (Variable "$x") (Variable "$free")))')).toEqual([]);
    const withFree = spaceWith('(Member (Concept "cat") (Variable "$free")) (Member (Concept "dog") (Concept "x"))');
    expect(run(withFree, '(Get (Variable "$x") (Member (Variable "$x") (Variable "$free")))')).toEqual(sorted('(Concept "cat")'));
  });

  it('rejects a TypedVariableLink of the wrong arity', () => {
    const space = spaceWith(KB);
    expect(queryError('INVALID_QUERY', space, inBox('(TypedVariable (Variable "$x"))'))).toMatch(
      /TypedVariableLink needs a variable and a type, got 1 atoms/,
    );
    expect(
      queryError('INVALID_QUERY', space, inBox('(TypedVariable (Variable "$x") (Type "ConceptNode") (Type "NumberNode"))')),
    ).toMatch(/got 3 atoms/);
  });

  it('rejects a type name that does not exist', () => {
    const space = spaceWith(KB);
    expect(queryError('INVALID_QUERY', space, inBox('(TypedVariable (Variable "$x") (Type "FooNode"))'))).toBe(
      `unknown type 'FooNode' in the declaration of (VariableNode "$x")`,
    );
    expect(
      queryError('INVALID_QUERY', space, inBox('(TypedVariable (Variable "$x") (Signature (List (Type "BarLink"))))')),
    ).toMatch(/unknown type 'BarLink'/);
  });

  it('rejects something other than a variable in a VariableList', () => {
    const space = spaceWith(KB);
    expect(queryError('INVALID_QUERY', space, inBox('(VariableList (Variable "$x") (Concept "y"))'))).toMatch(
      /may hold only variables and TypedVariableLinks, got \(ConceptNode "y"\)/,
    );
    expect(queryError('INVALID_QUERY', space, inBox('(TypedVariable (Concept "x") (Type "ConceptNode"))'))).toMatch(
      /must start with a VariableNode or GlobNode/,
    );
  });

  it('rejects a variable declared twice, a non-type and a misplaced IntervalLink', () => {
    const space = spaceWith(KB);
    expect(queryError('INVALID_QUERY', space, inBox('(VariableList (Variable "$x") (Variable "$x"))'))).toMatch(/declared twice/);
    expect(queryError('INVALID_QUERY', space, inBox('(TypedVariable (Variable "$x") (Concept "ConceptNode"))'))).toMatch(
      /is not a type specification/,
    );
    expect(
      queryError('INVALID_QUERY', space, inBox('(TypedVariable (Variable "$x") (Interval (Number 1) (Number 2)))')),
    ).toMatch(/IntervalLink restricts GlobNodes only/);
    expect(queryError('INVALID_QUERY', space, inBox('(TypedVariable (Variable "$x") (Signature))'))).toMatch(
      /SignatureLink holds exactly one type pattern/,
    );
  });
});

describe('compiled type restrictions', () => {
  it('are compiled once per type specification, and follow the registry as it grows', () => {
    const types = new TypeRegistry();
    const space = new AtomSpace({ types });
    parseAtomese(space, '(Member (Concept "cat") (Concept "box")) (Inheritance (Concept "cat") (Concept "box"))');
    const concept = '(TypedVariable (Variable "$x") (TypeInh "ConceptNode"))';
    expect(members(executeQuery(space, parseAtom(space, `(Get ${concept} (Member (Variable "$x") (Concept "box")))`)))).toEqual(
      sorted('(Concept "cat")'),
    );
    // A lone variable is found by scanning the types it accepts.
    expect(members(executeQuery(space, parseAtom(space, `(Get ${concept} (Variable "$x"))`)))).toEqual(
      sorted('(Concept "box") (Concept "cat")'),
    );
    types.register('GeneNode', ['ConceptNode']);
    types.register('ProteinNode', ['Node']);
    parseAtomese(space, '(Member (GeneNode "BRCA1") (Concept "box")) (Member (ProteinNode "p53") (Concept "box"))');
    // Another query with the same type specification atom: the new subtype is accepted.
    expect(members(executeQuery(space, parseAtom(space, `(Get ${concept} (Member (Variable "$x") (Concept "box")))`)))).toEqual(
      [...sorted('(Concept "cat")'), '(GeneNode "BRCA1")'].sort(),
    );
    expect(
      members(executeQuery(space, parseAtom(space, `(Get ${concept} (And (Member (Variable "$x") (Concept "box")) (Inheritance (Variable "$x") (Concept "box"))))`))),
    ).toEqual(sorted('(Concept "cat")'));
    expect(members(executeQuery(space, parseAtom(space, `(Meet ${concept} (Variable "$x"))`)))).toEqual(
      [...sorted('(Concept "box") (Concept "cat")'), '(GeneNode "BRCA1")'].sort(),
    );
  });
});
