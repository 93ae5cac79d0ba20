import { executeQuery, FALSE_TV, parseAtom, TRUE_TV } from '../../src';
import { members, run, sorted, spaceWith } from './query-helpers';

const KB = `
  (Inheritance (Concept "cat") (Concept "mammal"))
  (Inheritance (Concept "dog") (Concept "mammal"))
  (Inheritance (Concept "mammal") (Concept "animal"))
`;

describe('MeetLink', () => {
  it('returns the groundings as a LinkValue without adding a SetLink', () => {
    const space = spaceWith(KB);
    const r = executeQuery(space, parseAtom(space, '(Meet (Inheritance (Variable "$x") (Concept "mammal")))'));
    expect(r.kind).toBe('value');
    expect(members(r)).toEqual(sorted('(Concept "cat") (Concept "dog")'));
    expect(space.countByType('SetLink')).toBe(0);
  });

  it('gives ListLinks for several variables', () => {
    const space = spaceWith(KB);
    const q = `(Meet (VariableList (Variable "$x") (Variable "$y"))
                 (And (Inheritance (Variable "$x") (Variable "$y")) (Inheritance (Variable "$y") (Concept "animal"))))`;
    expect(run(space, q)).toEqual(
      sorted('(List (Concept "cat") (Concept "mammal")) (List (Concept "dog") (Concept "mammal"))'),
    );
  });

  it('gives an empty LinkValue when nothing matches', () => {
    const space = spaceWith(KB);
    expect(run(space, '(Meet (Inheritance (Variable "$x") (Concept "plant")))')).toEqual([]);
  });
});

describe('SatisfactionLink', () => {
  it('is TRUE_TV when the pattern has a grounding', () => {
    const space = spaceWith(KB);
    const r = executeQuery(space, parseAtom(space, '(Satisfaction (Inheritance (Variable "$x") (Concept "animal")))'));
    expect(r).toEqual({ kind: 'tv', tv: TRUE_TV, complete: true });
  });

  it('is FALSE_TV when it has none', () => {
    const space = spaceWith(KB);
    const r = executeQuery(space, parseAtom(space, '(Satisfaction (Inheritance (Concept "animal") (Variable "$x")))'));
    expect(r).toEqual({ kind: 'tv', tv: FALSE_TV, complete: true });
  });

  it('takes a declaration and evaluates variable-free clauses', () => {
    const space = spaceWith(KB);
    const yes = '(Satisfaction (VariableList) (Equal (Plus (Number 1) (Number 2)) (Number 3)))';
    const no = '(Satisfaction (VariableList) (Equal (Plus (Number 1) (Number 2)) (Number 4)))';
    expect(executeQuery(space, parseAtom(space, yes))).toEqual({ kind: 'tv', tv: TRUE_TV, complete: true });
    expect(executeQuery(space, parseAtom(space, no))).toEqual({ kind: 'tv', tv: FALSE_TV, complete: true });
  });

  it('is satisfied by a variable that only an AbsentLink mentions when nothing matches it', () => {
    const space = spaceWith(KB);
    const absent = (x: string) => `(Satisfaction (Absent (Inheritance (Concept "${x}") (Variable "$x"))))`;
    expect(executeQuery(space, parseAtom(space, absent('animal')))).toEqual({ kind: 'tv', tv: TRUE_TV, complete: true });
    expect(executeQuery(space, parseAtom(space, absent('cat')))).toEqual({ kind: 'tv', tv: FALSE_TV, complete: true });
  });
});
