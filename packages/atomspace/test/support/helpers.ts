import * as path from 'node:path';
import { AtomeseError, AtomSpace, AtomSpaceError, TypeRegistry, parseAtomese, type Atom, type Value } from '../../src';

/** The OpenCog knowledge bases shipped in the repository (datasets/opencog), or AI_OPENCOG_DATASETS. */
export const DATASETS_DIR = process.env.AI_OPENCOG_DATASETS ?? path.resolve(__dirname, '../../../../datasets/opencog');

/** A registry with the custom types the datasets need, as agi-bio and PLN declare them. */
export function datasetTypes(): TypeRegistry {
  const types = new TypeRegistry();
  types.register('GeneNode', ['ConceptNode']);
  types.register('MoleculeNode', ['ConceptNode']);
  types.register('PredictiveImplicationLink', ['OrderedLink', 'EvaluatableLink']);
  return types;
}

/** A fresh space with its own registry, so tests never share registered types. */
export function freshSpace(types: TypeRegistry = new TypeRegistry()): AtomSpace {
  return new AtomSpace({ types });
}

/** Runs `f`, expects an AtomeseError, and returns it. */
/** The AtomSpaceError that `f` throws; fails the test when it throws nothing or something else. */
export function atomSpaceError(f: () => unknown): AtomSpaceError {
  try {
    f();
  } catch (e) {
    if (e instanceof AtomSpaceError) return e;
    throw e;
  }
  throw new Error('expected an AtomSpaceError');
}

export function atomeseError(f: () => unknown): AtomeseError {
  try {
    f();
  } catch (e) {
    if (e instanceof AtomeseError) return e;
    throw new Error(`expected an AtomeseError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  throw new Error('expected an AtomeseError, but nothing was thrown');
}

/** Reads `text` into a fresh space and returns the error it raises. */
export function readError(text: string, types?: TypeRegistry): AtomeseError {
  const space = freshSpace(types);
  return atomeseError(() => parseAtomese(space, text));
}

/** Splits `text` at the given cut positions (sorted, deduplicated, in range). */
export function splitAt(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < text.length))].sort((a, b) => a - b);
  const out: string[] = [];
  let prev = 0;
  for (const c of points) {
    out.push(text.slice(prev, c));
    prev = c;
  }
  out.push(text.slice(prev));
  return out;
}

/** Deterministic 32-bit PRNG (mulberry32) for seeded mutation tests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A description of everything a space holds that does not depend on atom identity: each atom
 * written compactly with its truth value, attention value and keyed values, sorted.
 */
export function describeSpace(space: AtomSpace): string[] {
  const out: string[] = [];
  for (const a of space.atoms()) out.push(describeAtom(space, a));
  return out.sort();
}

function describeAtom(space: AtomSpace, a: Atom): string {
  const parts = [a.toString(), space.getTruthValue(a).toString(), space.getAttentionValue(a).toString()];
  const keyed = space
    .getKeys(a)
    .map((k) => `${k.toString()}=${describeValue(space.getValue(a, k)!)}`)
    .sort();
  return [...parts, ...keyed].join(' ');
}

export function describeValue(v: Value | Atom): string {
  if ((v as Atom).isAtom === true) return (v as Atom).toString();
  const x = v as Value;
  switch (x.kind) {
    case 'tv':
    case 'av':
      return x.toString();
    case 'float':
      return `(FloatValue ${x.items.map((n) => (Object.is(n, -0) ? '-0' : String(n))).join(' ')})`;
    case 'string':
      return `(StringValue ${x.items.map((s) => JSON.stringify(s)).join(' ')})`;
    case 'link':
      return `(LinkValue ${x.items.map(describeValue).join(' ')})`;
  }
}
