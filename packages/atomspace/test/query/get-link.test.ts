import { executeQuery, findGroundings, parseAtom } from '../../src';
import { errorOf, queryError, run, sorted, spaceWith } from './query-helpers';

const ANIMALS = `
  (Inheritance (Concept "cat") (Concept "mammal"))
  (Inheritance (Concept "dog") (Concept "mammal"))
  (Inheritance (Concept "whale") (Concept "mammal"))
  (Inheritance (Concept "mammal") (Concept "animal"))
  (Inheritance (Concept "bird") (Concept "animal"))
  (Inheritance (Concept "sparrow") (Concept "bird"))
  (Evaluation (Predicate "lives-in") (List (Concept "whale") (Concept "ocean")))
`;

describe('GetLink', () => {
  it('grounds a single variable to the atoms themselves', () => {
    const space = spaceWith(ANIMALS);
    expect(run(space, '(Get (Inheritance (Variable "$x") (Concept "mammal")))')).toEqual(
      sorted('(Concept "cat") (Concept "dog") (Concept "whale")'),
    );
  });

  it('adds the result SetLink to the space', () => {
    const space = spaceWith(ANIMALS);
    const r = executeQuery(space, parseAtom(space, '(Get (Inheritance (Variable "$x") (Concept "bird")))'));
    expect(r.kind).toBe('set');
    if (r.kind !== 'set') return;
    expect(r.complete).toBe(true);
    expect(space.isVisible(r.atom)).toBe(true);
    expect(String(r.atom)).toBe('(SetLink (ConceptNode "sparrow"))');
  });

  it('gives an empty SetLink when nothing matches', () => {
    const space = spaceWith(ANIMALS);
    expect(run(space, '(Get (Inheritance (Variable "$x") (Concept "fish")))')).toEqual([]);
    expect(run(space, '(Get (Member (Variable "$x") (Concept "mammal")))')).toEqual([]);
  });

  it('joins clauses that share a variable, giving ListLinks in declaration order', () => {
    const space = spaceWith(ANIMALS);
    const q = `(Get (VariableList (Variable "$y") (Variable "$x"))
                 (And (Inheritance (Variable "$x") (Variable "$y"))
                      (Inheritance (Variable "$y") (Concept "animal"))))`;
    expect(run(space, q)).toEqual(
      sorted(`(List (Concept "mammal") (Concept "cat")) (List (Concept "mammal") (Concept "dog"))
              (List (Concept "mammal") (Concept "whale")) (List (Concept "bird") (Concept "sparrow"))`),
    );
  });

  it('uses the free variables in order of first appearance without a declaration', () => {
    const space = spaceWith(ANIMALS);
    expect(run(space, '(Get (Evaluation (Predicate "lives-in") (List (Variable "$b") (Variable "$a"))))')).toEqual(
      sorted('(List (Concept "whale") (Concept "ocean"))'),
    );
    // AndLink is unordered: its members are stored in canonical order, and that order counts.
    const q = parseAtom(
      space,
      '(Get (And (Inheritance (Variable "$y") (Concept "animal")) (Inheritance (Variable "$x") (Variable "$y"))))',
    );
    const yFirst = q.outgoing[0].outgoing[0].outgoing[0].name === '$y';
    const pairs = [['mammal', 'cat'], ['mammal', 'dog'], ['mammal', 'whale'], ['bird', 'sparrow']];
    const expected = pairs.map(([y, x]) => (yFirst ? `(List (Concept "${y}") (Concept "${x}"))` : `(List (Concept "${x}") (Concept "${y}"))`));
    const r = executeQuery(space, q);
    expect(r.kind === 'set' && r.atom.outgoing.map(String).sort()).toEqual(sorted(expected.join(' ')));
  });

  it('matches nested links, and nodes and links by exact type', () => {
    const space = spaceWith(`${ANIMALS} (Subset (Concept "tuna") (Concept "mammal"))
      (Evaluation (Predicate "lives-in") (List (Concept "tuna") (Concept "ocean") (Concept "deep")))`);
    expect(run(space, '(Get (Evaluation (Predicate "lives-in") (List (Variable "$x") (Concept "ocean"))))')).toEqual(
      sorted('(Concept "whale")'),
    );
    // SubsetLink derives from InheritanceLink, but link types match exactly.
    expect(run(space, '(Get (Inheritance (Variable "$x") (Concept "mammal")))')).not.toContain('(ConceptNode "tuna")');
    expect(run(space, '(Get (Subset (Variable "$x") (Concept "mammal")))')).toEqual(sorted('(Concept "tuna")'));
  });

  it('lets a variable stand for a whole link', () => {
    const space = spaceWith(ANIMALS);
    expect(run(space, '(Get (Evaluation (Predicate "lives-in") (Variable "$args")))')).toEqual(
      sorted('(List (Concept "whale") (Concept "ocean"))'),
    );
  });

  it('requires a variable used twice to be grounded by the same atom', () => {
    const space = spaceWith('(List (Concept "a") (Concept "a")) (List (Concept "a") (Concept "b"))');
    expect(run(space, '(Get (List (Variable "$x") (Variable "$x")))')).toEqual(sorted('(Concept "a")'));
  });

  it('never grounds a clause by the query itself', () => {
    const space = spaceWith('(Inheritance (Concept "c1") (Concept "c42"))');
    // The query's own clause (Inheritance (Variable "$x") (Concept "c42")) is in the space too.
    expect(run(space, '(Get (Inheritance (Variable "$x") (Concept "c42")))')).toEqual(sorted('(Concept "c1")'));
    const empty = spaceWith();
    expect(run(empty, '(Get (Inheritance (Variable "$x") (Concept "c42")))')).toEqual([]);
  });

  it('does not ground a variable by one of the query own variables', () => {
    const space = spaceWith('(Inheritance (Variable "$y") (Concept "c42"))');
    // The query's own variable is never a grounding, but another query's variable is an ordinary atom.
    expect(run(space, '(Get (Variable "$y") (Inheritance (Variable "$y") (Concept "c42")))')).toEqual([]);
    expect(run(space, '(Get (Inheritance (Variable "$x") (Concept "c42")))')).toEqual(sorted('(Variable "$y")'));
  });

  it('sees the new atoms of the space when executed again', () => {
    const space = spaceWith('(Inheritance (Concept "a") (Concept "top"))');
    const query = parseAtom(space, '(Get (Inheritance (Variable "$x") (Concept "top")))');
    const first = executeQuery(space, query);
    parseAtom(space, '(Inheritance (Concept "b") (Concept "top"))');
    const second = executeQuery(space, query);
    expect(first.kind === 'set' && first.atom.outgoing.map(String)).toEqual(['(ConceptNode "a")']);
    expect(second.kind === 'set' && second.atom.outgoing.map(String).sort()).toEqual(sorted('(Concept "a") (Concept "b")'));
  });

  it('adds a query from elsewhere to the space before running it', () => {
    const space = spaceWith(ANIMALS);
    const other = spaceWith();
    const query = parseAtom(other, '(Get (Inheritance (Variable "$x") (Concept "bird")))');
    const r = executeQuery(space, query);
    expect(r.kind === 'set' && r.atom.outgoing.map(String)).toEqual(['(ConceptNode "sparrow")']);
  });

  it('searches a child space together with its parent', () => {
    const parent = spaceWith(ANIMALS);
    const child = parent.createChild();
    parseAtom(child, '(Inheritance (Concept "bat") (Concept "mammal"))');
    const q = '(Get (Inheritance (Variable "$x") (Concept "mammal")))';
    expect(run(child, q)).toEqual(sorted('(Concept "cat") (Concept "dog") (Concept "whale") (Concept "bat")'));
    expect(run(parent, q)).toEqual(sorted('(Concept "cat") (Concept "dog") (Concept "whale")'));
  });

  it('exposes the groundings through findGroundings', () => {
    const space = spaceWith(ANIMALS);
    const q = parseAtom(
      space,
      `(Get (VariableList (Variable "$x") (Variable "$y"))
         (And (Inheritance (Variable "$x") (Variable "$y")) (Inheritance (Variable "$y") (Concept "animal"))))`,
    );
    const g = findGroundings(space, q);
    expect(g.variables.map(String)).toEqual(['(VariableNode "$x")', '(VariableNode "$y")']);
    expect(g.groundings.map((row) => row.map((a) => a.name).join(' ')).sort()).toEqual(
      ['cat mammal', 'dog mammal', 'sparrow bird', 'whale mammal'],
    );
    expect(g.complete).toBe(true);
  });

  it('rejects malformed query links', () => {
    const space = spaceWith(ANIMALS);
    expect(queryError('INVALID_QUERY', space, '(Get (Concept "x") (Inheritance (Variable "$x") (Concept "a")))')).toMatch(
      /variable declaration/,
    );
    expect(queryError('INVALID_QUERY', space, '(Get (Variable "$x") (Concept "a") (Concept "b"))')).toMatch(/GetLink takes/);
    expect(queryError('INVALID_QUERY', space, '(Get (Inheritance (Concept "a") (Concept "b")))')).toMatch(/no variables/);
    expect(queryError('INVALID_QUERY', space, '(Get)')).toMatch(/GetLink takes/);
    expect(errorOf('INVALID_QUERY', () => executeQuery(space, parseAtom(space, '(List (Variable "$x"))')))).toMatch(
      /ListLink is not a query/,
    );
    expect(errorOf('INVALID_QUERY', () => findGroundings(space, parseAtom(space, '(Concept "x")')))).toMatch(/not a query/);
  });

  it('rejects a declared variable that no clause uses', () => {
    const space = spaceWith(ANIMALS);
    const q = '(Get (VariableList (Variable "$x") (Variable "$z")) (Inheritance (Variable "$x") (Concept "mammal")))';
    expect(queryError('INVALID_QUERY', space, q)).toMatch(/\(VariableNode "\$z"\) does not appear/);
  });
});
