import { findGroundings, parseAtom } from '../../src';
import { queryError, run, sorted, spaceWith } from './query-helpers';

// The sentences of OpenCog's tests/query/glob-basic.scm.
const SENTENCES = `
  (List (Concept "I") (Concept "love") (Concept "you"))
  (List (Concept "I") (Concept "really") (Concept "totally") (Concept "need") (Concept "you"))
  (List (Concept "I") (Concept "love") (Concept "teddy") (Concept "bears") (Concept "a") (Concept "lot"))
  (List (Concept "I") (Concept "need") (Concept "you") (Concept "now"))
  (List (Concept "they") (Concept "think") (Concept "I") (Concept "hate") (Concept "you"))
  (List (Concept "I") (Concept "love") (Number 42))
  (List (Concept "hi") (Concept "Sophia"))
`;

const loveRewrite = (decl: string) => `(Bind ${decl}
  (List (Concept "I") (Concept "love") (Glob "$star"))
  (List (Concept "Hey!") (Concept "I") (Concept "like") (Glob "$star") (Concept "also")))`;

describe('GlobNode', () => {
  it('matches one or more atoms and is spliced into the rewrite', () => {
    const space = spaceWith(SENTENCES);
    const q = `(Bind (List (Concept "I") (Glob "$star") (Concept "you"))
                     (List (Concept "I") (Glob "$star") (Concept "you") (Concept "too")))`;
    expect(run(space, q)).toEqual(
      sorted(`(List (Concept "I") (Concept "love") (Concept "you") (Concept "too"))
              (List (Concept "I") (Concept "really") (Concept "totally") (Concept "need") (Concept "you") (Concept "too"))`),
    );
    expect(run(spaceWith(SENTENCES), loveRewrite(''))).toEqual(
      sorted(`(List (Concept "Hey!") (Concept "I") (Concept "like") (Concept "you") (Concept "also"))
              (List (Concept "Hey!") (Concept "I") (Concept "like") (Concept "teddy") (Concept "bears") (Concept "a") (Concept "lot") (Concept "also"))
              (List (Concept "Hey!") (Concept "I") (Concept "like") (Number 42) (Concept "also"))`),
    );
  });

  it('is grounded by a ListLink of the matched atoms in Get results', () => {
    const space = spaceWith(SENTENCES);
    expect(run(space, '(Get (List (Concept "I") (Glob "$star") (Concept "you")))')).toEqual(
      sorted('(List (Concept "love")) (List (Concept "really") (Concept "totally") (Concept "need"))'),
    );
  });

  it('can be typed', () => {
    const space = spaceWith(SENTENCES);
    expect(run(space, loveRewrite('(TypedVariable (Glob "$star") (Type "NumberNode"))'))).toEqual(
      sorted('(List (Concept "Hey!") (Concept "I") (Concept "like") (Number 42) (Concept "also"))'),
    );
  });

  it('takes its bounds from an IntervalLink, -1 meaning unbounded', () => {
    const space = spaceWith(SENTENCES);
    const upToOne = loveRewrite('(TypedVariable (Glob "$star") (Interval (Number 0) (Number 1)))');
    expect(run(space, upToOne)).toEqual(
      sorted(`(List (Concept "Hey!") (Concept "I") (Concept "like") (Concept "you") (Concept "also"))
              (List (Concept "Hey!") (Concept "I") (Concept "like") (Number 42) (Concept "also"))`),
    );
    const zeroOrMore = '(Get (TypedVariable (Glob "$g") (Interval (Number 0) (Number -1))) (List (Concept "hi") (Concept "Sophia") (Glob "$g")))';
    expect(run(space, zeroOrMore)).toEqual(sorted('(List)'));
    expect(run(space, '(Get (List (Concept "hi") (Concept "Sophia") (Glob "$g")))')).toEqual([]);
  });

  it('combines a type and bounds in a TypeSetLink', () => {
    const space = spaceWith(SENTENCES);
    const decl = '(TypedVariable (Glob "$star") (TypeSet (Interval (Number 0) (Number -1)) (Type "ConceptNode")))';
    expect(run(space, loveRewrite(decl))).toEqual(
      sorted(`(List (Concept "Hey!") (Concept "I") (Concept "like") (Concept "you") (Concept "also"))
              (List (Concept "Hey!") (Concept "I") (Concept "like") (Concept "teddy") (Concept "bears") (Concept "a") (Concept "lot") (Concept "also"))`),
    );
  });

  it('gives every split when several globs share a link', () => {
    const space = spaceWith(SENTENCES);
    const q = `(Get (VariableList (TypedVariable (Glob "$x") (Interval (Number 0) (Number -1)))
                                  (TypedVariable (Glob "$y") (TypeSet (Type "ConceptNode") (Interval (Number 1) (Number 1))))
                                  (TypedVariable (Glob "$z") (Interval (Number 0) (Number -1))))
                 (List (Glob "$x") (Concept "I") (Glob "$y") (Concept "you") (Glob "$z")))`;
    expect(run(space, q)).toEqual(
      sorted(`(List (List) (List (Concept "love")) (List))
              (List (List) (List (Concept "need")) (List (Concept "now")))
              (List (List (Concept "they") (Concept "think")) (List (Concept "hate")) (List))`),
    );
    const fresh = spaceWith(SENTENCES);
    const g = findGroundings(fresh, parseAtom(fresh, '(Get (List (Glob "$a") (Glob "$b")))'));
    // A list of n atoms splits in n - 1 ways: 2 + 4 + 5 + 3 + 4 + 2 + 1.
    expect(g.groundings).toHaveLength(21);
    const hi = g.groundings.filter((row) => row[0].outgoing[0]?.name === 'hi');
    expect(hi.map((row) => row.map(String))).toEqual([['(ListLink (ConceptNode "hi"))', '(ListLink (ConceptNode "Sophia"))']]);
  });

  it('must ground the same atoms wherever it appears', () => {
    const space = spaceWith(`(List (List (Concept "a") (Concept "b")) (List (Concept "a") (Concept "b")))
                             (List (List (Concept "a") (Concept "b")) (List (Concept "a") (Concept "c")))`);
    const q = '(Get (List (List (Glob "$g")) (List (Glob "$g"))))';
    expect(run(space, q)).toEqual(sorted('(List (Concept "a") (Concept "b"))'));
  });

  it('takes the leftover members of an unordered link', () => {
    const space = spaceWith('(Set (Concept "a") (Concept "b") (Concept "c")) (Set (Concept "b") (Concept "d"))');
    const g = findGroundings(space, parseAtom(space, '(Get (Set (Concept "b") (Glob "$rest")))'));
    // The leftovers come in the canonical order of the unordered link.
    expect(g.groundings.map(([rest]) => rest.outgoing.map((a) => a.name).sort().join(' ')).sort()).toEqual(['a c', 'd']);
  });

  it('rejects malformed bounds and misplaced globs', () => {
    const space = spaceWith(SENTENCES);
    const bounds = (lo: string, hi: string) =>
      `(Get (TypedVariable (Glob "$g") (Interval (Number ${lo}) (Number ${hi}))) (List (Concept "I") (Glob "$g")))`;
    expect(queryError('INVALID_QUERY', space, bounds('2', '1'))).toMatch(/IntervalLink of \(GlobNode "\$g"\) needs two whole NumberNodes/);
    expect(queryError('INVALID_QUERY', space, bounds('-1', '3'))).toMatch(/IntervalLink/);
    expect(queryError('INVALID_QUERY', space, bounds('0.5', '3'))).toMatch(/IntervalLink/);
    expect(
      queryError(
        'INVALID_QUERY',
        space,
        '(Get (TypedVariable (Glob "$g") (TypeSet (Interval (Number 0) (Number 1)) (Interval (Number 0) (Number 2)))) (List (Glob "$g")))',
      ),
    ).toMatch(/more than one IntervalLink/);
    expect(queryError('INVALID_QUERY', space, '(Get (And (Glob "$g") (List (Glob "$g"))))')).toMatch(/cannot be a whole clause/);
    expect(queryError('INVALID_QUERY', space, '(Get (List (Choice (Glob "$g") (Concept "x"))))')).toMatch(/ChoiceLink alternative/);
  });
});
