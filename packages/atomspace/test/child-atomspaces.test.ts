import { AtomSpaceError, FloatValue, LinkValue, StringValue, av, stv } from '../src';
import { describeSpace, freshSpace } from './support/helpers';

function base() {
  const space = freshSpace();
  const a = space.addNode('Concept', 'a', stv(0.9, 0.9));
  const b = space.addNode('Concept', 'b');
  const ab = space.addLink('List', [a, b]);
  const key = space.addNode('Predicate', 'key');
  space.setValue(a, key, new FloatValue([1, 2, 3]));
  return { space, a, b, ab, key };
}

describe('a child AtomSpace', () => {
  it('sees every atom of its parent', () => {
    const { space, a, b, ab } = base();
    const child = space.createChild('frame');
    expect(child.parent).toBe(space);
    expect(child.name).toBe('frame');
    expect(child.getNode('Concept', 'a')).toBe(a);
    expect(child.getLink('List', [a, b])).toBe(ab);
    expect(child.addNode('Concept', 'a')).toBe(a);
    expect(child.addLink('List', [a, b])).toBe(ab);
    expect(child.isVisible(a)).toBe(true);
    expect(child.size).toBe(space.size);
    expect(child.ownSize).toBe(0);
    expect(child.getIncoming(a)).toEqual([ab]);
    expect(child.getTruthValue(a).equals(stv(0.9, 0.9))).toBe(true);
    child.dispose();
  });

  it('keeps its own atoms to itself', () => {
    const { space, a } = base();
    const child = space.createChild();
    const c = child.addNode('Concept', 'c');
    const ac = child.addLink('Inheritance', [a, c]);
    expect(c.owner).toBe(child);
    expect(ac.owner).toBe(child);
    expect(child.getNode('Concept', 'c')).toBe(c);
    expect(space.getNode('Concept', 'c')).toBeUndefined();
    expect(space.getLink('Inheritance', [a, c])).toBeUndefined();
    expect(space.isVisible(c)).toBe(false);
    expect(space.size).toBe(4);
    expect(child.size).toBe(6);
    expect(child.ownSize).toBe(2);
    // the parent's incoming sets do not show the child's links; the child's do
    expect(space.getIncoming(a)).toHaveLength(1);
    expect(child.getIncoming(a)).toHaveLength(2);
    expect(child.getIncoming(a)).toContain(ac);
    expect(space.getIncoming(a, 'InheritanceLink')).toEqual([]);
    expect(child.getIncoming(a, 'InheritanceLink')).toEqual([ac]);
    expect([...space.atoms()]).not.toContain(c);
    child.dispose();
  });

  it('overlays values on parent atoms without changing the parent', () => {
    const { space, a, b, key } = base();
    const child = space.createChild();
    child.setTruthValue(a, stv(0.1, 0.2));
    child.setAttentionValue(b, av(5, 6, 7));
    child.setValue(a, key, new StringValue(['child']));
    const key2 = child.addNode('Predicate', 'key2');
    child.setValue(b, key2, new FloatValue([4]));

    expect(child.getTruthValue(a).equals(stv(0.1, 0.2))).toBe(true);
    expect(child.getAttentionValue(b).equals(av(5, 6, 7))).toBe(true);
    expect(child.getValue(a, key)).toEqual(new StringValue(['child']));
    expect(child.getValue(b, key2)).toEqual(new FloatValue([4]));
    expect(child.getKeys(b)).toEqual([key2]);

    expect(space.getTruthValue(a).equals(stv(0.9, 0.9))).toBe(true);
    expect(a.tv.equals(stv(0.9, 0.9))).toBe(true);
    expect(space.getAttentionValue(b).isDefault()).toBe(true);
    expect(space.getValue(a, key)).toEqual(new FloatValue([1, 2, 3]));
    expect(space.getKeys(b)).toEqual([]);
    child.dispose();
  });

  it('overlays the TV given when re-adding a parent atom', () => {
    const { space, a } = base();
    const child = space.createChild();
    expect(child.addNode('Concept', 'a', stv(0.3, 0.3))).toBe(a);
    expect(child.getTruthValue(a).equals(stv(0.3, 0.3))).toBe(true);
    expect(space.getTruthValue(a).equals(stv(0.9, 0.9))).toBe(true);
    child.dispose();
  });

  it('can hide a parent value by removing it in the frame', () => {
    const { space, a, key } = base();
    const child = space.createChild();
    child.setValue(a, key, undefined);
    expect(child.getValue(a, key)).toBeUndefined();
    expect(child.getKeys(a)).toEqual([]);
    expect(space.getValue(a, key)).toEqual(new FloatValue([1, 2, 3]));
    child.dispose();
  });

  it('reads parent values that change after the child was made, unless it overlays them', () => {
    const { space, a, b } = base();
    const child = space.createChild();
    child.setTruthValue(a, stv(0.1, 0.1));
    space.setTruthValue(a, stv(0.2, 0.2));
    space.setTruthValue(b, stv(0.4, 0.4));
    expect(child.getTruthValue(a).equals(stv(0.1, 0.1))).toBe(true);
    expect(child.getTruthValue(b).equals(stv(0.4, 0.4))).toBe(true);
    child.dispose();
  });

  it('layers frames: a grandchild sees the nearest overlay', () => {
    const { space, a } = base();
    const child = space.createChild();
    const grandchild = child.createChild();
    expect(grandchild.getTruthValue(a).equals(stv(0.9, 0.9))).toBe(true);
    child.setTruthValue(a, stv(0.5, 0.5));
    expect(grandchild.getTruthValue(a).equals(stv(0.5, 0.5))).toBe(true);
    grandchild.setTruthValue(a, stv(0.25, 0.25));
    expect(grandchild.getTruthValue(a).equals(stv(0.25, 0.25))).toBe(true);
    expect(child.getTruthValue(a).equals(stv(0.5, 0.5))).toBe(true);
    const own = child.addNode('Concept', 'mid');
    grandchild.setTruthValue(own, stv(0.7, 0.7));
    expect(child.getTruthValue(own).isDefault()).toBe(true);
    expect(grandchild.getTruthValue(own).equals(stv(0.7, 0.7))).toBe(true);
    expect(grandchild.size).toBe(space.size + 1);
    grandchild.dispose();
    child.dispose();
  });

  it('keeps sibling frames apart', () => {
    const { space, a } = base();
    const left = space.createChild();
    const right = space.createChild();
    const x = left.addNode('Concept', 'x');
    left.setTruthValue(a, stv(0.1, 0.1));
    expect(right.getNode('Concept', 'x')).toBeUndefined();
    expect(right.isVisible(x)).toBe(false);
    expect(right.getTruthValue(a).equals(stv(0.9, 0.9))).toBe(true);
    const x2 = right.addNode('Concept', 'x');
    expect(x2).not.toBe(x);
    const l = right.addLink('List', [x]);
    // an atom of the sibling is copied in, not shared
    expect(l.outgoing[0]).toBe(x2);
    expect(right.getIncoming(a)).toHaveLength(1);
    left.dispose();
    right.dispose();
  });

  it('refuses values on atoms it cannot see', () => {
    const { space } = base();
    const child = space.createChild();
    const c = child.addNode('Concept', 'c');
    for (const f of [() => space.setTruthValue(c, stv(1, 1)), () => space.setAttentionValue(c, av(1, 1)), () => space.setValue(c, c, undefined)]) {
      let error: unknown;
      try {
        f();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AtomSpaceError);
      expect((error as AtomSpaceError).code).toBe('NOT_IN_SPACE');
    }
    child.dispose();
  });

  it('finds an unordered link of the parent in any order', () => {
    const space = freshSpace();
    const [a, b, c] = ['a', 'b', 'c'].map((n) => space.addNode('Concept', n));
    const set = space.addLink('Set', [a, b, c]);
    const child = space.createChild();
    expect(child.addLink('Set', [c, b, a])).toBe(set);
    expect(child.ownSize).toBe(0);
    child.dispose();
  });
});

describe('committing a child', () => {
  it('moves its atoms and overlays into the parent and disposes it', () => {
    const { space, a, b, key } = base();
    const child = space.createChild();
    const c = child.addNode('Concept', 'c', stv(0.6, 0.6));
    child.setAttentionValue(c, av(1, 2, 3));
    child.addLink('Inheritance', [a, c], stv(0.7, 0.7));
    child.setTruthValue(a, stv(0.1, 0.2));
    child.setValue(a, key, undefined);
    const k2 = child.addNode('Predicate', 'k2');
    child.setValue(b, k2, new FloatValue([9]));
    child.setValue(c, key, new StringValue(['s']));

    child.commitToParent();

    const c2 = space.getNode('Concept', 'c')!;
    expect(c2).toBeDefined();
    expect(c2.owner).toBe(space);
    expect(space.getTruthValue(c2).equals(stv(0.6, 0.6))).toBe(true);
    expect(space.getAttentionValue(c2).equals(av(1, 2, 3))).toBe(true);
    expect(space.getValue(c2, key)).toEqual(new StringValue(['s']));
    const inh = space.getLink('Inheritance', [a, c2])!;
    expect(space.getTruthValue(inh).equals(stv(0.7, 0.7))).toBe(true);
    expect(space.getTruthValue(a).equals(stv(0.1, 0.2))).toBe(true);
    expect(space.getValue(a, key)).toBeUndefined();
    expect(space.getValue(b, space.getNode('Predicate', 'k2')!)).toEqual(new FloatValue([9]));
    expect(space.size).toBe(7);
    expect(space.getIncoming(a)).toHaveLength(2);
    // the child is gone: its atoms are dead and it holds nothing
    expect(c.isAlive).toBe(false);
    expect(child.ownSize).toBe(0);
  });

  it('gives the parent what the child saw', () => {
    const { space, a, b } = base();
    const child = space.createChild();
    child.addLink('Set', [child.addNode('Concept', 'x'), a]);
    child.setTruthValue(b, stv(0.3, 0.3));
    child.addNode('Number', '2.50');
    const seen = describeSpace(child);
    child.commitToParent();
    expect(describeSpace(space)).toEqual(seen);
  });

  it('commits through several levels', () => {
    const { space, a } = base();
    const child = space.createChild();
    const grandchild = child.createChild();
    grandchild.addLink('List', [a, grandchild.addNode('Concept', 'deep')]);
    grandchild.setTruthValue(a, stv(0.4, 0.4));
    grandchild.commitToParent();
    expect(child.getNode('Concept', 'deep')).toBeDefined();
    expect(space.getNode('Concept', 'deep')).toBeUndefined();
    expect(child.getTruthValue(a).equals(stv(0.4, 0.4))).toBe(true);
    expect(space.getTruthValue(a).equals(stv(0.9, 0.9))).toBe(true);
    child.commitToParent();
    expect(space.getNode('Concept', 'deep')!.owner).toBe(space);
    expect(space.getTruthValue(a).equals(stv(0.4, 0.4))).toBe(true);
  });

  it('keeps the child value of an atom the parent added meanwhile', () => {
    const space = freshSpace();
    const child = space.createChild();
    child.addNode('Concept', 'x', stv(0.5, 0.5));
    // the parent gets the same atom while the child is open (an async load, another writer)
    const x = space.addNode('Concept', 'x');
    child.commitToParent();
    expect(space.getNode('Concept', 'x')).toBe(x);
    expect(space.getTruthValue(x).equals(stv(0.5, 0.5))).toBe(true);
    expect(space.countByType('ConceptNode')).toBe(1);
  });

  it('moves keys and LinkValues that name child atoms', () => {
    const { space, a } = base();
    const child = space.createChild();
    const k = child.addNode('Predicate', 'childKey');
    const member = child.addNode('Concept', 'member');
    child.setValue(a, k, new LinkValue([member, new FloatValue([1])]));
    child.commitToParent();
    const k2 = space.getNode('Predicate', 'childKey')!;
    expect(k2.isAlive).toBe(true);
    const v = space.getValue(a, k2) as LinkValue;
    expect(v.kind).toBe('link');
    expect(v.items).toHaveLength(2);
  });

  it('is refused for a space without a parent', () => {
    const space = freshSpace();
    let error: unknown;
    try {
      space.commitToParent();
    } catch (e) {
      error = e;
    }
    expect((error as AtomSpaceError).code).toBe('NOT_IN_SPACE');
  });
});

describe('disposing a child', () => {
  it('leaves the parent as it was', () => {
    const { space, a } = base();
    const before = describeSpace(space);
    const child = space.createChild();
    const c = child.addNode('Concept', 'c');
    child.addLink('List', [a, c]);
    child.setTruthValue(a, stv(0.1, 0.1));
    child.dispose();
    expect(describeSpace(space)).toEqual(before);
    expect(c.isAlive).toBe(false);
    expect(space.getIncoming(a)).toHaveLength(1);
    expect(a.incomingList).toHaveLength(1);
    expect(child.size).toBe(space.size);
    // disposing twice is harmless
    child.dispose();
    expect(describeSpace(space)).toEqual(before);
  });

  it('makes the child refuse new atoms, which would show in the parent', () => {
    const { space, a } = base();
    const child = space.createChild('gone');
    child.dispose();
    for (const f of [() => child.addLink('List', [a]), () => child.addNode('Concept', 'late')]) {
      let error: unknown;
      try {
        f();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AtomSpaceError);
      expect((error as AtomSpaceError).code).toBe('NOT_IN_SPACE');
      expect((error as AtomSpaceError).message).toContain('gone');
    }
    expect(space.getIncoming(a)).toHaveLength(1);
    expect(space.remove(space.getIncoming(a)[0])).toBe(true);
    expect(space.remove(a)).toBe(true);
  });

  it('does not disturb the parent for later children', () => {
    const { space, a } = base();
    for (let i = 0; i < 3; i++) {
      const child = space.createChild();
      child.addLink('List', [a, child.addNode('Concept', `c${i}`)]);
      child.dispose();
    }
    expect(space.getIncoming(a)).toHaveLength(1);
    expect(space.size).toBe(4);
  });

  it('detaches many links that share a parent atom, and removes a grandchild\'s links to its atoms', () => {
    const { space, a } = base();
    const before = space.getIncoming(a).length;
    const child = space.createChild();
    const nodes = Array.from({ length: 5000 }, (_, i) => child.addNode('Number', String(i)));
    for (const n of nodes) child.addLink('List', [a, n]);
    const grandchild = child.createChild();
    const held = grandchild.addLink('Set', [nodes[0], a]);
    child.dispose();
    expect(space.getIncoming(a)).toHaveLength(before);
    expect(held.isAlive).toBe(false);
    expect(nodes.every((n) => !n.isAlive)).toBe(true);
    expect(child.ownSize).toBe(0);
  });
});
