import fc from 'fast-check';
import { TypeRegistry, type Atom } from '../src';
import { freshSpace } from './support/helpers';

function sample() {
  const types = new TypeRegistry();
  types.register('GeneNode', ['ConceptNode']);
  const space = freshSpace(types);
  const cat = space.addNode('Concept', 'cat');
  const dog = space.addNode('Concept', 'dog');
  const gene = space.addNode('Gene', 'IGF1');
  const p = space.addNode('Predicate', 'likes');
  const gp = space.addNode('GroundedPredicate', 'scm: f');
  const list = space.addLink('List', [cat, dog]);
  const inh = space.addLink('Inheritance', [cat, dog]);
  const sub = space.addLink('Subset', [dog, cat]);
  const ev = space.addLink('Evaluation', [p, list]);
  return { space, cat, dog, gene, p, gp, list, inh, sub, ev };
}

describe('atoms by type', () => {
  it('include subtypes by default', () => {
    const { space, cat, dog, gene } = sample();
    expect(new Set(space.getAtomsByType('ConceptNode'))).toEqual(new Set([cat, dog, gene]));
    expect(new Set(space.getAtomsByType('Concept', true))).toEqual(new Set([cat, dog, gene]));
  });

  it('can leave subtypes out', () => {
    const { space, cat, dog, gene, inh } = sample();
    expect(new Set(space.getAtomsByType('ConceptNode', false))).toEqual(new Set([cat, dog]));
    expect(space.getAtomsByType('GeneNode', false)).toEqual([gene]);
    expect(space.getAtomsByType('InheritanceLink', false)).toEqual([inh]);
  });

  it('answer abstract types through their subtypes', () => {
    const { space, p, gp, list, inh, sub, ev } = sample();
    expect(space.getAtomsByType('Node')).toHaveLength(5);
    expect(new Set(space.getAtomsByType('Link'))).toEqual(new Set([list, inh, sub, ev]));
    expect(space.getAtomsByType('Atom')).toHaveLength(9);
    expect(new Set(space.getAtomsByType('EvaluatableLink'))).toEqual(new Set([inh, sub, ev]));
    expect(new Set(space.getAtomsByType('PredicateNode'))).toEqual(new Set([p, gp]));
    expect(space.getAtomsByType('ProcedureNode')).toHaveLength(2);
    expect(space.getAtomsByType('Link', false)).toEqual([]);
    expect(space.getAtomsByType('SetLink')).toEqual([]);
  });

  it('count as they list', () => {
    const { space } = sample();
    for (const t of space.types.all()) {
      expect(space.countByType(t)).toBe(space.getAtomsByType(t).length);
      expect(space.countByType(t, false)).toBe(space.getAtomsByType(t, false).length);
    }
    expect(space.countByType('ConceptNode')).toBe(3);
    expect(space.countByType('ConceptNode', false)).toBe(2);
    expect(space.countByType('Atom')).toBe(space.size);
  });

  it('refuse unknown type names', () => {
    const { space } = sample();
    expect(() => space.getAtomsByType('NoSuchNode')).toThrow("unknown atom type 'NoSuchNode'");
    expect(() => space.countByType('NoSuchNode')).toThrow("unknown atom type 'NoSuchNode'");
  });

  it('follow removals', () => {
    const { space, cat, gene, list, inh, sub, ev } = sample();
    space.remove(gene);
    expect(space.countByType('ConceptNode')).toBe(2);
    expect(space.getAtomsByType('GeneNode')).toEqual([]);
    space.remove(cat, true);
    expect(space.getAtomsByType('ConceptNode').map((a) => a.name)).toEqual(['dog']);
    for (const l of [list, inh, sub, ev]) expect(space.getAtomsByType('Link')).not.toContain(l);
    expect(space.countByType('Link')).toBe(0);
  });

  it('give the histogram of types present, sorted by name', () => {
    const { space } = sample();
    expect(space.typeHistogram().map(({ type, count }) => [type.name, count])).toEqual([
      ['ConceptNode', 2],
      ['EvaluationLink', 1],
      ['GeneNode', 1],
      ['GroundedPredicateNode', 1],
      ['InheritanceLink', 1],
      ['ListLink', 1],
      ['PredicateNode', 1],
      ['SubsetLink', 1],
    ]);
    expect(space.typeHistogram().reduce((n, h) => n + h.count, 0)).toBe(space.size);
  });

  it('see the parent from a child, and the child only from the child', () => {
    const { space, cat, dog, gene } = sample();
    const child = space.createChild();
    const mouse = child.addNode('Concept', 'mouse');
    expect(new Set(child.getAtomsByType('ConceptNode'))).toEqual(new Set([cat, dog, gene, mouse]));
    expect(space.getAtomsByType('ConceptNode')).not.toContain(mouse);
    expect(child.countByType('ConceptNode')).toBe(4);
    expect(child.countByType('ConceptNode', false)).toBe(3);
    expect(space.countByType('ConceptNode')).toBe(3);
    expect(child.typeHistogram().find((h) => h.type.name === 'ConceptNode')!.count).toBe(3);
    expect(child.size).toBe(space.size + 1);
    expect(child.ownSize).toBe(1);
    expect(new Set(child.atoms())).toEqual(new Set([...space.atoms(), mouse]));
    child.dispose();
  });

  it('agree with a model under random adds and removes', () => {
    const typeNames = ['ConceptNode', 'PredicateNode', 'GroundedPredicateNode', 'ListLink', 'SetLink', 'SubsetLink'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(typeNames.length - 1), fc.nat(6), fc.boolean()), { maxLength: 80 }),
        (steps) => {
          const space = freshSpace();
          const nodes: Atom[] = [space.addNode('Concept', 'seed')];
          for (const [ti, k, remove] of steps) {
            const t = space.types.get(typeNames[ti]);
            if (remove) {
              const alive = [...space.atoms()];
              space.remove(alive[k % alive.length], true);
              if (space.size === 0) nodes.push(space.addNode('Concept', 'seed'));
            } else if (t.isNode) {
              nodes.push(space.addNode(t, `n${k}`));
            } else {
              const alive = [...space.atoms()];
              space.addLink(t, [alive[k % alive.length], alive[(k * 3) % alive.length]]);
            }
          }
          const all = [...space.atoms()];
          expect(new Set(all).size).toBe(space.size);
          for (const name of [...typeNames, 'Node', 'Link', 'Atom', 'InheritanceLink']) {
            const t = space.types.get(name);
            const withSub = all.filter((a) => a.type.isA(t));
            const exact = all.filter((a) => a.type === t);
            expect(new Set(space.getAtomsByType(t))).toEqual(new Set(withSub));
            expect(space.countByType(t)).toBe(withSub.length);
            expect(space.getAtomsByType(t, false)).toHaveLength(exact.length);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
