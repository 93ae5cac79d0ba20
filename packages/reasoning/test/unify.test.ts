import { AtomSpace, TypeRegistry, type Atom } from '@ai-opencog/atomspace';
import { unify } from '../src/ure/unify';
import { readVariables } from '../src/ure/variables';
import { atom } from './support';

const space = new AtomSpace({ types: new TypeRegistry() });
const a = (text: string): Atom => atom(space, text);
const vars = (decl: string) => readVariables(space, a(decl));
const show = (s: ReadonlyMap<Atom, Atom>) => Object.fromEntries([...s].map(([v, t]) => [v.name, t.toString()]));

describe('unify', () => {
  it('binds variables of either side', () => {
    const u = unify(
      space,
      a('(InheritanceLink (VariableNode "$x") (ConceptNode "green"))'),
      a('(InheritanceLink (ConceptNode "Fritz") (VariableNode "$y"))'),
      vars('(VariableList (VariableNode "$x") (VariableNode "$y"))'),
    );
    expect(u.map((x) => show(x.subst))).toEqual([{ $x: '(ConceptNode "Fritz")', $y: '(ConceptNode "green")' }]);
  });

  it('fails on different types, arities or constants', () => {
    const v = vars('(VariableNode "$x")');
    expect(unify(space, a('(InheritanceLink (VariableNode "$x") (ConceptNode "a"))'), a('(SubsetLink (ConceptNode "b") (ConceptNode "a"))'), v).length).toBe(0);
    expect(unify(space, a('(ListLink (VariableNode "$x"))'), a('(ListLink (ConceptNode "b") (ConceptNode "a"))'), v).length).toBe(0);
    expect(unify(space, a('(InheritanceLink (VariableNode "$x") (ConceptNode "a"))'), a('(InheritanceLink (ConceptNode "b") (ConceptNode "c"))'), v).length).toBe(0);
  });

  it('treats undeclared variables as constants', () => {
    expect(unify(space, a('(ListLink (VariableNode "$free"))'), a('(ListLink (ConceptNode "b"))'), vars('(VariableNode "$x")')).length).toBe(0);
  });

  it('respects variable types', () => {
    const typed = vars('(TypedVariableLink (VariableNode "$x") (TypeNode "PredicateNode"))');
    expect(unify(space, a('(ListLink (VariableNode "$x"))'), a('(ListLink (ConceptNode "b"))'), typed).length).toBe(0);
    expect(unify(space, a('(ListLink (VariableNode "$x"))'), a('(ListLink (PredicateNode "b"))'), typed)).toHaveLength(1);
    const choice = vars('(TypedVariableLink (VariableNode "$x") (TypeChoice (TypeNode "ConceptNode") (TypeNode "AndLink")))');
    expect(unify(space, a('(ListLink (VariableNode "$x"))'), a('(ListLink (OrLink (ConceptNode "b") (ConceptNode "c")))'), choice).length).toBe(0);
  });

  it('intersects the types of two unified variables, and fails when nothing is left', () => {
    const decl = vars(`(VariableList
      (TypedVariableLink (VariableNode "$x") (TypeChoice (TypeNode "ConceptNode") (TypeNode "PredicateNode") (TypeNode "AndLink")))
      (TypedVariableLink (VariableNode "$y") (TypeChoice (TypeNode "ConceptNode") (TypeNode "PredicateNode") (TypeNode "OrLink"))))`);
    const [u] = unify(space, a('(VariableNode "$x")'), a('(VariableNode "$y")'), decl);
    const survivor = [...u.types].find(([v]) => !u.subst.has(v))!;
    expect(survivor[1]!.spec.toString()).toBe('(TypeChoice (TypeNode "ConceptNode") (TypeNode "PredicateNode"))');
    const disjoint = vars(`(VariableList
      (TypedVariableLink (VariableNode "$x") (TypeNode "ConceptNode"))
      (TypedVariableLink (VariableNode "$y") (TypeNode "PredicateNode")))`);
    expect(unify(space, a('(VariableNode "$x")'), a('(VariableNode "$y")'), disjoint).length).toBe(0);
  });

  it('finds every pairing of unordered links, without repeating one', () => {
    const u = unify(
      space,
      a('(AndLink (VariableNode "$p") (VariableNode "$q"))'),
      a('(AndLink (ConceptNode "a") (ConceptNode "b"))'),
      vars('(VariableList (VariableNode "$p") (VariableNode "$q"))'),
    );
    expect(u.map((x) => show(x.subst)).sort((x, y) => (x.$p < y.$p ? -1 : 1))).toEqual([
      { $p: '(ConceptNode "a")', $q: '(ConceptNode "b")' },
      { $p: '(ConceptNode "b")', $q: '(ConceptNode "a")' },
    ]);
    const same = unify(space, a('(SetLink (VariableNode "$p") (ConceptNode "c"))'), a('(SetLink (ConceptNode "c") (ConceptNode "c"))'), vars('(VariableNode "$p")'));
    expect(same).toHaveLength(1);
  });

  it('resolves chains of bindings and refuses cyclic ones (occurs check)', () => {
    const decl = vars('(VariableList (VariableNode "$x") (VariableNode "$y"))');
    const [u] = unify(
      space,
      a('(ListLink (VariableNode "$x") (VariableNode "$y"))'),
      a('(ListLink (VariableNode "$y") (ListLink (ConceptNode "k")))'),
      decl,
    );
    expect(show(u.subst)).toEqual({ $x: '(ListLink (ConceptNode "k"))', $y: '(ListLink (ConceptNode "k"))' });
    expect(unify(space, a('(VariableNode "$x")'), a('(ListLink (VariableNode "$x"))'), decl).length).toBe(0);
  });
});
