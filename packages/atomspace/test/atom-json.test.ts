import fc from 'fast-check';
import {
  AtomSpace,
  AtomSpaceError,
  FloatValue,
  LinkValue,
  StringValue,
  atomFromJson,
  atomToJson,
  av,
  ctv,
  stv,
  truthValueFromJson,
  truthValueToJson,
  valueFromJson,
  valueToJson,
  type Value,
} from '../src';
import { buildValued, valuedSpecArb } from './support/arbitraries';
import { datasetTypes, describeSpace, describeValue, freshSpace, atomSpaceError } from './support/helpers';

describe('atoms to JSON', () => {
  it('writes nodes and links, values only when not default', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a', stv(0.5, 0.25));
    space.setAttentionValue(a, av(1, 2, 3));
    const l = space.addLink('List', [a, space.addNode('Concept', 'b')]);
    expect(atomToJson(l)).toEqual({
      type: 'ListLink',
      outgoing: [
        { type: 'ConceptNode', name: 'a', tv: { type: 'stv', strength: 0.5, confidence: 0.25 }, av: { sti: 1, lti: 2, vlti: 3 } },
        { type: 'ConceptNode', name: 'b' },
      ],
    });
    expect(atomToJson(l, { values: false })).toEqual({
      type: 'ListLink',
      outgoing: [
        { type: 'ConceptNode', name: 'a' },
        { type: 'ConceptNode', name: 'b' },
      ],
    });
    expect(atomToJson(space.addLink('Set', []))).toEqual({ type: 'SetLink', outgoing: [] });
  });

  it('writes keyed values, keys without their own values', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const k = space.addNode('Predicate', 'k', stv(0.9, 0.9));
    space.setValue(a, k, new LinkValue([space.addNode('Concept', 'm', stv(0.1, 0.1)), new FloatValue([1, 2]), new StringValue(['s'])]));
    expect(atomToJson(a)).toEqual({
      type: 'ConceptNode',
      name: 'a',
      values: [
        {
          key: { type: 'PredicateNode', name: 'k' },
          value: {
            kind: 'link',
            items: [
              { kind: 'atom', atom: { type: 'ConceptNode', name: 'm' } },
              { kind: 'float', items: [1, 2] },
              { kind: 'string', items: ['s'] },
            ],
          },
        },
      ],
    });
  });

  it('writes an atom that is its own key or holds itself in a value', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    space.setValue(a, a, new LinkValue([a]));
    expect(atomToJson(a)).toEqual({
      type: 'ConceptNode',
      name: 'a',
      values: [{ key: { type: 'ConceptNode', name: 'a' }, value: { kind: 'link', items: [{ kind: 'atom', atom: { type: 'ConceptNode', name: 'a' } }] } }],
    });
  });

  it('reads values through a child space', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const child = space.createChild();
    child.setTruthValue(a, ctv(0.5, 0.5, 7));
    expect(atomToJson(a, { space: child }).tv).toEqual({ type: 'ctv', strength: 0.5, confidence: 0.5, count: 7 });
    expect(atomToJson(a).tv).toBeUndefined();
    child.dispose();
  });

  it.each<[Value, unknown]>([
    [stv(0.1, 0.2), { kind: 'tv', type: 'stv', strength: 0.1, confidence: 0.2 }],
    [ctv(0.1, 0.2, 3), { kind: 'tv', type: 'ctv', strength: 0.1, confidence: 0.2, count: 3 }],
    [av(1, -2, 1), { kind: 'av', sti: 1, lti: -2, vlti: 1 }],
    [new FloatValue([]), { kind: 'float', items: [] }],
    [new StringValue(['x', '']), { kind: 'string', items: ['x', ''] }],
    [new LinkValue([new LinkValue([])]), { kind: 'link', items: [{ kind: 'link', items: [] }] }],
  ])('writes the value %s', (v, json) => {
    expect(valueToJson(v)).toEqual(json);
    expect(describeValue(valueFromJson(freshSpace(), JSON.parse(JSON.stringify(json))))).toBe(describeValue(v));
  });

  it('converts truth values both ways', () => {
    expect(truthValueToJson(stv(0.3, 0.4))).toEqual({ type: 'stv', strength: 0.3, confidence: 0.4 });
    expect(truthValueFromJson({ strength: 0.3, confidence: 0.4 }).equals(stv(0.3, 0.4))).toBe(true);
    expect(truthValueFromJson({ type: 'ctv', strength: 0.3, confidence: 0.4, count: 5 }).equals(ctv(0.3, 0.4, 5))).toBe(true);
  });
});

describe('atoms from JSON', () => {
  it('adds the atom and its values, in full or short type names', () => {
    const space = freshSpace();
    const atom = atomFromJson(space, {
      type: 'Evaluation',
      tv: { type: 'stv', strength: 0.5, confidence: 0.5 },
      outgoing: [
        { type: 'PredicateNode', name: 'p' },
        { type: 'List', outgoing: [{ type: 'Concept', name: 'a', av: { sti: 4, lti: 5 } }] },
      ],
      values: [{ key: { type: 'Predicate', name: 'k' }, value: { kind: 'float', items: [1.5] } }],
    });
    expect(atom.toString()).toBe('(EvaluationLink (PredicateNode "p") (ListLink (ConceptNode "a")))');
    expect(space.getTruthValue(atom).equals(stv(0.5, 0.5))).toBe(true);
    expect(space.getAttentionValue(space.getNode('Concept', 'a')!).equals(av(4, 5, 0))).toBe(true);
    expect(space.getValue(atom, space.getNode('Predicate', 'k')!)).toEqual(new FloatValue([1.5]));
    expect(atomFromJson(space, { type: 'ListLink', outgoing: [{ type: 'ConceptNode', name: 'a' }] })).toBe(atom.outgoing[1]);
  });

  it('finds existing atoms, unordered links in any order', () => {
    const space = freshSpace();
    const set = atomFromJson(space, { type: 'SetLink', outgoing: [{ type: 'Concept', name: 'x' }, { type: 'Concept', name: 'y' }] });
    expect(atomFromJson(space, { type: 'SetLink', outgoing: [{ type: 'Concept', name: 'y' }, { type: 'Concept', name: 'x' }] })).toBe(set);
    expect(space.size).toBe(3);
  });

  it('round-trips every atom and value (finite numbers)', () => {
    fc.assert(
      fc.property(fc.array(valuedSpecArb({ infinities: false }), { minLength: 1, maxLength: 5 }), (specs) => {
        const types = datasetTypes();
        const space = new AtomSpace({ types });
        for (const s of specs) buildValued(space, s);
        const json = structuredClone([...space.atoms()].sort((a, b) => a.id - b.id).map((a) => atomToJson(a)));
        const copy = new AtomSpace({ types });
        for (const j of json) atomFromJson(copy, j);
        expect(describeSpace(copy)).toEqual(describeSpace(space));
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips through JSON text', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a "quoted"\n', ctv(0.25, 0.5, 9));
    space.setAttentionValue(a, av(-3, 4, 1));
    space.setValue(a, space.addNode('Predicate', 'k'), new LinkValue([a, new FloatValue([0.1, 1e300]), new StringValue(['😀'])]));
    const top = space.addLink('And', [a, space.addLink('List', [space.addNode('Number', '2.5')], stv(0.5, 0.5))]);
    const copy = freshSpace();
    for (const atom of [space.getNode('Predicate', 'k')!, top]) atomFromJson(copy, JSON.parse(JSON.stringify(atomToJson(atom))));
    expect(describeSpace(copy)).toEqual(describeSpace(space));
  });
});

describe('JSON errors name the path of the problem', () => {
  const cases: [string, unknown, string, string?][] = [
    ['not an object', 42, '$ must be an object'],
    ['an array', [], '$ must be an object'],
    ['null', null, '$ must be an object'],
    ['no type', { name: 'x' }, '$.type must be a type name string'],
    ['an unknown type', { type: 'GeneNode', name: 'x' }, "$.type: unknown atom type 'GeneNode'"],
    ['a value type', { type: 'FloatValue', name: 'x' }, "$.type: unknown atom type 'FloatValue'"],
    ['an abstract type', { type: 'Node', name: 'x' }, '$: Node is abstract and cannot be created'],
    ['a node without a name', { type: 'ConceptNode' }, '$.name must be a string for node type ConceptNode'],
    ['a node with an outgoing set', { type: 'ConceptNode', name: 'x', outgoing: [] }, '$: a node has no outgoing set'],
    ['a link without outgoing', { type: 'ListLink' }, '$.outgoing must be an array for link type ListLink'],
    ['a link with a name', { type: 'ListLink', name: 'x', outgoing: [] }, '$: a link has no name'],
    [
      'a bad nested atom',
      { type: 'ListLink', outgoing: [{ type: 'Concept', name: 'a' }, { type: 'List', outgoing: [{ type: 'Concept', name: 1 }] }] },
      '$.outgoing[1].outgoing[0].name must be a string for node type ConceptNode',
    ],
    ['a bad NumberNode name', { type: 'NumberNode', name: 'ten' }, '$: NumberNode name must be a number, got "ten"'],
    ['a tv that is not an object', { type: 'Concept', name: 'a', tv: 1 }, '$.tv must be an object'],
    ['a tv without strength', { type: 'Concept', name: 'a', tv: { confidence: 1 } }, '$.tv.strength must be a finite number'],
    ['a tv out of range', { type: 'Concept', name: 'a', tv: { strength: 2, confidence: 1 } }, '$.tv: strength must be a number in [0, 1], got 2', 'INVALID_VALUE'],
    ['a tv of an unknown type', { type: 'Concept', name: 'a', tv: { type: 'itv', strength: 1, confidence: 1 } }, "$.tv.type must be 'stv' or 'ctv'"],
    ['a ctv without count', { type: 'Concept', name: 'a', tv: { type: 'ctv', strength: 1, confidence: 1 } }, '$.tv.count must be a finite number'],
    ['an av with a string', { type: 'Concept', name: 'a', av: { sti: '1', lti: 0 } }, '$.av.sti must be a finite number'],
    ['values that are not an array', { type: 'Concept', name: 'a', values: {} }, '$.values must be an array'],
    ['a value entry without key', { type: 'Concept', name: 'a', values: [{ value: { kind: 'float', items: [] } }] }, '$.values[0].key must be an object'],
    [
      'a value of unknown kind',
      { type: 'Concept', name: 'a', values: [{ key: { type: 'Predicate', name: 'k' }, value: { kind: 'bits' } }] },
      '$.values[0].value.kind must be one of tv, av, float, string, link',
    ],
    [
      'a float that is not a number',
      { type: 'Concept', name: 'a', values: [{ key: { type: 'Predicate', name: 'k' }, value: { kind: 'float', items: [1, null] } }] },
      '$.values[0].value.items[1] must be a finite number',
    ],
    [
      'a string value holding a number',
      { type: 'Concept', name: 'a', values: [{ key: { type: 'Predicate', name: 'k' }, value: { kind: 'string', items: [1] } }] },
      '$.values[0].value.items[0] must be a string',
    ],
    [
      'a link value with a bad atom',
      {
        type: 'Concept',
        name: 'a',
        values: [{ key: { type: 'Predicate', name: 'k' }, value: { kind: 'link', items: [{ kind: 'atom', atom: { type: 'Bogus' } }] } }],
      },
      "$.values[0].value.items[0].atom.type: unknown atom type 'Bogus'",
    ],
    [
      'a link value with items that are not an array',
      { type: 'Concept', name: 'a', values: [{ key: { type: 'Predicate', name: 'k' }, value: { kind: 'link', items: 'x' } }] },
      '$.values[0].value.items must be an array',
    ],
  ];

  it.each(cases)('%s', (_what, json, message, code = 'INVALID_ATOM') => {
    const e = atomSpaceError(() => atomFromJson(freshSpace(), json));
    expect(e.message).toBe(message);
    expect(e.code).toBe(code);
  });

  it('uses the path it is given', () => {
    expect(atomSpaceError(() => atomFromJson(freshSpace(), {}, 'body.atoms[3]')).message).toBe('body.atoms[3].type must be a type name string');
    expect(atomSpaceError(() => valueFromJson(freshSpace(), { kind: 'av', sti: 1, lti: Infinity }, 'v')).message).toBe('v.lti must be a finite number');
  });
});
