import {
  FloatValue,
  LinkValue,
  StringValue,
  av,
  ctv,
  parseAtomese,
  rootAtoms,
  stv,
  valuesEqual,
  writeAtom,
  writeAtomSpace,
  writeValue,
  type Atom,
  type AtomSpace,
  type Value,
} from '../src';
import { describeSpace, freshSpace } from './support/helpers';

function fact(space: AtomSpace): Atom {
  const a = space.addNode('Concept', 'a');
  space.setAttentionValue(a, av(1, 2, 3));
  const list = space.addLink('List', [a, space.addNode('Concept', 'b')]);
  return space.addLink('Evaluation', [space.addNode('Predicate', 'p'), list], stv(0.5, 0.25));
}

describe('writing atoms', () => {
  it('pretty: one atom per line, indented, closing parentheses on their own lines', () => {
    const space = freshSpace();
    expect(writeAtom(fact(space))).toBe(
      [
        '(EvaluationLink (stv 0.5 0.25)',
        '  (PredicateNode "p")',
        '  (ListLink',
        '    (ConceptNode "a" (av 1 2 3))',
        '    (ConceptNode "b")',
        '  )',
        ')',
      ].join('\n'),
    );
  });

  it('compact: all on one line', () => {
    const space = freshSpace();
    expect(writeAtom(fact(space), { style: 'compact' })).toBe(
      '(EvaluationLink (stv 0.5 0.25) (PredicateNode "p") (ListLink (ConceptNode "a" (av 1 2 3)) (ConceptNode "b")))',
    );
  });

  it('short type names, where a type has one', () => {
    const space = freshSpace();
    expect(writeAtom(fact(space), { style: 'compact', typeNames: 'short' })).toBe(
      '(Evaluation (stv 0.5 0.25) (Predicate "p") (List (Concept "a" (av 1 2 3)) (Concept "b")))',
    );
    const vars = space.addLink('VariableList', [space.addNode('Variable', '$x'), space.addNode('Glob', '$g')]);
    expect(writeAtom(vars, { style: 'compact', typeNames: 'short' })).toBe('(VariableList (Variable "$x") (Glob "$g"))');
  });

  it('without values when asked', () => {
    const space = freshSpace();
    expect(writeAtom(fact(space), { style: 'compact', values: false })).toBe(
      '(EvaluationLink (PredicateNode "p") (ListLink (ConceptNode "a") (ConceptNode "b")))',
    );
  });

  it('with another indentation unit', () => {
    const space = freshSpace();
    const l = space.addLink('List', [space.addLink('Set', [space.addNode('Concept', 'x')])]);
    expect(writeAtom(l, { indent: '\t' })).toBe('(ListLink\n\t(SetLink\n\t\t(ConceptNode "x")\n\t)\n)');
  });

  it('nodes and empty links on one line in both styles', () => {
    const space = freshSpace();
    const n = space.addNode('Concept', 'x', stv(1, 1));
    expect(writeAtom(n)).toBe('(ConceptNode "x" (stv 1 1))');
    expect(writeAtom(space.addLink('List', []))).toBe('(ListLink)');
    expect(writeAtom(space.addLink('Set', [], ctv(0.5, 0.5, 4)), { style: 'compact' })).toBe('(SetLink (ctv 0.5 0.5 4))');
  });

  it('names with quotes, backslashes, control characters and unicode, escaped to read back', () => {
    const space = freshSpace();
    const name = 'say "hi"\\ \n\t\r\x01\x7f Núria 😀';
    const n = space.addNode('Concept', name);
    const text = writeAtom(n);
    expect(text).toBe('(ConceptNode "say \\"hi\\"\\\\ \\n\\t\\r\\x01;\\x7f; Núria 😀")');
    expect((parseAtomese(freshSpace(), text)[0] as Atom).name).toBe(name);
  });

  it('NumberNode names in their canonical form', () => {
    const space = freshSpace();
    expect(writeAtom(space.addNode('NumberNode', '2.50'))).toBe('(NumberNode "2.5")');
  });

  it('keyed values in an alist, keys without their own values', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a', stv(0.5, 0.5));
    const k1 = space.addNode('Predicate', 'k1', stv(0.9, 0.9));
    const k2 = space.addNode('Predicate', 'k2');
    space.setValue(a, k1, new FloatValue([1, 2.5]));
    space.setValue(a, k2, new LinkValue([space.addNode('Concept', 'm', stv(0.1, 0.1)), new StringValue(['s'])]));
    expect(writeAtom(a)).toBe(
      '(ConceptNode "a" (stv 0.5 0.5) (alist (cons (PredicateNode "k1") (FloatValue 1 2.5)) (cons (PredicateNode "k2") (LinkValue (ConceptNode "m") (StringValue "s")))))',
    );
  });

  it('an atom that is its own key, or holds itself in a value', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    space.setValue(a, a, new FloatValue([1]));
    expect(writeAtom(a)).toBe('(ConceptNode "a" (alist (cons (ConceptNode "a") (FloatValue 1))))');
    const b = space.addNode('Concept', 'b');
    space.setValue(b, space.addNode('Predicate', 'self'), new LinkValue([b]));
    expect(writeAtom(b)).toBe('(ConceptNode "b" (alist (cons (PredicateNode "self") (LinkValue (ConceptNode "b")))))');
    const copy = freshSpace();
    parseAtomese(copy, writeAtom(a) + writeAtom(b));
    expect(describeSpace(copy)).toEqual(describeSpace(space));
  });

  it('values overlaid by a child space, when written through it', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a', stv(0.5, 0.5));
    const child = space.createChild();
    child.setTruthValue(a, stv(0.1, 0.2));
    child.setValue(a, child.addNode('Predicate', 'k'), new FloatValue([3]));
    expect(writeAtom(a)).toBe('(ConceptNode "a" (stv 0.5 0.5))');
    expect(writeAtom(a, { space: child })).toBe('(ConceptNode "a" (stv 0.1 0.2) (alist (cons (PredicateNode "k") (FloatValue 3))))');
    child.dispose();
  });
});

describe('writing values', () => {
  it.each<[Value, string]>([
    [stv(0.8, 0.9), '(stv 0.8 0.9)'],
    [ctv(0.5, 0.25, 12), '(ctv 0.5 0.25 12)'],
    [av(10, -5, 1), '(av 10 -5 1)'],
    [new FloatValue([1, -2.5, 1e-7, 1e21]), '(FloatValue 1 -2.5 1e-7 1e+21)'],
    [new FloatValue([]), '(FloatValue)'],
    [new StringValue(['a', 'b "c"']), '(StringValue "a" "b \\"c\\"")'],
    [new LinkValue([]), '(LinkValue)'],
  ])('%s', (v, text) => {
    expect(writeValue(v)).toBe(text);
    expect(writeValue(v, { style: 'compact' })).toBe(text);
  });

  it('a LinkValue with atoms and values, in both styles', () => {
    const space = freshSpace();
    const v = new LinkValue([space.addNode('Concept', 'a'), new FloatValue([1]), new LinkValue([new StringValue(['s'])])]);
    expect(writeValue(v)).toBe(
      '(LinkValue\n  (ConceptNode "a")\n  (FloatValue 1)\n  (LinkValue\n    (StringValue "s")\n  )\n)',
    );
    expect(writeValue(v, { style: 'compact', typeNames: 'short' })).toBe(
      '(LinkValue (Concept "a") (FloatValue 1) (LinkValue (StringValue "s")))',
    );
  });

  it('an atom as a value', () => {
    const space = freshSpace();
    expect(writeValue(space.addNode('Concept', 'a'))).toBe('(ConceptNode "a")');
  });

  it('numbers that read back to the same double: infinities and -0 in Guile spelling', () => {
    const v = new FloatValue([Infinity, -Infinity, -0, 0, 0.1, 1 / 3, Number.MAX_VALUE, Number.MIN_VALUE, -1e-300]);
    const text = writeValue(v);
    expect(text).toBe(
      `(FloatValue +inf.0 -inf.0 -0.0 0 0.1 ${String(1 / 3)} ${String(Number.MAX_VALUE)} 5e-324 -1e-300)`,
    );
    const [back] = parseAtomese(freshSpace(), text) as FloatValue[];
    expect(back.items.length).toBe(v.items.length);
    back.items.forEach((x, i) => expect(Object.is(x, v.items[i])).toBe(true));
    expect(valuesEqual(back, v)).toBe(true);
  });
});

describe('writing a whole space', () => {
  it('writes the root atoms in creation order, nested atoms inside', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const lonely = space.addNode('Concept', 'lonely');
    const l = space.addLink('List', [a]);
    const top = space.addLink('Set', [l, space.addNode('Concept', 'z')]);
    expect(rootAtoms(space)).toEqual([lonely, top]);
    expect([...writeAtomSpace(space, { style: 'compact' })]).toEqual([
      '(ConceptNode "lonely")',
      writeAtom(top, { style: 'compact' }),
    ]);
  });

  it('reads back to the same atoms and values in every style', () => {
    const space = freshSpace();
    parseAtomese(
      space,
      `(define a (Concept "a" (stv 0.8 0.9) (av 1 2 3)))
       (Inheritance (stv 0.7 0.6) a (Concept "b"))
       (Evaluation (Predicate "p" (ctv 0.1 0.2 30)) (List a (Number 42) (Set (Concept "x") (Concept "y"))))
       (Concept "k" (alist (cons (Predicate "key" (stv 0.3 0.3)) (FloatValue 1 +inf.0 -0.0))
                           (cons (Predicate "key2") (LinkValue a (StringValue "s\\n" "\\"")))))
       (Concept "with \\"quotes\\" and \\\\ and\\nnewline")
       (ListLink)`,
    );
    for (const style of ['pretty', 'compact'] as const) {
      for (const typeNames of ['full', 'short'] as const) {
        const copy = freshSpace();
        parseAtomese(copy, [...writeAtomSpace(space, { style, typeNames })].join('\n'));
        expect(describeSpace(copy)).toEqual(describeSpace(space));
      }
    }
  });

  it('writes what a child space sees, overlays included', () => {
    const space = freshSpace();
    parseAtomese(space, '(List (Concept "a" (stv 0.5 0.5)))');
    const child = space.createChild();
    parseAtomese(child, '(Concept "a" (stv 0.9 0.9)) (Set (Concept "new"))');
    const copy = freshSpace();
    parseAtomese(copy, [...writeAtomSpace(child)].join('\n'));
    expect(describeSpace(copy)).toEqual(describeSpace(child));
    expect(describeSpace(copy)).not.toEqual(describeSpace(space));
    child.dispose();
  });
});
