import { findGroundings, parseAtom } from '../../src';
import { queryError, run, sorted, spaceWith } from './query-helpers';

/** Groundings as sorted "$x=a $y=b" strings (variables in name order). */
function groundings(space: ReturnType<typeof spaceWith>, text: string): string[] {
  const g = findGroundings(space, parseAtom(space, text));
  return g.groundings
    .map((row) => row.map((a, i) => `${g.variables[i].name}=${a.name || a}`).sort().join(' '))
    .sort();
}

describe('unordered links', () => {
  it('match in every order of their members', () => {
    const space = spaceWith('(Similarity (Concept "cat") (Concept "dog")) (Similarity (Concept "cat") (Concept "lion"))');
    expect(run(space, '(Get (Similarity (Concept "cat") (Variable "$x")))')).toEqual(sorted('(Concept "dog") (Concept "lion")'));
    expect(run(space, '(Get (Similarity (Variable "$x") (Concept "dog")))')).toEqual(sorted('(Concept "cat")'));
  });

  it('give every distinct grounding of their members', () => {
    const space = spaceWith('(Similarity (Concept "cat") (Concept "dog"))');
    expect(groundings(space, '(Get (Similarity (Variable "$x") (Variable "$y")))')).toEqual(['$x=cat $y=dog', '$x=dog $y=cat']);
  });

  it('give a grounding once when equal members make permutations alike', () => {
    const space = spaceWith('(Set (Concept "a") (Concept "a") (Concept "b"))');
    expect(groundings(space, '(Get (Set (Variable "$x") (Variable "$y") (Concept "b")))')).toEqual(['$x=a $y=a']);
    expect(groundings(space, '(Get (Set (Variable "$x") (Concept "a") (Concept "b")))')).toEqual(['$x=a']);
    expect(groundings(space, '(Get (Set (Variable "$x") (Variable "$y") (Variable "$z")))')).toEqual([
      '$x=a $y=a $z=b',
      '$x=a $y=b $z=a',
      '$x=b $y=a $z=a',
    ]);
  });

  it('need the same number of members', () => {
    const space = spaceWith('(Set (Concept "a") (Concept "b") (Concept "c")) (Set (Concept "a"))');
    expect(run(space, '(Get (Set (Concept "a") (Variable "$x")))')).toEqual([]);
  });

  it('are matched inside ordered links and hold ordered links', () => {
    const space = spaceWith(`
      (Evaluation (Predicate "friends") (Set (Concept "ann") (Concept "bob")))
      (Evaluation (Predicate "friends") (Set (Concept "bob") (Concept "cid")))
      (Set (List (Concept "k") (Concept "1")) (List (Concept "k") (Concept "2")))`);
    expect(run(space, '(Get (Evaluation (Predicate "friends") (Set (Concept "bob") (Variable "$f"))))')).toEqual(
      sorted('(Concept "ann") (Concept "cid")'),
    );
    expect(groundings(space, '(Get (Set (List (Concept "k") (Variable "$a")) (List (Concept "k") (Variable "$b"))))')).toEqual([
      '$a=1 $b=2',
      '$a=2 $b=1',
    ]);
  });

  it('combine their permutations when nested', () => {
    const space = spaceWith('(Set (Similarity (Concept "a") (Concept "b")) (Similarity (Concept "c") (Concept "d")))');
    const q = '(Get (Set (Similarity (Concept "a") (Variable "$x")) (Similarity (Variable "$y") (Variable "$z"))))';
    expect(groundings(space, q)).toEqual(['$x=b $y=c $z=d', '$x=b $y=d $z=c']);
  });

  it('join with other clauses through a shared variable', () => {
    const space = spaceWith(`(Similarity (Concept "cat") (Concept "dog")) (Similarity (Concept "dog") (Concept "wolf"))
      (Inheritance (Concept "wolf") (Concept "wild"))`);
    const q = `(Get (VariableList (Variable "$x") (Variable "$y"))
                 (And (Similarity (Concept "cat") (Variable "$y"))
                      (Similarity (Variable "$y") (Variable "$x"))
                      (Inheritance (Variable "$x") (Concept "wild"))))`;
    expect(run(space, q)).toEqual(sorted('(List (Concept "wolf") (Concept "dog"))'));
  });

  it('take at most one GlobNode', () => {
    const space = spaceWith('(Set (Concept "a"))');
    expect(queryError('INVALID_QUERY', space, '(Get (Set (Glob "$a") (Glob "$b")))')).toMatch(/at most one GlobNode/);
  });
});
