import { AtomSpace, executeAtom, executeQuery, findGroundings, parseAtom, TRUE_TV, type Atom } from '../../src';
import { errorOf, spaceWith } from './query-helpers';

/** 2,000 cats and 2,000 dogs: the two clauses of PRODUCT are disconnected, 4,000,000 groundings. */
function bigSpace(): AtomSpace {
  const space = new AtomSpace();
  const cat = space.addNode('ConceptNode', 'cat');
  const dog = space.addNode('ConceptNode', 'dog');
  for (let i = 0; i < 2000; i++) {
    space.addLink('InheritanceLink', [space.addNode('ConceptNode', `c${i}`), cat]);
    space.addLink('InheritanceLink', [space.addNode('ConceptNode', `d${i}`), dog]);
  }
  return space;
}

const PRODUCT = '(Get (And (Inheritance (Variable "$c") (Concept "cat")) (Inheritance (Variable "$d") (Concept "dog"))))';

describe('query limits', () => {
  it('throws QUERY_TIMEOUT well before a huge search would finish', () => {
    const space = bigSpace();
    const query = parseAtom(space, PRODUCT);
    const t0 = performance.now();
    const message = errorOf('QUERY_TIMEOUT', () => executeQuery(space, query, { timeLimitMs: 50 }));
    const elapsed = performance.now() - t0;
    expect(message).toBe('the query ran longer than its time limit of 50 ms');
    expect(elapsed).toBeLessThan(1000);
  });

  it('checks the time inside a long unordered match, not only between groundings', () => {
    const space = new AtomSpace();
    const members: Atom[] = Array.from({ length: 12 }, (_, i) => space.addNode('ConceptNode', `m${i}`));
    space.addLink('SetLink', members);
    // 12 variables against 12 members: 12! permutations with no constant to prune them.
    const vars = members.map((_, i) => `(Variable "$v${i}")`).join(' ');
    const query = parseAtom(space, `(Get (Set ${vars}))`);
    expect(errorOf('QUERY_TIMEOUT', () => executeQuery(space, query, { timeLimitMs: 30 }))).toMatch(/time limit of 30 ms/);
  });

  it('throws QUERY_ABORTED for a signal aborted before the execution', () => {
    const space = spaceWith('(Inheritance (Concept "a") (Concept "b"))');
    const query = parseAtom(space, '(Get (Inheritance (Variable "$x") (Concept "b")))');
    const controller = new AbortController();
    controller.abort();
    expect(errorOf('QUERY_ABORTED', () => executeQuery(space, query, { signal: controller.signal }))).toBe('the query was aborted');
    expect(errorOf('QUERY_ABORTED', () => findGroundings(space, query, { signal: controller.signal }))).toBe('the query was aborted');
    expect(errorOf('QUERY_ABORTED', () => executeAtom(space, query, { signal: controller.signal }))).toBe('the query was aborted');
  });

  it('throws QUERY_ABORTED promptly when the signal is aborted during the search', () => {
    const space = bigSpace();
    const controller = new AbortController();
    let calls = 0;
    const watch = () => {
      if (++calls === 10) controller.abort();
      return TRUE_TV;
    };
    const query = parseAtom(
      space,
      `(Get (And (Inheritance (Variable "$c") (Concept "cat")) (Inheritance (Variable "$d") (Concept "dog"))
                 (Evaluation (GroundedPredicate "watch") (List (Variable "$c") (Variable "$d")))))`,
    );
    const options = { signal: controller.signal, grounded: { predicates: new Map([['watch', watch]]) } };
    expect(errorOf('QUERY_ABORTED', () => executeQuery(space, query, options))).toBe('the query was aborted');
    expect(calls).toBe(10);
  });

  it('looks at the signal every few hundred steps of a search that calls no grounded code', () => {
    const space = bigSpace();
    let reads = 0;
    // Reads as aborted from its fourth look on: the search itself must keep looking.
    const signal = {
      get aborted() {
        return ++reads > 3;
      },
    } as AbortSignal;
    expect(errorOf('QUERY_ABORTED', () => executeQuery(space, parseAtom(space, PRODUCT), { signal }))).toBe(
      'the query was aborted',
    );
    expect(reads).toBe(4);
  });

  it('stops after maxResults groundings and says the result is incomplete', () => {
    const space = bigSpace();
    const query = parseAtom(space, PRODUCT);
    const r = executeQuery(space, query, { maxResults: 10 });
    expect(r.kind === 'set' && r.atom.arity).toBe(10);
    expect(r.complete).toBe(false);
    const g = findGroundings(space, query, { maxResults: 3 });
    expect(g.groundings).toHaveLength(3);
    expect(g.complete).toBe(false);
    expect(findGroundings(space, query, { maxResults: 0 })).toEqual({ variables: g.variables, groundings: [], complete: false });
  });

  it('says the result is complete when maxResults was not reached', () => {
    const space = spaceWith('(Inheritance (Concept "a") (Concept "b")) (Inheritance (Concept "c") (Concept "b"))');
    const query = parseAtom(space, '(Get (Inheritance (Variable "$x") (Concept "b")))');
    expect(executeQuery(space, query, { maxResults: 2 })).toMatchObject({ complete: true });
    expect(executeQuery(space, query, { maxResults: 1 })).toMatchObject({ complete: false });
  });

  it('rejects invalid limits', () => {
    const space = spaceWith('(Inheritance (Concept "a") (Concept "b"))');
    const query = parseAtom(space, '(Get (Inheritance (Variable "$x") (Concept "b")))');
    expect(errorOf('INVALID_QUERY', () => executeQuery(space, query, { maxResults: -1 }))).toMatch(/maxResults must be/);
    expect(errorOf('INVALID_QUERY', () => executeQuery(space, query, { maxResults: 1.5 }))).toMatch(/maxResults must be/);
    expect(errorOf('INVALID_QUERY', () => executeQuery(space, query, { timeLimitMs: -5 }))).toMatch(/timeLimitMs must be/);
  });
});
