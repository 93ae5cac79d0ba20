import { FALSE_TV, stv, TRUE_TV, type Atom, type AtomSpace, type TruthValue } from '../../src';
import { queryError, run, sorted, spaceWith } from './query-helpers';

const AGES = `
  (Evaluation (Predicate "age") (List (Concept "ann") (Number 41)))
  (Evaluation (Predicate "age") (List (Concept "bob") (Number 17)))
  (Evaluation (Predicate "age") (List (Concept "cid") (Number 3)))
  (Evaluation (Predicate "likes") (List (Concept "ann") (Concept "bob")))
  (Evaluation (Predicate "likes") (List (Concept "bob") (Concept "bob")))
`;

const person = (clause: string) => `(Get (VariableList (Variable "$p") (Variable "$n"))
  (And (Evaluation (Predicate "age") (List (Variable "$p") (Variable "$n"))) ${clause}))`;

const people = (...names: string[]) => names.map((n) => `(List (Concept "${n}") (Number ${{ ann: 41, bob: 17, cid: 3 }[n]}))`).join(' ');

describe('evaluatable clauses', () => {
  it('GreaterThanLink filters groundings by comparing numbers', () => {
    const space = spaceWith(AGES);
    expect(run(space, person('(GreaterThan (Variable "$n") (Number 10))'))).toEqual(sorted(people('ann', 'bob')));
    expect(run(space, person('(GreaterThan (Number 10) (Variable "$n"))'))).toEqual(sorted(people('cid')));
    expect(run(space, person('(GreaterThan (Variable "$n") (Number 100))'))).toEqual([]);
  });

  it('GreaterThanLink executes arithmetic first', () => {
    const space = spaceWith(AGES);
    expect(run(space, person('(GreaterThan (Times (Variable "$n") (Number 2)) (Plus (Number 30) (Number 5)))'))).toEqual(
      sorted(people('ann')),
    );
  });

  it('EqualLink compares after executing its arguments', () => {
    const space = spaceWith(AGES);
    expect(run(space, person('(Equal (Plus (Variable "$n") (Number 1)) (Number 18))'))).toEqual(sorted(people('bob')));
    expect(run(space, person('(Equal (Minus (Variable "$n") (Number 1)) (Divide (Number 4) (Number 2)))'))).toEqual(
      sorted(people('cid')),
    );
  });

  it('IdenticalLink compares without executing', () => {
    const space = spaceWith(AGES);
    expect(run(space, person('(Identical (Variable "$n") (Number 17))'))).toEqual(sorted(people('bob')));
    expect(run(space, person('(Identical (Variable "$n") (Plus (Number 16) (Number 1)))'))).toEqual([]);
  });

  it('EqualLink between two variables joins them', () => {
    const space = spaceWith(AGES);
    const q = `(Get (VariableList (Variable "$a") (Variable "$b"))
                 (And (Evaluation (Predicate "likes") (List (Variable "$a") (Variable "$b")))
                      (Equal (Variable "$a") (Variable "$b"))))`;
    expect(run(space, q)).toEqual(sorted('(List (Concept "bob") (Concept "bob"))'));
  });

  it('NotLink, OrLink and AndLink combine evaluations', () => {
    const space = spaceWith(AGES);
    expect(run(space, person('(Not (GreaterThan (Variable "$n") (Number 10)))'))).toEqual(sorted(people('cid')));
    expect(
      run(space, person('(Or (GreaterThan (Variable "$n") (Number 40)) (GreaterThan (Number 5) (Variable "$n")))')),
    ).toEqual(sorted(people('ann', 'cid')));
    expect(
      run(space, person('(And (GreaterThan (Variable "$n") (Number 10)) (GreaterThan (Number 20) (Variable "$n")))')),
    ).toEqual(sorted(people('bob')));
  });

  it('an ordinary atom inside NotLink or OrLink is true when its grounding is in the space', () => {
    const space = spaceWith(AGES);
    expect(run(space, person('(Not (Evaluation (Predicate "likes") (List (Variable "$p") (Concept "bob"))))'))).toEqual(
      sorted(people('cid')),
    );
    const false_ = spaceWith(`${AGES} (Evaluation (stv 0 1) (Predicate "likes") (List (Concept "cid") (Concept "bob")))`);
    expect(run(false_, person('(Not (Evaluation (Predicate "likes") (List (Variable "$p") (Concept "bob"))))'))).toEqual(
      sorted(people('cid')),
    );
  });

  it('TrueLink keeps and FalseLink drops every grounding', () => {
    const space = spaceWith(AGES);
    expect(run(space, person('(True)'))).toEqual(sorted(people('ann', 'bob', 'cid')));
    expect(run(space, person('(False)'))).toEqual([]);
  });

  it('EvaluationLink calls a registered GroundedPredicateNode', () => {
    const space = spaceWith(AGES);
    const seen: string[] = [];
    const isTeen = (_s: AtomSpace, [n]: Atom[]): TruthValue => {
      seen.push(n.name);
      const x = Number(n.name);
      return x >= 13 && x <= 19 ? TRUE_TV : FALSE_TV;
    };
    const options = { grounded: { predicates: new Map([['teen', isTeen]]) } };
    expect(run(space, person('(Evaluation (GroundedPredicate "teen") (List (Variable "$n")))'), options)).toEqual(
      sorted(people('bob')),
    );
    expect(seen.sort()).toEqual(['17', '3', '41']);
    const weak = () => stv(0.3, 0.9);
    expect(
      run(spaceWith(AGES), person('(Evaluation (GroundedPredicate "weak") (Variable "$n"))'), {
        grounded: { predicates: new Map([['weak', weak]]) },
      }),
    ).toEqual([]);
  });

  it('names an unregistered or misbehaving GroundedPredicateNode in an EXECUTION_ERROR', () => {
    const q = person('(Evaluation (GroundedPredicate "scm: nope") (List (Variable "$n")))');
    expect(queryError('EXECUTION_ERROR', spaceWith(AGES), q)).toMatch(/GroundedPredicateNode "scm: nope" is not registered/);
    const bad = (() => 'yes') as unknown as () => TruthValue;
    expect(
      queryError('EXECUTION_ERROR', spaceWith(AGES), q, { grounded: { predicates: new Map([['scm: nope', bad]]) } }),
    ).toMatch(/returned yes, not a truth value/);
  });

  it('are an EXECUTION_ERROR when they compare something that is not a number', () => {
    const space = spaceWith(AGES);
    expect(queryError('EXECUTION_ERROR', space, person('(GreaterThan (Variable "$p") (Number 1))'))).toMatch(
      /GreaterThanLink expects numbers, got \(ConceptNode "(ann|bob|cid)"\)/,
    );
    expect(queryError('EXECUTION_ERROR', spaceWith(AGES), person('(Not (True) (False))'))).toMatch(/NotLink takes exactly one atom/);
  });

  it('cannot evaluate a variable left ungrounded or a glob', () => {
    const space = spaceWith('(Member (Concept "m") (Concept "a"))');
    const q = `(Get (VariableList (Variable "$x") (Variable "$y"))
                 (And (Member (Variable "$x") (Choice (Concept "a") (List (Variable "$y")))) (Not (Variable "$y"))))`;
    expect(queryError('EXECUTION_ERROR', space, q)).toBe('cannot evaluate the ungrounded variable (VariableNode "$y")');
    const globs = spaceWith('(List (Concept "a"))');
    expect(queryError('EXECUTION_ERROR', globs, '(Get (And (List (Glob "$g")) (Not (Glob "$g"))))')).toBe(
      'a GlobNode has no truth value: (GlobNode "$g")',
    );
  });

  it('a typed variable that only a virtual clause mentions ranges over the atoms of its type', () => {
    const space = spaceWith('(Number 1) (Number 5) (Number 12) (Concept "x")');
    const q = `(Get (TypedVariable (Variable "$n") (Type "NumberNode"))
                 (GreaterThan (Variable "$n") (Number 4)))`;
    expect(run(space, q)).toEqual(sorted('(Number 5) (Number 12)'));
    const eq = '(Get (TypedVariable (Variable "$n") (Type "NumberNode")) (Equal (Variable "$n") (Plus (Number 2) (Number 3))))';
    expect(run(space, eq)).toEqual(sorted('(Number 5)'));
  });

  it('an untyped variable that only evaluatable clauses mention is an INVALID_QUERY', () => {
    const space = spaceWith('(Number 1) (Number 5)');
    expect(queryError('INVALID_QUERY', space, '(Get (GreaterThan (Variable "$n") (Number 4)))')).toMatch(
      /\(VariableNode "\$n"\) appears only in the virtual clause .*declare its type/,
    );
    expect(queryError('INVALID_QUERY', space, '(Get (Evaluation (GroundedPredicate "p") (List (Variable "$x") (Variable "$y"))))')).toMatch(
      /\(VariableNode "\$x"\) appears only in evaluatable clauses, so nothing can ground it/,
    );
    const notOnly = `(Get (TypedVariable (Variable "$n") (Type "NumberNode"))
                      (Not (GreaterThan (Variable "$n") (Number 4))))`;
    expect(queryError('INVALID_QUERY', space, notOnly)).toMatch(/appears only in evaluatable clauses/);
  });

  it('a link argument of a virtual clause becomes a clause of its own', () => {
    const space = spaceWith(`(List (Concept "k") (Number 3)) (List (Concept "k") (Number 9))`);
    const q = '(Get (GreaterThan (List (Concept "k") (Variable "$n")) (Number 4)))';
    expect(queryError('EXECUTION_ERROR', space, q)).toMatch(/expects numbers, got \(ListLink/);
    const eq = '(Get (Equal (List (Concept "k") (Variable "$n")) (List (Concept "k") (Plus (Number 4) (Number 5)))))';
    expect(run(space, eq)).toEqual(sorted('(Number 9)'));
  });
});
