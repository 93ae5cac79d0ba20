import fc from 'fast-check';
import { AtomSpace, AtomSpaceError, TypeRegistry, compareAtoms, stv, type Atom } from '../src';
import { freshSpace, atomSpaceError } from './support/helpers';

describe('nodes', () => {
  it('are unique per type and name', () => {
    const space = freshSpace();
    const a = space.addNode('ConceptNode', 'cat');
    expect(space.addNode('ConceptNode', 'cat')).toBe(a);
    expect(space.addNode('Concept', 'cat')).toBe(a);
    expect(space.addNode(space.types.get('ConceptNode'), 'cat')).toBe(a);
    expect(space.addNode('PredicateNode', 'cat')).not.toBe(a);
    expect(space.addNode('ConceptNode', 'Cat')).not.toBe(a);
    expect(space.addNode('ConceptNode', 'cat ')).not.toBe(a);
    expect(space.size).toBe(4);
  });

  it('keep their type and name', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'Núria_Espert');
    expect(a.type.name).toBe('ConceptNode');
    expect(a.name).toBe('Núria_Espert');
    expect(a.isNode).toBe(true);
    expect(a.isLink).toBe(false);
    expect(a.outgoing).toEqual([]);
    expect(a.arity).toBe(0);
    expect(a.isAlive).toBe(true);
    expect(a.toString()).toBe('(ConceptNode "Núria_Espert")');
  });

  it('may have an empty name, or any unicode', () => {
    const space = freshSpace();
    const empty = space.addNode('Concept', '');
    expect(space.addNode('Concept', '')).toBe(empty);
    const odd = 'a"b\\c\nd\u0000😀';
    expect(space.addNode('Concept', odd)).toBe(space.addNode('Concept', odd));
    expect(space.getNode('Concept', odd)!.name).toBe(odd);
  });

  it('are found by getNode in either name form, and not otherwise', () => {
    const space = freshSpace();
    const a = space.addNode('ConceptNode', 'cat');
    expect(space.getNode('Concept', 'cat')).toBe(a);
    expect(space.getNode('ConceptNode', 'dog')).toBeUndefined();
    expect(space.getNode('PredicateNode', 'cat')).toBeUndefined();
    expect(space.getNode('ListLink', 'cat')).toBeUndefined();
    expect(atomSpaceError(() => space.getNode('NoSuchNode', 'cat')).code).toBe('UNKNOWN_TYPE');
  });

  it('refuse link types, abstract types, unknown types and non-string names', () => {
    const space = freshSpace();
    expect(atomSpaceError(() => space.addNode('ListLink', 'x')).message).toContain('not a node type');
    expect(atomSpaceError(() => space.addNode('Node', 'x')).message).toContain('abstract');
    expect(atomSpaceError(() => space.addNode('ProcedureNode', 'x')).message).toContain('abstract');
    expect(atomSpaceError(() => space.addNode('NoSuchNode', 'x')).code).toBe('UNKNOWN_TYPE');
    expect(atomSpaceError(() => space.addNode('Concept', 42 as unknown as string)).code).toBe('INVALID_ATOM');
    expect(space.size).toBe(0);
  });
});

describe('NumberNode names', () => {
  it('are canonical numbers: one atom per value', () => {
    const space = freshSpace();
    const three = space.addNode('NumberNode', '3');
    expect(space.addNode('NumberNode', '3.0')).toBe(three);
    expect(space.addNode('NumberNode', '+3')).toBe(three);
    expect(space.addNode('NumberNode', ' 3 ')).toBe(three);
    expect(space.addNode('Number', '3e0')).toBe(three);
    expect(three.name).toBe('3');
    expect(space.addNode('NumberNode', '0.50').name).toBe('0.5');
    expect(space.addNode('NumberNode', '-0').name).toBe('0');
    expect(space.getNode('NumberNode', '3.000')).toBe(three);
    expect(space.countByType('NumberNode')).toBe(3);
  });

  it('must be numbers', () => {
    const space = freshSpace();
    for (const bad of ['', '  ', 'three', '3x', '1 2']) {
      const e = atomSpaceError(() => space.addNode('NumberNode', bad));
      expect(e.code).toBe('INVALID_ATOM');
      expect(e.message).toContain('NumberNode');
    }
    expect(space.size).toBe(0);
  });

  it('are not canonicalised for other node types', () => {
    const space = freshSpace();
    expect(space.addNode('Concept', '3.0').name).toBe('3.0');
    expect(space.addNode('Concept', '3')).not.toBe(space.addNode('Concept', '3.0'));
  });
});

describe('links', () => {
  it('are unique per type and outgoing set', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const b = space.addNode('Concept', 'b');
    const ab = space.addLink('ListLink', [a, b]);
    expect(space.addLink('List', [a, b])).toBe(ab);
    expect(space.addLink('ListLink', [b, a])).not.toBe(ab);
    expect(space.addLink('MemberLink', [a, b])).not.toBe(ab);
    expect(space.addLink('ListLink', [a, b, a])).not.toBe(ab);
    expect(space.addLink('ListLink', [a])).not.toBe(ab);
    expect(ab.outgoing).toEqual([a, b]);
    expect(ab.arity).toBe(2);
    expect(ab.name).toBe('');
    expect(ab.isLink).toBe(true);
    expect(space.size).toBe(7);
  });

  it('may be empty, and the empty link of a type is unique', () => {
    const space = freshSpace();
    const empty = space.addLink('ListLink', []);
    expect(space.addLink('ListLink', [])).toBe(empty);
    expect(space.addLink('SetLink', [])).not.toBe(empty);
    expect(empty.arity).toBe(0);
    expect(empty.toString()).toBe('(ListLink)');
    expect(space.getLink('ListLink', [])).toBe(empty);
  });

  it('nest, with the same atom shared', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const inner = space.addLink('List', [a, a]);
    const outer = space.addLink('Evaluation', [space.addNode('Predicate', 'p'), inner]);
    expect(space.addLink('Evaluation', [space.addNode('Predicate', 'p'), space.addLink('List', [a, a])])).toBe(outer);
    expect(outer.toString()).toBe('(EvaluationLink (PredicateNode "p") (ListLink (ConceptNode "a") (ConceptNode "a")))');
  });

  it('are found by getLink, and not otherwise', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const b = space.addNode('Concept', 'b');
    const ab = space.addLink('List', [a, b]);
    expect(space.getLink('ListLink', [a, b])).toBe(ab);
    expect(space.getLink('ListLink', [b, a])).toBeUndefined();
    expect(space.getLink('SetLink', [a, b])).toBeUndefined();
    expect(space.getLink('ConceptNode', [a, b])).toBeUndefined();
  });

  it('refuse node types, abstract types and non-atoms in the outgoing set', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    expect(atomSpaceError(() => space.addLink('ConceptNode', [a])).message).toContain('not a link type');
    expect(atomSpaceError(() => space.addLink('Link', [a])).message).toContain('abstract');
    expect(atomSpaceError(() => space.addLink('OrderedLink', [a])).message).toContain('abstract');
    const bad = atomSpaceError(() => space.addLink('ListLink', [a, 'b' as unknown as Atom]));
    expect(bad.code).toBe('INVALID_ATOM');
    expect(bad.message).toContain('element 1');
    expect(atomSpaceError(() => space.addLink('ListLink', [null as unknown as Atom])).message).toContain('element 0');
    expect(space.size).toBe(1);
  });

  it('copy outgoing atoms of another space into this one', () => {
    const other = freshSpace();
    const x = other.addNode('Concept', 'x', stv(0.3, 0.4));
    const space = new AtomSpace({ types: other.types });
    const l = space.addLink('List', [x]);
    expect(l.outgoing[0]).not.toBe(x);
    expect(l.outgoing[0].owner).toBe(space);
    expect(space.getNode('Concept', 'x')).toBe(l.outgoing[0]);
    expect(space.getTruthValue(l.outgoing[0]).equals(stv(0.3, 0.4))).toBe(true);
    expect(x.owner).toBe(other);
  });
});

describe('unordered links', () => {
  it('never make two atoms from two orders', () => {
    const space = freshSpace();
    const [a, b, c] = ['a', 'b', 'c'].map((n) => space.addNode('Concept', n));
    const set = space.addLink('SetLink', [a, b, c]);
    for (const order of [[a, c, b], [b, a, c], [b, c, a], [c, a, b], [c, b, a]]) {
      expect(space.addLink('SetLink', order)).toBe(set);
      expect(space.getLink('SetLink', order)).toBe(set);
    }
    expect(space.countByType('SetLink')).toBe(1);
    expect(space.addLink('AndLink', [c, a])).toBe(space.addLink('AndLink', [a, c]));
  });

  it('keep duplicates as a multiset', () => {
    const space = freshSpace();
    const [a, b] = ['a', 'b'].map((n) => space.addNode('Concept', n));
    const aab = space.addLink('SetLink', [a, a, b]);
    expect(space.addLink('SetLink', [a, b, a])).toBe(aab);
    expect(space.addLink('SetLink', [a, b])).not.toBe(aab);
    expect(aab.arity).toBe(3);
  });

  it('nested inside ordered links keep the outer order', () => {
    const space = freshSpace();
    const [a, b] = ['a', 'b'].map((n) => space.addNode('Concept', n));
    const l1 = space.addLink('List', [space.addLink('Set', [a, b]), a]);
    const l2 = space.addLink('List', [space.addLink('Set', [b, a]), a]);
    expect(l1).toBe(l2);
    expect(space.addLink('List', [a, space.addLink('Set', [a, b])])).not.toBe(l1);
  });

  it('have the same canonical order in every space and whatever the insertion order', () => {
    const types = new TypeRegistry();
    const names = fc.uniqueArray(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(names, fc.func(fc.integer()), (ns, rank) => {
        const s1 = new AtomSpace({ types });
        const s2 = new AtomSpace({ types });
        const shuffled = [...ns].sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0));
        // the nodes enter the two spaces in different orders, so their ids differ
        const set1 = s1.addLink('SetLink', ns.map((n) => s1.addNode('Concept', n)));
        const set2 = s2.addLink('SetLink', shuffled.reverse().map((n) => s2.addNode('Concept', n)));
        expect(set1.outgoing.map((a) => a.name)).toEqual(set2.outgoing.map((a) => a.name));
        expect(set1.hash).toBe(set2.hash);
        expect(s1.addLink('SetLink', [...set1.outgoing].reverse())).toBe(set1);
      }),
      { numRuns: 200 },
    );
  });

  it('mixing nodes and links of several types, still find one atom for every permutation', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const p = space.addNode('Predicate', 'a');
    const l = space.addLink('List', [a]);
    const s = space.addLink('Set', [p]);
    const items = [a, p, l, s];
    const first = space.addLink('OrLink', items);
    fc.assert(
      fc.property(fc.shuffledSubarray(items, { minLength: 4, maxLength: 4 }), (perm) => {
        expect(space.addLink('OrLink', perm)).toBe(first);
      }),
      { numRuns: 50 },
    );
    expect(space.countByType('OrLink')).toBe(1);
  });
});

describe('atom identity', () => {
  it('gives atoms of equal content equal hashes in different spaces, and distinct ids', () => {
    const types = new TypeRegistry();
    const s1 = new AtomSpace({ types });
    const s2 = new AtomSpace({ types });
    const l1 = s1.addLink('Inheritance', [s1.addNode('Concept', 'cat'), s1.addNode('Concept', 'animal')]);
    const l2 = s2.addLink('Inheritance', [s2.addNode('Concept', 'cat'), s2.addNode('Concept', 'animal')]);
    expect(l1.hash).toBe(l2.hash);
    expect(l1.id).not.toBe(l2.id);
    expect(compareAtoms(l1, l2)).toBe(0);
    expect(compareAtoms(l1.outgoing[0], l1.outgoing[1])).toBe(-compareAtoms(l1.outgoing[1], l1.outgoing[0]));
  });

  it('orders atoms totally and consistently', () => {
    const space = freshSpace();
    const atoms: Atom[] = [];
    for (const n of ['a', 'b', 'c']) atoms.push(space.addNode('Concept', n), space.addNode('Predicate', n));
    atoms.push(space.addLink('List', [atoms[0], atoms[1]]), space.addLink('List', [atoms[1], atoms[0]]), space.addLink('List', []));
    for (const x of atoms) {
      for (const y of atoms) {
        const c = compareAtoms(x, y);
        expect(Math.sign(c) + Math.sign(compareAtoms(y, x))).toBe(0);
        if (x === y) expect(c).toBe(0);
        else expect(c).not.toBe(0);
        for (const z of atoms) {
          if (c < 0 && compareAtoms(y, z) < 0) expect(compareAtoms(x, z)).toBeLessThan(0);
        }
      }
    }
  });

  it('gives ids in creation order', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const b = space.addNode('Concept', 'b');
    const l = space.addLink('List', [a, b]);
    expect(a.id).toBeLessThan(b.id);
    expect(b.id).toBeLessThan(l.id);
  });

  it('keeps many atoms unique, including hash-bucket neighbours', () => {
    const space = freshSpace();
    const nodes: Atom[] = [];
    for (let i = 0; i < 2000; i++) nodes.push(space.addNode('Concept', `n${i}`));
    const links: Atom[] = [];
    for (let i = 0; i < 2000; i++) links.push(space.addLink('List', [nodes[i], nodes[(i * 7) % 2000]]));
    for (let i = 0; i < 2000; i++) {
      expect(space.addNode('Concept', `n${i}`)).toBe(nodes[i]);
      expect(space.addLink('List', [nodes[i], nodes[(i * 7) % 2000]])).toBe(links[i]);
    }
    expect(space.size).toBe(4000);
    expect(new Set(links).size).toBe(2000);
  });
});

describe('content-hash collisions', () => {
  // Two ConceptNode names whose 32-bit content hashes collide (found by search).
  const A = 'key-acxv-e26';
  const B = 'key-6oiz-4e7c';

  it('the two names do collide', () => {
    const space = freshSpace();
    expect(space.addNode('Concept', A).hash).toBe(space.addNode('Concept', B).hash);
  });

  it('links over colliding atoms stay distinct and are found', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', A);
    const b = space.addNode('Concept', B);
    const la = space.addLink('List', [a]);
    const lb = space.addLink('List', [b]);
    const lc = space.addLink('List', [space.addNode('Concept', 'other')]);
    expect(la.hash).toBe(lb.hash);
    expect(la).not.toBe(lb);
    expect(space.addLink('List', [a])).toBe(la);
    expect(space.addLink('List', [b])).toBe(lb);
    expect(space.getLink('List', [b])).toBe(lb);
    expect(space.countByType('ListLink')).toBe(3);
    expect(new Set(space.getAtomsByType('ListLink'))).toEqual(new Set([la, lb, lc]));
    // a third colliding link joins the bucket
    const lab = space.addLink('List', [a, b]);
    const lba = space.addLink('List', [b, a]);
    expect(lab).not.toBe(lba);
    expect(space.addLink('List', [b, a])).toBe(lba);
  });

  it('removing one link of a bucket keeps the others', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', A);
    const b = space.addNode('Concept', B);
    const c = space.addNode('Concept', 'key-9fe-8617');
    const la = space.addLink('List', [a]);
    const lb = space.addLink('List', [b]);
    expect(space.remove(la)).toBe(true);
    expect(space.getLink('List', [a])).toBeUndefined();
    expect(space.getLink('List', [b])).toBe(lb);
    expect(space.getAtomsByType('ListLink')).toEqual([lb]);
    const la2 = space.addLink('List', [a]);
    expect(la2).not.toBe(la);
    expect(space.getLink('List', [a])).toBe(la2);
    expect(space.remove(lb)).toBe(true);
    expect(space.remove(la2)).toBe(true);
    expect(space.countByType('ListLink')).toBe(0);
    expect(space.getLink('List', [c])).toBeUndefined();
  });

  it('unordered links over colliding atoms have one canonical order', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', A);
    const b = space.addNode('Concept', B);
    const ab = space.addLink('SetLink', [a, b]);
    expect(space.addLink('SetLink', [b, a])).toBe(ab);
    const other = freshSpace();
    const ba = other.addLink('SetLink', [other.addNode('Concept', B), other.addNode('Concept', A)]);
    expect(ba.outgoing.map((x) => x.name)).toEqual(ab.outgoing.map((x) => x.name));
  });
});

describe('DefineLink', () => {
  it('names one thing only: a second, different definition is an error', () => {
    const space = freshSpace();
    const name = space.addNode('DefinedSchemaNode', 'double');
    const body1 = space.addNode('Concept', 'one');
    const body2 = space.addNode('Concept', 'two');
    const def = space.addLink('DefineLink', [name, body1]);
    expect(space.addLink('DefineLink', [name, body1])).toBe(def);
    const e = atomSpaceError(() => space.addLink('DefineLink', [name, body2]));
    expect(e.code).toBe('INVALID_ATOM');
    expect(e.message).toContain('already defined');
    expect(e.message).toContain('(DefinedSchemaNode "double")');
    expect(space.countByType('DefineLink')).toBe(1);
    // another name may be defined as the same body
    expect(space.addLink('DefineLink', [space.addNode('DefinedSchemaNode', 'other'), body1]).isAlive).toBe(true);
  });

  it('can be redefined after the old definition is removed', () => {
    const space = freshSpace();
    const name = space.addNode('DefinedPredicateNode', 'p');
    const def = space.addLink('DefineLink', [name, space.addNode('Concept', 'one')]);
    expect(space.remove(def)).toBe(true);
    const def2 = space.addLink('DefineLink', [name, space.addNode('Concept', 'two')]);
    expect(def2.outgoing[1].name).toBe('two');
  });

  it('is unique through a child space too', () => {
    const space = freshSpace();
    const name = space.addNode('DefinedSchemaNode', 's');
    space.addLink('DefineLink', [name, space.addNode('Concept', 'one')]);
    const child = space.createChild();
    expect(atomSpaceError(() => child.addLink('DefineLink', [name, child.addNode('Concept', 'two')])).message).toContain(
      'already defined',
    );
    child.dispose();
  });
});

describe('StateLink', () => {
  it('replaces the previous closed state of the same atom', () => {
    const space = freshSpace();
    const key = space.addNode('Anchor', 'light');
    const on = space.addLink('StateLink', [key, space.addNode('Concept', 'on')]);
    const off = space.addLink('StateLink', [key, space.addNode('Concept', 'off')]);
    expect(on.isAlive).toBe(false);
    expect(off.isAlive).toBe(true);
    expect(space.getAtomsByType('StateLink')).toEqual([off]);
    expect(space.getIncoming(key)).toEqual([off]);
    // setting the same state again keeps it
    expect(space.addLink('StateLink', [key, space.addNode('Concept', 'off')])).toBe(off);
    expect(space.countByType('StateLink')).toBe(1);
  });

  it('keeps the states of other atoms', () => {
    const space = freshSpace();
    const s1 = space.addLink('StateLink', [space.addNode('Anchor', 'a'), space.addNode('Concept', 'x')]);
    const s2 = space.addLink('StateLink', [space.addNode('Anchor', 'b'), space.addNode('Concept', 'x')]);
    expect(s1.isAlive).toBe(true);
    expect(s2.isAlive).toBe(true);
  });

  it('lets open states (with variables) live beside the closed one', () => {
    const space = freshSpace();
    const key = space.addNode('Anchor', 'light');
    const closed = space.addLink('StateLink', [key, space.addNode('Concept', 'on')]);
    const open = space.addLink('StateLink', [key, space.addNode('Variable', '$x')]);
    expect(closed.isAlive).toBe(true);
    expect(open.isAlive).toBe(true);
    const closed2 = space.addLink('StateLink', [key, space.addNode('Concept', 'off')]);
    expect(closed.isAlive).toBe(false);
    expect(open.isAlive).toBe(true);
    expect(closed2.isAlive).toBe(true);
  });

  it('removes what contained the old state with it', () => {
    const space = freshSpace();
    const key = space.addNode('Anchor', 'k');
    const old = space.addLink('StateLink', [key, space.addNode('Concept', 'v1')]);
    const holder = space.addLink('List', [old]);
    space.addLink('StateLink', [key, space.addNode('Concept', 'v2')]);
    expect(old.isAlive).toBe(false);
    expect(holder.isAlive).toBe(false);
  });
});
