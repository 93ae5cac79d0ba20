import { AtomSpaceError, FloatValue, stv } from '../src';
import { freshSpace } from './support/helpers';

describe('plain removal', () => {
  it('removes an atom without incoming links', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    expect(space.remove(a)).toBe(true);
    expect(a.isAlive).toBe(false);
    expect(space.getNode('Concept', 'a')).toBeUndefined();
    expect(space.size).toBe(0);
    expect(space.countByType('ConceptNode')).toBe(0);
    expect([...space.atoms()]).toEqual([]);
    expect(space.typeHistogram()).toEqual([]);
  });

  it('refuses an atom with incoming links and changes nothing', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const l = space.addLink('List', [a]);
    expect(space.remove(a)).toBe(false);
    expect(a.isAlive).toBe(true);
    expect(l.isAlive).toBe(true);
    expect(space.size).toBe(2);
    expect(space.getIncoming(a)).toEqual([l]);
  });

  it('removes a link and leaves its outgoing atoms, without the link in their incoming sets', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const b = space.addNode('Concept', 'b');
    const l = space.addLink('List', [a, b]);
    expect(space.remove(l)).toBe(true);
    expect(a.isAlive && b.isAlive).toBe(true);
    expect(space.getIncoming(a)).toEqual([]);
    expect(space.getIncoming(b)).toEqual([]);
    expect(space.getLink('List', [a, b])).toBeUndefined();
    // now a can go
    expect(space.remove(a)).toBe(true);
  });

  it('returns false for an atom already removed or of another space', () => {
    const space = freshSpace();
    const other = freshSpace(space.types);
    const a = space.addNode('Concept', 'a');
    const x = other.addNode('Concept', 'a');
    expect(space.remove(x)).toBe(false);
    expect(x.isAlive).toBe(true);
    expect(space.remove(a)).toBe(true);
    expect(space.remove(a)).toBe(false);
    expect(space.remove(a, true)).toBe(false);
  });

  it('lets the same atom be added again as a new atom with default values', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a', stv(0.5, 0.5));
    space.remove(a);
    const again = space.addNode('Concept', 'a');
    expect(again).not.toBe(a);
    expect(again.isAlive).toBe(true);
    expect(space.getTruthValue(again).isDefault()).toBe(true);
    expect(space.getNode('Concept', 'a')).toBe(again);
  });

  it('handles a link with the same atom twice', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const aa = space.addLink('List', [a, a]);
    expect(space.getIncoming(a)).toEqual([aa]);
    expect(space.remove(aa)).toBe(true);
    expect(space.getIncoming(a)).toEqual([]);
    expect(space.remove(a)).toBe(true);
  });
});

describe('recursive removal', () => {
  it('removes every link above the atom, as cog-extract-recursive! does', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const b = space.addNode('Concept', 'b');
    const ab = space.addLink('List', [a, b]);
    const top = space.addLink('Evaluation', [space.addNode('Predicate', 'p'), ab]);
    const aOnly = space.addLink('Set', [a]);
    const unrelated = space.addLink('List', [b]);
    expect(space.remove(a, true)).toBe(true);
    for (const gone of [a, ab, top, aOnly]) expect(gone.isAlive).toBe(false);
    for (const kept of [b, unrelated, space.getNode('Predicate', 'p')!]) expect(kept.isAlive).toBe(true);
    expect(space.size).toBe(3);
    expect(space.getIncoming(b)).toEqual([unrelated]);
  });

  it('keeps the outgoing atoms of the removed links', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const l = space.addLink('List', [a]);
    expect(space.remove(l, true)).toBe(true);
    expect(a.isAlive).toBe(true);
  });

  it('removes a wide fan of incoming links', () => {
    const space = freshSpace();
    const hub = space.addNode('Concept', 'hub');
    const links = [];
    for (let i = 0; i < 50; i++) links.push(space.addLink('List', [hub, space.addNode('Concept', `n${i}`)]));
    expect(space.getIncoming(hub)).toHaveLength(50);
    // removing some of the links first keeps the rest in the incoming set
    for (let i = 0; i < 50; i += 5) expect(space.remove(links[i])).toBe(true);
    expect(space.getIncoming(hub)).toHaveLength(40);
    expect(space.getIncoming(hub)).not.toContain(links[0]);
    expect(space.remove(hub, true)).toBe(true);
    expect(links.every((l) => !l.isAlive)).toBe(true);
    expect(space.size).toBe(50);
  });

  it('removes a diamond (a link reached twice) once', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const l1 = space.addLink('List', [a]);
    const l2 = space.addLink('Set', [a]);
    const top = space.addLink('List', [l1, l2]);
    const removed: string[] = [];
    space.subscribe((e) => {
      if (e.kind === 'remove') removed.push(e.atom.toString());
    });
    expect(space.remove(a, true)).toBe(true);
    expect(top.isAlive).toBe(false);
    expect(removed).toHaveLength(4);
    expect(new Set(removed).size).toBe(4);
    expect(space.size).toBe(0);
  });
});

describe('clear', () => {
  it('removes everything', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    space.addLink('List', [a, space.addLink('Set', [a])]);
    space.clear();
    expect(space.size).toBe(0);
    expect(a.isAlive).toBe(false);
    expect([...space.atoms()]).toEqual([]);
    expect(space.addNode('Concept', 'a')).not.toBe(a);
  });
});

describe('removal and child spaces', () => {
  it('refuses to remove through a child an atom of its parent', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const child = space.createChild();
    let error: unknown;
    try {
      child.remove(a);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AtomSpaceError);
    expect((error as AtomSpaceError).code).toBe('NOT_IN_SPACE');
    expect((error as AtomSpaceError).message).toContain('(ConceptNode "a")');
    expect(a.isAlive).toBe(true);
    child.dispose();
  });

  it('refuses a plain removal in the parent of an atom used by a child link', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const child = space.createChild();
    const l = child.addLink('List', [a]);
    expect(space.remove(a)).toBe(false);
    expect(a.isAlive).toBe(true);
    expect(space.remove(a, true)).toBe(true);
    expect(l.isAlive).toBe(false);
    expect(child.size).toBe(0);
    child.dispose();
  });

  it('drops the values a child overlaid on a removed atom', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const key = space.addNode('Predicate', 'k');
    const child = space.createChild();
    child.setTruthValue(a, stv(0.5, 0.5));
    child.setValue(a, key, new FloatValue([1]));
    space.remove(a);
    const again = space.addNode('Concept', 'a');
    expect(child.getTruthValue(again).isDefault()).toBe(true);
    expect(child.getValue(again, key)).toBeUndefined();
    child.dispose();
  });
});
