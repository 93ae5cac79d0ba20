import fc from 'fast-check';
import {
  FloatValue,
  LinkValue,
  StringValue,
  av,
  ctv,
  stv,
  type Atom,
  type AtomSpace,
  type AttentionValue,
  type TruthValue,
  type Value,
} from '../../src';

/** Node names: any unicode, and names made of the characters that need escaping or look like syntax. */
export const nameArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({
    unit: fc.constantFrom('"', '\\', '\n', '\r', '\t', ' ', '(', ')', '[', ';', '#|', '|#', "'", 'x41;', '\x00', '\x1b', '\x7f', 'λ', '😀', 'a'),
    maxLength: 8,
  }),
);

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

export const tvArb: fc.Arbitrary<TruthValue> = fc.oneof(
  fc.tuple(unit, unit).map(([s, c]) => stv(s, c)),
  fc.tuple(unit, unit, fc.double({ min: 0, max: 1e12, noNaN: true })).map(([s, c, n]) => ctv(s, c, n)),
);

export const avArb: fc.Arbitrary<AttentionValue> = fc
  .tuple(fc.oneof(fc.integer({ min: -32768, max: 32767 }), finite), fc.integer({ min: -32768, max: 32767 }), fc.nat(1))
  .map(([s, l, v]) => av(s, l, v));

/** Shapes of atoms, built into a space by {@link build}. */
export type AtomSpec = { node: string; name: string } | { link: string; out: AtomSpec[] };

export interface ValuedSpec {
  atom: AtomSpec;
  tv?: TruthValue;
  av?: AttentionValue;
  keyed: { key: AtomSpec; value: ValueSpec }[];
}

export type ValueSpec =
  | { tv: TruthValue }
  | { av: AttentionValue }
  | { floats: number[] }
  | { strings: string[] }
  | { items: (ValueSpec | { atom: AtomSpec })[] };

const NODE_TYPES = ['ConceptNode', 'PredicateNode', 'VariableNode', 'SchemaNode', 'GeneNode', 'AnchorNode'];
const LINK_TYPES = ['ListLink', 'EvaluationLink', 'InheritanceLink', 'MemberLink', 'ExecutionLink', 'SetLink', 'AndLink', 'OrLink', 'SimilarityLink', 'VariableList'];

const nodeSpec: fc.Arbitrary<AtomSpec> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ node: fc.constantFrom(...NODE_TYPES), name: nameArb }) },
  // a small alphabet of names so that atoms repeat and unordered links see equal members
  { weight: 3, arbitrary: fc.record({ node: fc.constantFrom('ConceptNode', 'PredicateNode'), name: fc.constantFrom('a', 'b', 'c') }) },
  {
    weight: 1,
    arbitrary: fc.record({ node: fc.constant('NumberNode'), name: finite.map((x) => String(x)) }),
  },
);

export const atomSpecArb: fc.Arbitrary<AtomSpec> = fc.letrec<{ atom: AtomSpec }>((tie) => ({
  atom: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nodeSpec,
    fc.record({ link: fc.constantFrom(...LINK_TYPES), out: fc.array(tie('atom'), { maxLength: 4 }) }),
  ),
})).atom;

function valueSpecArb(withInfinities: boolean): fc.Arbitrary<ValueSpec> {
  const floats = fc.double({ noNaN: true, noDefaultInfinity: !withInfinities });
  return fc.letrec<{ value: ValueSpec }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ floats: fc.array(fc.oneof(floats, fc.constant(-0)), { maxLength: 4 }) }),
      fc.record({ strings: fc.array(nameArb, { maxLength: 3 }) }),
      fc.record({ tv: tvArb }),
      fc.record({ av: avArb }),
      fc.record({ items: fc.array(fc.oneof(tie('value'), fc.record({ atom: atomSpecArb })), { maxLength: 3 }) }),
    ),
  })).value;
}

export function valuedSpecArb(options: { infinities?: boolean } = {}): fc.Arbitrary<ValuedSpec> {
  return fc.record(
    {
      atom: atomSpecArb,
      tv: tvArb,
      av: avArb,
      keyed: fc.array(fc.record({ key: fc.oneof(nodeSpec, atomSpecArb), value: valueSpecArb(options.infinities ?? true) }), {
        maxLength: 3,
      }),
    },
    { requiredKeys: ['atom', 'keyed'] },
  );
}

/** Adds the atom of `spec` to `space`. */
export function build(space: AtomSpace, spec: AtomSpec): Atom {
  return 'node' in spec ? space.addNode(spec.node, spec.name) : space.addLink(spec.link, spec.out.map((o) => build(space, o)));
}

function buildValue(space: AtomSpace, spec: ValueSpec): Value {
  if ('tv' in spec) return spec.tv;
  if ('av' in spec) return spec.av;
  if ('floats' in spec) return new FloatValue(spec.floats);
  if ('strings' in spec) return new StringValue(spec.strings);
  return new LinkValue(spec.items.map((i) => ('atom' in i ? build(space, i.atom) : buildValue(space, i))));
}

/** Adds the atom of `spec` with its values. */
export function buildValued(space: AtomSpace, spec: ValuedSpec): Atom {
  const atom = build(space, spec.atom);
  if (spec.tv) space.setTruthValue(atom, spec.tv);
  if (spec.av) space.setAttentionValue(atom, spec.av);
  for (const { key, value } of spec.keyed) space.setValue(atom, build(space, key), buildValue(space, value));
  return atom;
}
