import type { GraphNeighbourhood } from '../src/common/ai-opencog-protocol';
import { AtomGraphModel, typeColour } from '../src/browser/atom-graph-model';

const cat = { type: 'ConceptNode', name: 'cat' };
const mammal = { type: 'ConceptNode', name: 'mammal' };
const animal = { type: 'ConceptNode', name: 'animal' };
const inh = (a: object, b: object, tv?: object) => ({ type: 'InheritanceLink', outgoing: [a, b], ...(tv ? { tv } : {}) });

const first: GraphNeighbourhood = {
  space: 's',
  centre: 'L1',
  truncated: false,
  nodes: [
    { id: 'L1', atom: inh(cat, mammal, { strength: 0.95, confidence: 0.9 }) as never, incomingCount: 0, depth: 0 },
    { id: 'cat', atom: cat, incomingCount: 1, depth: 1 },
    { id: 'mammal', atom: mammal, incomingCount: -1, depth: 1 },
  ],
  edges: [
    { source: 'L1', target: 'cat', position: 0 },
    { source: 'L1', target: 'mammal', position: 1 },
  ],
};

describe('AtomGraphModel', () => {
  it('turns a neighbourhood into cytoscape elements with colours, shapes and hovers', () => {
    const model = new AtomGraphModel();
    model.reset(first, 1);
    const els = model.elements();
    expect(els.filter((e) => e.group === 'nodes')).toHaveLength(3);
    expect(els.filter((e) => e.group === 'edges')).toHaveLength(2);
    const link = els.find((e) => e.data.id === 'L1')!.data;
    expect(link).toMatchObject({ label: 'Inheritance', shape: 'round-rectangle', centre: true, expanded: true, colour: typeColour('InheritanceLink') });
    expect(link.tooltip).toContain('truth value: (stv 0.95 0.9)');
    const node = els.find((e) => e.data.id === 'cat')!.data;
    expect(node).toMatchObject({ label: 'cat', shape: 'ellipse', expanded: false });
    expect(node.tooltip).toContain('(stv 1 0), the default');
    expect(model.typeCounts()).toEqual([
      { type: 'ConceptNode', count: 2, colour: typeColour('ConceptNode') },
      { type: 'InheritanceLink', count: 1, colour: typeColour('InheritanceLink') },
    ]);
  });

  it('adds only what an expansion found that was not there', () => {
    const model = new AtomGraphModel();
    model.reset(first, 1);
    const added = model.merge('mammal', {
      space: 's',
      centre: 'mammal',
      truncated: true,
      nodes: [
        { id: 'mammal', atom: mammal, incomingCount: 2, depth: 0 },
        { id: 'L2', atom: inh(mammal, animal) as never, incomingCount: 0, depth: 1 },
        { id: 'L1', atom: inh(cat, mammal) as never, incomingCount: 0, depth: 1 },
      ],
      edges: [
        { source: 'L2', target: 'mammal', position: 0 },
        { source: 'L1', target: 'mammal', position: 1 },
      ],
    });
    expect(added.map((e) => e.data.id)).toEqual(['L2', 'e:L2>0>mammal']);
    expect(model.isExpanded('mammal')).toBe(true);
    expect(model.node('mammal')?.incomingCount).toBe(2);
    expect(model.node('L2')?.depth).toBe(2);
    expect(model.truncated).toBe(true);
  });

  it('gives a type the same colour every time', () => {
    expect(typeColour('ConceptNode')).toBe(typeColour('ConceptNode'));
    expect(typeColour('ConceptNode')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
