import fc from 'fast-check';
import { AtomSpace, parseAtomese, writeAtom, writeAtomSpace, writeValue, type Atom, type WriteOptions } from '../src';
import { atomSpecArb, build, buildValued, nameArb, valuedSpecArb } from './support/arbitraries';
import { datasetTypes, describeSpace, describeValue } from './support/helpers';

const types = datasetTypes();
const STYLES: WriteOptions[] = [
  { style: 'pretty', typeNames: 'full' },
  { style: 'pretty', typeNames: 'short' },
  { style: 'compact', typeNames: 'full' },
  { style: 'compact', typeNames: 'short' },
  { style: 'pretty', typeNames: 'short', indent: '\t' },
];

function spaceOf(specs: Parameters<typeof buildValued>[1][]): AtomSpace {
  const space = new AtomSpace({ types });
  for (const s of specs) buildValued(space, s);
  return space;
}

describe('write then read', () => {
  it('gives the same atoms with the same values, in every style', () => {
    fc.assert(
      fc.property(fc.array(valuedSpecArb(), { minLength: 1, maxLength: 6 }), (specs) => {
        const space = spaceOf(specs);
        const expected = describeSpace(space);
        for (const options of STYLES) {
          const text = [...writeAtomSpace(space, options)].join('\n');
          const copy = new AtomSpace({ types });
          parseAtomese(copy, text);
          expect(describeSpace(copy)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives one atom back from its own text, the same in every style', () => {
    fc.assert(
      fc.property(atomSpecArb, (spec) => {
        const space = new AtomSpace({ types });
        const atom = build(space, spec);
        for (const options of STYLES) {
          const copy = new AtomSpace({ types });
          const [back] = parseAtomese(copy, writeAtom(atom, options)) as Atom[];
          expect(back.toString()).toBe(atom.toString());
          expect(copy.size).toBe(space.size);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads node names back exactly', () => {
    fc.assert(
      fc.property(nameArb, (name) => {
        const space = new AtomSpace({ types });
        const [back] = parseAtomese(space, writeAtom(new AtomSpace({ types }).addNode('Concept', name))) as Atom[];
        expect(back.name).toBe(name);
      }),
      { numRuns: 500 },
    );
  });

  it('gives values written alone back', () => {
    fc.assert(
      fc.property(valuedSpecArb(), fc.constantFrom(...STYLES), (spec, options) => {
        const space = new AtomSpace({ types });
        const atom = buildValued(space, spec);
        for (const key of space.getKeys(atom)) {
          const v = space.getValue(atom, key)!;
          const [back] = parseAtomese(new AtomSpace({ types }), writeValue(v, options));
          expect(describeValue(back)).toBe(describeValue(v));
        }
      }),
      { numRuns: 300 },
    );
  });
});
