import { AtomSpace, instantiateAtom, parseAtom, type Atom } from '../../src';
import { run, sorted, spaceWith } from './query-helpers';

const FROGS = `
  (Evaluation (Predicate "croaks") (Concept "Fritz"))
  (Inheritance (Concept "Fritz") (Concept "pond"))
`;

describe('instantiating a rewrite that holds a scope link', () => {
  it('leaves the variables an inner ImplicationScopeLink declares as they are', () => {
    const space = spaceWith(FROGS);
    // OpenCog's conditional-instantiation shape: the rule's own $X and an implication over $X.
    const q = `(Bind (TypedVariable (Variable "$X") (Type "ConceptNode"))
                 (Evaluation (Predicate "croaks") (Variable "$X"))
                 (List (Inheritance (Variable "$X") (Concept "frog"))
                       (ImplicationScope (TypedVariable (Variable "$X") (Type "ConceptNode"))
                         (Evaluation (Predicate "croaks") (Variable "$X"))
                         (Inheritance (Variable "$X") (Concept "frog")))))`;
    expect(run(space, q)).toEqual(
      sorted(`(List (Inheritance (Concept "Fritz") (Concept "frog"))
                    (ImplicationScope (TypedVariable (Variable "$X") (Type "ConceptNode"))
                      (Evaluation (Predicate "croaks") (Variable "$X"))
                      (Inheritance (Variable "$X") (Concept "frog"))))`),
    );
  });

  it('substitutes the outer variables a scope does not bind', () => {
    const space = spaceWith(FROGS);
    const q = `(Bind (VariableList (Variable "$X") (Variable "$Y"))
                 (Inheritance (Variable "$X") (Variable "$Y"))
                 (Lambda (Variable "$X") (Evaluation (Predicate "lives in") (List (Variable "$X") (Variable "$Y")))))`;
    expect(run(space, q)).toEqual(
      sorted('(Lambda (Variable "$X") (Evaluation (Predicate "lives in") (List (Variable "$X") (Concept "pond"))))'),
    );
    const exists = `(Bind (VariableList (Variable "$X") (Variable "$Y"))
                      (Inheritance (Variable "$X") (Variable "$Y"))
                      (Exists (VariableList (Variable "$Z")) (Member (Variable "$Z") (List (Variable "$X") (Variable "$Y")))))`;
    expect(run(space, exists)).toEqual(
      sorted('(Exists (VariableList (Variable "$Z")) (Member (Variable "$Z") (List (Concept "Fritz") (Concept "pond"))))'),
    );
  });

  it('takes a scope without declaration to bind all of its variables', () => {
    const space = spaceWith(FROGS);
    const q = `(Bind (Inheritance (Variable "$X") (Concept "pond"))
                 (List (Variable "$X") (Lambda (Inheritance (Variable "$X") (Concept "frog")))))`;
    expect(run(space, q)).toEqual(sorted('(List (Concept "Fritz") (Lambda (Inheritance (Variable "$X") (Concept "frog"))))'));
  });

  it('shadows the variables of a nested query', () => {
    const space = spaceWith(FROGS);
    const q = `(Bind (VariableList (Variable "$X") (Variable "$Y"))
                 (Inheritance (Variable "$X") (Variable "$Y"))
                 (Get (Variable "$X") (Inheritance (Variable "$X") (Variable "$Y"))))`;
    expect(run(space, q)).toEqual(sorted('(Get (Variable "$X") (Inheritance (Variable "$X") (Concept "pond")))'));
  });

  it('substitutes inside a quoted scope, which is not a scope but a pattern', () => {
    const space = spaceWith(FROGS);
    const q = `(Bind (VariableList (Variable "$X") (Variable "$Y"))
                 (Inheritance (Variable "$X") (Variable "$Y"))
                 (Quote (ImplicationScope (Unquote (Variable "$X"))
                          (Unquote (Evaluation (Predicate "croaks") (Variable "$X")))
                          (Unquote (Variable "$Y")))))`;
    expect(run(space, q)).toEqual(
      sorted('(ImplicationScope (Concept "Fritz") (Evaluation (Predicate "croaks") (Concept "Fritz")) (Concept "pond"))'),
    );
  });

  it('still beta-reduces PutLinks, whose lambda variables are its own', () => {
    const space = spaceWith(FROGS);
    const q = `(Bind (VariableList (Variable "$X") (Variable "$Y"))
                 (Inheritance (Variable "$X") (Variable "$Y"))
                 (Put (Lambda (Variable "$X") (Member (Variable "$X") (Variable "$Y"))) (Concept "Tweety")))`;
    expect(run(space, q)).toEqual(sorted('(Member (Concept "Tweety") (Concept "pond"))'));
  });
});

describe('instantiateAtom', () => {
  const read = (space: AtomSpace, text: string) => parseAtom(space, text);

  it('substitutes groundings, consumes quotations and keeps bound variables, adding the result', () => {
    const rules = new AtomSpace({ name: 'rules' });
    const kb = spaceWith(FROGS);
    const x = read(rules, '(Variable "$X")');
    const term = read(
      rules,
      `(List (Quote (Inheritance (Unquote (Variable "$X")) (Variable "$Y")))
             (ImplicationScope (Variable "$X") (Evaluation (Predicate "croaks") (Variable "$X")) (Concept "frog")))`,
    );
    const fritz = kb.getNode('ConceptNode', 'Fritz')!;
    const result = instantiateAtom(kb, term, new Map([[x, fritz]]));
    expect(String(result)).toBe(
      String(
        read(
          new AtomSpace(),
          `(List (Inheritance (Concept "Fritz") (Variable "$Y"))
                 (ImplicationScope (Variable "$X") (Evaluation (Predicate "croaks") (Variable "$X")) (Concept "frog")))`,
        ),
      ),
    );
    expect(kb.isVisible(result)).toBe(true);
    expect(kb.get(term)).toBeUndefined();
  });

  it('executes arithmetic unless told not to', () => {
    const space = new AtomSpace();
    const n: Atom = read(space, '(Variable "$n")');
    const term = read(space, '(List (Plus (Variable "$n") (Number 1)))');
    const two = read(space, '(Number 2)');
    expect(String(instantiateAtom(space, term, new Map([[n, two]])))).toBe('(ListLink (NumberNode "3"))');
    expect(String(instantiateAtom(space, term, new Map([[n, two]]), { execute: false }))).toBe(
      '(ListLink (PlusLink (NumberNode "2") (NumberNode "1")))',
    );
  });

  it('splices a glob grounding and leaves unbound variables as they are', () => {
    const space = new AtomSpace();
    const g = read(space, '(Glob "$g")');
    const term = read(space, '(List (Concept "start") (Glob "$g") (Variable "$free"))');
    const seq = [read(space, '(Concept "a")'), read(space, '(Concept "b")')];
    expect(String(instantiateAtom(space, term, new Map([[g, seq]])))).toBe(
      '(ListLink (ConceptNode "start") (ConceptNode "a") (ConceptNode "b") (VariableNode "$free"))',
    );
  });
});
