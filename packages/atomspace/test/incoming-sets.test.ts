import fc from 'fast-check';
import type { Atom } from '../src';
import { freshSpace } from './support/helpers';

describe('incoming sets', () => {
  it('list the links that contain an atom', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const b = space.addNode('Concept', 'b');
    const ab = space.addLink('List', [a, b]);
    const ba = space.addLink('Inheritance', [b, a]);
    const bb = space.addLink('Set', [b]);
    expect(new Set(space.getIncoming(a))).toEqual(new Set([ab, ba]));
    expect(new Set(space.getIncoming(b))).toEqual(new Set([ab, ba, bb]));
    expect(space.getIncoming(ab)).toEqual([]);
    expect(space.incomingCount(b)).toBe(3);
    expect(space.incomingCount(ab)).toBe(0);
  });

  it('hold only direct parents, not grandparents', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const inner = space.addLink('List', [a]);
    const outer = space.addLink('List', [inner]);
    expect(space.getIncoming(a)).toEqual([inner]);
    expect(space.getIncoming(inner)).toEqual([outer]);
  });

  it('hold a link once even when it contains the atom several times', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const aaa = space.addLink('List', [a, a, a]);
    const set = space.addLink('Set', [a, a]);
    expect(space.getIncoming(a)).toEqual([aaa, set]);
  });

  it('do not change when an existing link is added again', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const l = space.addLink('List', [a]);
    space.addLink('List', [a]);
    space.addLink('List', [a], undefined);
    expect(space.getIncoming(a)).toEqual([l]);
  });

  it('filter by link type, including subtypes', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const b = space.addNode('Concept', 'b');
    const inh = space.addLink('InheritanceLink', [a, b]);
    const sub = space.addLink('SubsetLink', [a, b]);
    const list = space.addLink('ListLink', [a, b]);
    const eval_ = space.addLink('EvaluationLink', [space.addNode('Predicate', 'p'), list]);
    expect(new Set(space.getIncoming(a, 'InheritanceLink'))).toEqual(new Set([inh, sub]));
    expect(space.getIncoming(a, 'Subset')).toEqual([sub]);
    expect(space.getIncoming(a, space.types.get('ListLink'))).toEqual([list]);
    expect(new Set(space.getIncoming(a, 'EvaluatableLink'))).toEqual(new Set([inh, sub]));
    expect(space.getIncoming(a, 'SetLink')).toEqual([]);
    expect(space.getIncoming(list, 'Evaluation')).toEqual([eval_]);
    expect(space.getIncoming(a, 'Link')).toHaveLength(3);
    expect(() => space.getIncoming(a, 'NoSuchLink')).toThrow("unknown atom type 'NoSuchLink'");
  });

  it('grow and shrink across the small-array threshold', () => {
    const space = freshSpace();
    const hub = space.addNode('Concept', 'hub');
    const links: Atom[] = [];
    for (let i = 0; i < 20; i++) {
      links.push(space.addLink('List', [hub, space.addNode('Concept', `n${i}`)]));
      expect(space.getIncoming(hub)).toEqual(links);
    }
    while (links.length > 0) {
      const i = (links.length * 7 + 3) % links.length;
      const [l] = links.splice(i, 1);
      expect(space.remove(l)).toBe(true);
      expect(new Set(space.getIncoming(hub))).toEqual(new Set(links));
      expect(space.incomingCount(hub)).toBe(links.length);
    }
    expect(space.remove(hub)).toBe(true);
  });

  it('a copy taken before a change does not change', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    for (let i = 0; i < 12; i++) space.addLink('List', [a, space.addNode('Concept', `n${i}`)]);
    const before = [...space.getIncoming(a)];
    for (const l of before) space.remove(l);
    expect(before).toHaveLength(12);
    expect(space.getIncoming(a)).toEqual([]);
  });

  it('match a model under random adds and removes', () => {
    type Op = { add: true; type: 'List' | 'Set'; items: number[] } | { add: false; pick: number; recursive: boolean };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        add: fc.constant(true as const),
        type: fc.constantFrom('List' as const, 'Set' as const),
        items: fc.array(fc.nat(9), { minLength: 1, maxLength: 4 }),
      }),
      fc.record({ add: fc.constant(false as const), pick: fc.nat(), recursive: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const space = freshSpace();
        const all: Atom[] = [];
        for (let i = 0; i < 5; i++) all.push(space.addNode('Concept', `c${i}`));
        for (const o of ops) {
          const alive = all.filter((x) => x.isAlive);
          if (o.add) {
            if (alive.length === 0) continue;
            const l = space.addLink(o.type, o.items.map((i) => alive[i % alive.length]));
            if (!all.includes(l)) all.push(l);
          } else if (alive.length > 0) {
            const victim = alive[o.pick % alive.length];
            const hadIncoming = all.some((l) => l.isAlive && l.outgoing.includes(victim));
            const removed = space.remove(victim, o.recursive);
            expect(removed).toBe(o.recursive || !hadIncoming);
          }
        }
        const alive = all.filter((x) => x.isAlive);
        expect(space.size).toBe(alive.length);
        for (const x of alive) {
          const expected = alive.filter((l) => l.outgoing.includes(x));
          expect(new Set(space.getIncoming(x))).toEqual(new Set(expected));
          expect(space.getIncoming(x)).toHaveLength(expected.length);
          for (const y of x.outgoing) expect(y.isAlive).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
