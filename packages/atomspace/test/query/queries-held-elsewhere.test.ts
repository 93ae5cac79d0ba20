import * as compiler from '../../src/query/pattern-compiler';
import {
  AtomSpace,
  TypeRegistry,
  evaluateAtom,
  executeAtom,
  executeQuery,
  findGroundings,
  parseAtom,
  stv,
  type Atom,
} from '../../src';
import { errorOf, members, sorted, spaceWith } from './query-helpers';

const ANIMALS = `
  (Inheritance (Concept "cat") (Concept "animal"))
  (Inheritance (Concept "dog") (Concept "animal"))
  (Inheritance (Concept "oak") (Concept "plant"))
  (Member (Concept "cat") (Concept "pets"))
`;

/** A query read into a space of its own (a rule space), away from the knowledge base. */
function held(text: string): Atom {
  return parseAtom(new AtomSpace({ name: 'rules' }), text);
}

describe('a query held in another space, run with addQuery: false', () => {
  it('runs against the space without being added to it', () => {
    const kb = spaceWith(ANIMALS);
    const before = kb.size;
    const query = held('(Get (Inheritance (Variable "$x") (Concept "animal")))');
    const r = executeQuery(kb, query, { addQuery: false });
    expect(members(r)).toEqual(sorted('(Concept "cat") (Concept "dog")'));
    expect(kb.get(query)).toBeUndefined();
    expect(kb.getNode('VariableNode', '$x')).toBeUndefined();
    // Only the result set was added.
    expect(kb.size).toBe(before + 1);
    expect(r.kind === 'set' && r.atom.outgoing.every((a) => kb.isVisible(a))).toBe(true);
  });

  it('is added by default, as OpenCog does', () => {
    const kb = spaceWith(ANIMALS);
    const query = held('(Get (Inheritance (Variable "$x") (Concept "animal")))');
    expect(members(executeQuery(kb, query))).toEqual(sorted('(Concept "cat") (Concept "dog")'));
    expect(kb.get(query)).toBeDefined();
  });

  it('finds groundings that are atoms of the searched space, its variables those of the query', () => {
    const kb = spaceWith(ANIMALS);
    const query = held(`(Get (VariableList (Variable "$x") (Variable "$k"))
                          (And (Inheritance (Variable "$x") (Variable "$k")) (Member (Variable "$x") (Concept "pets"))))`);
    const g = findGroundings(kb, query, { addQuery: false });
    expect(g.variables.map(String)).toEqual(['(VariableNode "$x")', '(VariableNode "$k")']);
    expect(g.variables.every((v) => !kb.isVisible(v))).toBe(true);
    expect(g.groundings.map((row) => row.map(String))).toEqual([['(ConceptNode "cat")', '(ConceptNode "animal")']]);
    expect(g.groundings.flat().every((a) => kb.isVisible(a))).toBe(true);
  });

  it('matches nothing through a constant the space does not hold, and adds no such constant', () => {
    const kb = spaceWith(ANIMALS);
    const query = held('(Get (Inheritance (Variable "$x") (Concept "unicorn")))');
    expect(members(executeQuery(kb, query, { addQuery: false }))).toEqual([]);
    expect(kb.getNode('ConceptNode', 'unicorn')).toBeUndefined();
    // A clause with a missing constant fails the whole conjunction; a missing link constant too.
    const joined = held(`(Get (And (Inheritance (Variable "$x") (Concept "animal"))
                                   (Member (Variable "$x") (Set (Concept "pets") (Concept "unicorn")))))`);
    expect(members(executeQuery(kb, joined, { addQuery: false }))).toEqual([]);
    // Inside a ChoiceLink, only the alternative holding it fails.
    const choice = held('(Get (Inheritance (Variable "$x") (Choice (Concept "unicorn") (Concept "plant"))))');
    expect(members(executeQuery(kb, choice, { addQuery: false }))).toEqual(sorted('(Concept "oak")'));
  });

  it('looks its constants up again at each execution, the compiled pattern being cached', () => {
    const kb = spaceWith(ANIMALS);
    const query = held('(Get (Inheritance (Variable "$x") (Concept "mammal")))');
    const compile = jest.spyOn(compiler, 'compilePattern');
    try {
      expect(members(executeQuery(kb, query, { addQuery: false }))).toEqual([]);
      parseAtom(kb, '(Inheritance (Concept "cat") (Concept "mammal"))');
      expect(members(executeQuery(kb, query, { addQuery: false }))).toEqual(sorted('(Concept "cat")'));
      const other = spaceWith('(Inheritance (Concept "whale") (Concept "mammal"))');
      expect(members(executeQuery(other, query, { addQuery: false }))).toEqual(sorted('(Concept "whale")'));
      expect(compile).toHaveBeenCalledTimes(1);
    } finally {
      compile.mockRestore();
    }
  });

  it('never matches its own body, even when the space holds a copy of the query', () => {
    const query = held('(Get (List (Glob "$g")))');
    const kb = spaceWith('(List (Concept "a")) (Get (List (Glob "$g")))');
    expect(members(executeQuery(kb, query, { addQuery: false }))).toEqual(sorted('(List (Concept "a"))'));
    expect(members(executeQuery(kb, query))).toEqual(sorted('(List (Concept "a"))'));
    // Nor is one of its variables a grounding, in whichever space the variable is.
    const own = held('(Get (Variable "$y") (Inheritance (Variable "$y") (Concept "c42")))');
    const vars = spaceWith('(Inheritance (Variable "$y") (Concept "c42")) (Inheritance (Variable "$z") (Concept "c42"))');
    expect(members(executeQuery(vars, own, { addQuery: false }))).toEqual(sorted('(Variable "$z")'));
  });

  it('evaluates its evaluatable clauses against the space, constants compared by content', () => {
    const kb = spaceWith(`${ANIMALS} (Evaluation (stv 1 1) (Predicate "extinct") (Concept "dog"))`);
    const q = held(`(Get (And (Inheritance (Variable "$x") (Concept "animal"))
                              (Not (Evaluation (Predicate "extinct") (Variable "$x")))
                              (Not (Identical (Variable "$x") (Concept "dog")))))`);
    expect(members(executeQuery(kb, q, { addQuery: false }))).toEqual(sorted('(Concept "cat")'));
    const eq = held(`(Get (And (Inheritance (Variable "$x") (Concept "animal")) (Equal (Variable "$x") (Concept "dog"))))`);
    expect(members(executeQuery(kb, eq, { addQuery: false }))).toEqual(sorted('(Concept "dog")'));
  });

  it('checks typed variables and rewrites into the searched space', () => {
    const kb = spaceWith(`${ANIMALS} (Inheritance (Predicate "p") (Concept "animal"))`);
    const q = held(`(Bind (TypedVariable (Variable "$x") (Type "ConceptNode"))
                          (Inheritance (Variable "$x") (Concept "animal"))
                          (Evaluation (Predicate "is") (List (Variable "$x") (Concept "beast"))))`);
    const r = executeQuery(kb, q, { addQuery: false });
    expect(members(r)).toEqual(
      sorted(`(Evaluation (Predicate "is") (List (Concept "cat") (Concept "beast")))
              (Evaluation (Predicate "is") (List (Concept "dog") (Concept "beast")))`),
    );
    expect(r.kind === 'set' && r.atom.outgoing.every((a) => kb.isVisible(a))).toBe(true);
    expect(kb.getNode('ConceptNode', 'beast')).toBeDefined();
  });

  it('runs in a child frame of the space it is held in', () => {
    const kb = spaceWith(ANIMALS);
    const query = parseAtom(kb, '(Get (Inheritance (Variable "$x") (Concept "animal")))');
    const frame = kb.createChild();
    parseAtom(frame, '(Inheritance (Concept "cow") (Concept "animal"))');
    expect(members(executeQuery(frame, query, { addQuery: false }))).toEqual(
      sorted('(Concept "cat") (Concept "dog") (Concept "cow")'),
    );
    frame.dispose();
  });

  it('also applies to executeAtom and evaluateAtom', () => {
    const kb = spaceWith(ANIMALS);
    const sat = held('(Satisfaction (Inheritance (Variable "$x") (Concept "plant")))');
    expect(executeAtom(kb, sat, { addQuery: false })).toMatchObject({ strength: 1 });
    expect(kb.get(sat)).toBeUndefined();
    const fact = held('(Inheritance (Concept "cat") (Concept "animal"))');
    kb.setTruthValue(kb.get(fact)!, stv(0.8, 0.9));
    expect(evaluateAtom(kb, fact, { addQuery: false })).toEqual(stv(0.8, 0.9));
    expect(evaluateAtom(kb, held('(Not (Inheritance (Concept "cat") (Concept "plant")))'), { addQuery: false }).strength).toBe(1);
    expect(kb.getLink('InheritanceLink', [kb.getNode('ConceptNode', 'cat')!, kb.getNode('ConceptNode', 'plant')!])).toBeUndefined();
  });

  it('refuses a query whose types come from another type registry', () => {
    const kb = spaceWith(ANIMALS);
    const query = parseAtom(new AtomSpace({ types: new TypeRegistry() }), '(Get (Inheritance (Variable "$x") (Concept "animal")))');
    expect(errorOf('INVALID_QUERY', () => executeQuery(kb, query, { addQuery: false }))).toMatch(/another type registry/);
  });
});
