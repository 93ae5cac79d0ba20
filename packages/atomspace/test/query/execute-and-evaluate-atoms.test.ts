import {
  evaluateAtom,
  executeAtom,
  FALSE_TV,
  LinkValue,
  parseAtom,
  stv,
  TRUE_TV,
  type Atom,
  type AtomSpace,
} from '../../src';
import { errorOf, sorted, spaceWith } from './query-helpers';

function exec(space: AtomSpace, text: string, options?: Parameters<typeof executeAtom>[2]): string {
  return String(executeAtom(space, parseAtom(space, text), options));
}

describe('executeAtom', () => {
  it('executes arithmetic, innermost first, and adds the result to the space', () => {
    const space = spaceWith();
    expect(exec(space, '(Plus (Number 1) (Times (Number 2) (Number 3)))')).toBe('(NumberNode "7")');
    expect(space.getNode('NumberNode', '7')).toBeDefined();
    expect(exec(space, '(Minus (Number 10) (Number 4) (Number 1))')).toBe('(NumberNode "5")');
    expect(exec(space, '(Minus (Number 3))')).toBe('(NumberNode "-3")');
    expect(exec(space, '(Divide (Number 1) (Number 4))')).toBe('(NumberNode "0.25")');
    expect(exec(space, '(List (Plus (Number 1) (Number 1)) (Concept "x"))')).toBe('(ListLink (NumberNode "2") (ConceptNode "x"))');
  });

  it('returns an atom with nothing to execute as it is', () => {
    const space = spaceWith();
    const a = parseAtom(space, '(Inheritance (Concept "a") (Concept "b"))');
    expect(executeAtom(space, a)).toBe(a);
  });

  it('reports arithmetic errors', () => {
    const space = spaceWith();
    expect(errorOf('EXECUTION_ERROR', () => exec(space, '(Divide (Number 1) (Number 0))'))).toMatch(/DivideLink divides by zero/);
    expect(errorOf('EXECUTION_ERROR', () => exec(space, '(Plus (Number 1) (Concept "two"))'))).toBe(
      'PlusLink expects numbers, got (ConceptNode "two")',
    );
  });

  it('calls grounded schemas and checks what it calls', () => {
    const space = spaceWith();
    const join = (s: AtomSpace, args: Atom[]) => s.addNode('ConceptNode', args.map((a) => a.name).join('+'));
    const options = { grounded: { schemas: new Map([['join', join]]) } };
    expect(exec(space, '(ExecutionOutput (GroundedSchema "join") (List (Concept "a") (Concept "b")))', options)).toBe(
      '(ConceptNode "a+b")',
    );
    expect(exec(space, '(ExecutionOutput (GroundedSchema "join") (Concept "solo"))', options)).toBe('(ConceptNode "solo")');
    expect(errorOf('EXECUTION_ERROR', () => exec(space, '(ExecutionOutput (GroundedSchema "nope") (List))', options))).toMatch(
      /GroundedSchemaNode "nope" is not registered/,
    );
    expect(errorOf('EXECUTION_ERROR', () => exec(space, '(ExecutionOutput (Concept "join") (List))', options))).toMatch(
      /needs a GroundedSchemaNode/,
    );
  });

  it('beta-reduces a PutLink and executes the result', () => {
    const space = spaceWith();
    expect(exec(space, '(Put (Inheritance (Variable "$x") (Concept "animal")) (Concept "cat"))')).toBe(
      '(InheritanceLink (ConceptNode "cat") (ConceptNode "animal"))',
    );
    expect(
      exec(space, '(Put (Lambda (VariableList (Variable "$a") (Variable "$b")) (Plus (Variable "$a") (Variable "$b"))) (List (Number 2) (Number 5)))'),
    ).toBe('(NumberNode "7")');
    expect(exec(space, '(ExecutionOutput (Lambda (Variable "$x") (Times (Variable "$x") (Variable "$x"))) (Number 4))')).toBe(
      '(NumberNode "16")',
    );
  });

  it('maps a PutLink over a SetLink of arguments, skipping those of the wrong type', () => {
    const space = spaceWith();
    const r = executeAtom(
      space,
      parseAtom(
        space,
        `(Put (Lambda (TypedVariable (Variable "$x") (Type "ConceptNode")) (Member (Variable "$x") (Concept "seen")))
              (Set (Concept "a") (Number 1) (Concept "b")))`,
      ),
    ) as Atom;
    expect(r.type.name).toBe('SetLink');
    expect(r.outgoing.map(String).sort()).toEqual(sorted('(Member (Concept "a") (Concept "seen")) (Member (Concept "b") (Concept "seen"))'));
  });

  it('runs a query given as the arguments of a PutLink', () => {
    const space = spaceWith('(Inheritance (Concept "cat") (Concept "animal")) (Inheritance (Concept "dog") (Concept "animal"))');
    const r = executeAtom(
      space,
      parseAtom(space, '(Put (Evaluation (Predicate "pet") (Variable "$y")) (Get (Inheritance (Variable "$x") (Concept "animal"))))'),
    ) as Atom;
    expect(r.outgoing.map(String).sort()).toEqual(
      sorted('(Evaluation (Predicate "pet") (Concept "cat")) (Evaluation (Predicate "pet") (Concept "dog"))'),
    );
  });

  it('rejects ill-formed PutLinks', () => {
    const space = spaceWith();
    expect(errorOf('INVALID_QUERY', () => exec(space, '(Put (Variable "$x"))'))).toMatch(/PutLink takes a body/);
    expect(
      errorOf('EXECUTION_ERROR', () => exec(space, '(Put (List (Variable "$a") (Variable "$b")) (List (Concept "only one")))')),
    ).toMatch(/needs a ListLink of 2 arguments/);
    expect(
      errorOf('EXECUTION_ERROR', () =>
        exec(space, '(Put (Lambda (TypedVariable (Variable "$x") (Type "NumberNode")) (Variable "$x")) (Concept "a"))'),
      ),
    ).toMatch(/does not have the type declared for \(VariableNode "\$x"\)/);
    expect(errorOf('INVALID_QUERY', () => exec(space, '(Put (Lambda (Variable "$x") (Concept "a") (Concept "b")) (Concept "c"))'))).toMatch(
      /LambdaLink takes \[variables\] and a body/,
    );
    expect(errorOf('INVALID_QUERY', () => exec(space, '(Put (Lambda (Glob "$g") (List (Glob "$g"))) (Concept "c"))'))).toMatch(
      /cannot bind GlobNodes/,
    );
    expect(
      errorOf('EXECUTION_ERROR', () => exec(space, '(Put (Variable "$x") (Satisfaction (Member (Variable "$y") (Concept "s"))))')),
    ).toMatch(/gives a truth value/);
  });

  it('runs queries and evaluates evaluatable atoms', () => {
    const space = spaceWith('(Inheritance (Concept "cat") (Concept "animal"))');
    expect(exec(space, '(Get (Inheritance (Variable "$x") (Concept "animal")))')).toBe('(SetLink (ConceptNode "cat"))');
    const meet = executeAtom(space, parseAtom(space, '(Meet (Inheritance (Variable "$x") (Concept "animal")))'));
    expect(meet).toBeInstanceOf(LinkValue);
    expect((meet as LinkValue).items.map(String)).toEqual(['(ConceptNode "cat")']);
    expect(executeAtom(space, parseAtom(space, '(Satisfaction (Inheritance (Variable "$x") (Concept "animal")))'))).toBe(TRUE_TV);
    expect(executeAtom(space, parseAtom(space, '(Equal (Number 2) (Plus (Number 1) (Number 1)))'))).toBe(TRUE_TV);
  });
});

describe('evaluateAtom', () => {
  it('computes logic and comparisons', () => {
    const space = spaceWith();
    const ev = (text: string) => evaluateAtom(space, parseAtom(space, text));
    expect(ev('(Equal (Plus (Number 1) (Number 2)) (Number 3))')).toBe(TRUE_TV);
    expect(ev('(Identical (Plus (Number 1) (Number 2)) (Number 3))')).toBe(FALSE_TV);
    expect(ev('(GreaterThan (Number 3) (Number 2))')).toBe(TRUE_TV);
    expect(ev('(And (True) (Not (False)))')).toBe(TRUE_TV);
    expect(ev('(Or (False) (GreaterThan (Number 1) (Number 2)))')).toBe(FALSE_TV);
    expect(ev('(Equal (Set (Number 1) (Concept "a")) (Set (Concept "a") (Plus (Number 0) (Number 1))))')).toBe(TRUE_TV);
  });

  it('gives other atoms the truth value they have in the space, FALSE_TV when absent', () => {
    const space = spaceWith('(Inheritance (stv 0.8 0.9) (Concept "cat") (Concept "animal"))');
    expect(evaluateAtom(space, space.getLink('InheritanceLink', [space.getNode('ConceptNode', 'cat')!, space.getNode('ConceptNode', 'animal')!])!)).toEqual(
      stv(0.8, 0.9),
    );
    expect(evaluateAtom(space, parseAtom(space, '(Present (Inheritance (Concept "cat") (Concept "animal")))'))).toBe(TRUE_TV);
    const other = spaceWith();
    // An atom built from a grounding need not be in the space.
    const q = parseAtom(other, '(Satisfaction (And (Number 4) (Not (Inheritance (Plus (Number 2) (Number 2)) (Concept "animal")))))');
    expect(evaluateAtom(other, q)).toBe(TRUE_TV);
  });

  it('evaluates a SatisfactionLink and a GroundedPredicateNode', () => {
    const space = spaceWith('(Inheritance (Concept "cat") (Concept "animal"))');
    expect(evaluateAtom(space, parseAtom(space, '(Satisfaction (Inheritance (Concept "cat") (Variable "$x")))'))).toBe(TRUE_TV);
    const options = { grounded: { predicates: new Map([['always', () => stv(0.9, 0.5)]]) } };
    expect(evaluateAtom(space, parseAtom(space, '(Evaluation (GroundedPredicate "always") (List))'), options)).toEqual(stv(0.9, 0.5));
    expect(
      errorOf('EXECUTION_ERROR', () => evaluateAtom(space, parseAtom(space, '(Evaluation (GroundedPredicate "never") (List))'))),
    ).toMatch(/GroundedPredicateNode "never" is not registered/);
    expect(errorOf('EXECUTION_ERROR', () => evaluateAtom(space, parseAtom(space, '(GreaterThan (Number 1))')))).toMatch(
      /compares exactly two numbers/,
    );
  });
});
