import { AtomSpace, executeQuery, parseAtom, type Atom } from '../../src';
import { members, queryError, run, sorted, spaceWith } from './query-helpers';

const FLYERS = `
  (Evaluation (Predicate "can-fly") (List (Concept "sparrow")))
  (Evaluation (Predicate "can-fly") (List (Concept "penguin")))
  (Evaluation (Predicate "lives-in") (List (Concept "whale") (Concept "ocean")))
`;

describe('BindLink', () => {
  it('instantiates the rewrite for every grounding and adds the results to the space', () => {
    const space = spaceWith(FLYERS);
    const q = `(Bind (Variable "$x")
                 (Evaluation (Predicate "can-fly") (List (Variable "$x")))
                 (Inheritance (Variable "$x") (Concept "flyer")))`;
    const r = executeQuery(space, parseAtom(space, q));
    expect(members(r)).toEqual(
      sorted('(Inheritance (Concept "penguin") (Concept "flyer")) (Inheritance (Concept "sparrow") (Concept "flyer"))'),
    );
    expect(r.kind === 'set' && space.isVisible(r.atom)).toBe(true);
    expect(space.getLink('InheritanceLink', [space.getNode('ConceptNode', 'sparrow')!, space.getNode('ConceptNode', 'flyer')!])).toBeDefined();
  });

  it('finds its variables in the body when it has no declaration', () => {
    const space = spaceWith(FLYERS);
    const q = `(Bind (Evaluation (Predicate "lives-in") (List (Variable "$a") (Variable "$place")))
                     (Inheritance (Variable "$a") (Variable "$place")))`;
    expect(run(space, q)).toEqual(sorted('(Inheritance (Concept "whale") (Concept "ocean"))'));
  });

  it('lists a result once however many groundings produce it', () => {
    const space = spaceWith(`(Member (Concept "a") (Concept "s1")) (Member (Concept "a") (Concept "s2"))
      (Member (Concept "b") (Concept "s1"))`);
    const q = `(Bind (VariableList (Variable "$x") (Variable "$s"))
                 (Member (Variable "$x") (Variable "$s"))
                 (Inheritance (Variable "$x") (Concept "member")))`;
    const r = executeQuery(space, parseAtom(space, q));
    expect(r.kind === 'set' && r.atom.arity).toBe(2);
    expect(members(r)).toEqual(
      sorted('(Inheritance (Concept "a") (Concept "member")) (Inheritance (Concept "b") (Concept "member"))'),
    );
  });

  it('gives an empty SetLink when nothing matches', () => {
    const space = spaceWith(FLYERS);
    const q = '(Bind (Evaluation (Predicate "can-swim") (List (Variable "$x"))) (Concept "$x swims"))';
    expect(run(space, q)).toEqual([]);
  });

  it('executes arithmetic in the rewrite', () => {
    const space = spaceWith('(Evaluation (Predicate "age") (List (Concept "ann") (Number 41)))');
    const q = `(Bind (Evaluation (Predicate "age") (List (Variable "$p") (Variable "$n")))
                 (Evaluation (Predicate "age next year") (List (Variable "$p") (Plus (Variable "$n") (Number 1)))))`;
    expect(run(space, q)).toEqual(sorted('(Evaluation (Predicate "age next year") (List (Concept "ann") (Number 42)))'));
  });

  it('calls a registered GroundedSchemaNode through ExecutionOutputLink', () => {
    const space = spaceWith('(Inheritance (Concept "cat") (Concept "animal")) (Inheritance (Concept "dog") (Concept "animal"))');
    const calls: string[] = [];
    const shout = (s: AtomSpace, args: Atom[]) => {
      calls.push(args.map((a) => a.name).join(','));
      return s.addNode('ConceptNode', args[0].name.toUpperCase());
    };
    const q = `(Bind (Inheritance (Variable "$x") (Concept "animal"))
                 (ExecutionOutput (GroundedSchema "shout") (List (Variable "$x") (Concept "!"))))`;
    const r = run(space, q, { grounded: { schemas: new Map([['shout', shout]]) } });
    expect(r).toEqual(sorted('(Concept "CAT") (Concept "DOG")'));
    expect(calls.sort()).toEqual(['cat,!', 'dog,!']);
  });

  it('names an unregistered GroundedSchemaNode in an EXECUTION_ERROR', () => {
    const space = spaceWith('(Inheritance (Concept "cat") (Concept "animal"))');
    const q = `(Bind (Inheritance (Variable "$x") (Concept "animal"))
                 (ExecutionOutput (GroundedSchema "py:missing") (List (Variable "$x"))))`;
    expect(queryError('EXECUTION_ERROR', space, q)).toMatch(/GroundedSchemaNode "py:missing" is not registered/);
    const other = spaceWith('(Inheritance (Concept "cat") (Concept "animal"))');
    expect(queryError('EXECUTION_ERROR', other, q, { grounded: { schemas: new Map() } })).toMatch(/py:missing/);
  });

  it('turns a failing or misbehaving schema into an EXECUTION_ERROR', () => {
    const q = `(Bind (Inheritance (Variable "$x") (Concept "animal"))
                 (ExecutionOutput (GroundedSchema "bad") (Variable "$x")))`;
    const throws = () => {
      throw new Error('boom');
    };
    expect(
      queryError('EXECUTION_ERROR', spaceWith('(Inheritance (Concept "cat") (Concept "animal"))'), q, {
        grounded: { schemas: new Map([['bad', throws]]) },
      }),
    ).toBe('GroundedSchemaNode "bad" failed: boom');
    const notAnAtom = (() => 42) as unknown as () => Atom;
    expect(
      queryError('EXECUTION_ERROR', spaceWith('(Inheritance (Concept "cat") (Concept "animal"))'), q, {
        grounded: { schemas: new Map([['bad', notAnAtom]]) },
      }),
    ).toMatch(/returned 42, not an atom/);
  });

  it('rejects a BindLink without a rewrite or with a misplaced declaration', () => {
    const space = spaceWith(FLYERS);
    expect(queryError('INVALID_QUERY', space, '(Bind (Variable "$x") (Inheritance (Variable "$x") (Concept "a")))')).toMatch(
      /BindLink takes \[variable declaration\] body rewrite/,
    );
    expect(queryError('INVALID_QUERY', space, '(Bind (Inheritance (Variable "$x") (Concept "a")))')).toMatch(/BindLink takes/);
    expect(
      queryError('INVALID_QUERY', space, '(Bind (Concept "a") (Inheritance (Variable "$x") (Concept "a")) (Variable "$x"))'),
    ).toMatch(/expects a variable declaration before its body/);
  });
});

describe('QueryLink', () => {
  it('returns the rewritten results as a LinkValue and adds them to the space', () => {
    const space = spaceWith(FLYERS);
    const q = `(Query (Variable "$x")
                 (Evaluation (Predicate "can-fly") (List (Variable "$x")))
                 (Inheritance (Variable "$x") (Concept "flyer")))`;
    const r = executeQuery(space, parseAtom(space, q));
    expect(r.kind).toBe('value');
    expect(members(r)).toEqual(
      sorted('(Inheritance (Concept "penguin") (Concept "flyer")) (Inheritance (Concept "sparrow") (Concept "flyer"))'),
    );
    if (r.kind === 'value') for (const item of r.value.items) expect(space.isVisible(item as Atom)).toBe(true);
    expect(space.countByType('SetLink')).toBe(0);
  });

  it('returns an empty LinkValue when nothing matches', () => {
    const space = spaceWith(FLYERS);
    const r = executeQuery(space, parseAtom(space, '(Query (Member (Variable "$x") (Concept "none")) (Variable "$x"))'));
    expect(r.kind === 'value' && r.value.items.length).toBe(0);
  });
});
