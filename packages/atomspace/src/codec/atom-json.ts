import type { Atom } from '../atoms/atom';
import type { AtomSpace } from '../atoms/atomspace';
import { AtomSpaceError } from '../errors';
import { av, type AttentionValue } from '../values/attention-value';
import { ctv, stv, type TruthValue } from '../values/truth-value';
import { FloatValue, isAtomValue, LinkValue, StringValue, type Value } from '../values/value';

/** JSON form of a truth value. */
export type TruthValueJson =
  | { type: 'stv'; strength: number; confidence: number }
  | { type: 'ctv'; strength: number; confidence: number; count: number };

export interface AttentionValueJson {
  sti: number;
  lti: number;
  vlti: number;
}

/** JSON form of an atom: `{type, name}` for nodes, `{type, outgoing}` for links, values when not default. */
export interface AtomJson {
  type: string;
  name?: string;
  outgoing?: AtomJson[];
  tv?: TruthValueJson;
  av?: AttentionValueJson;
  values?: { key: AtomJson; value: ValueJson }[];
}

export type ValueJson =
  | ({ kind: 'tv' } & TruthValueJson)
  | ({ kind: 'av' } & AttentionValueJson)
  | { kind: 'float'; items: number[] }
  | { kind: 'string'; items: string[] }
  | { kind: 'link'; items: (ValueJson | { kind: 'atom'; atom: AtomJson })[] };

export interface AtomJsonOptions {
  /** Read values through this space (frames overlay values). */
  space?: AtomSpace;
  /** Include non-default values (default true). */
  values?: boolean;
}

export function truthValueToJson(tv: TruthValue): TruthValueJson {
  return tv.ctor === 'ctv'
    ? { type: 'ctv', strength: tv.strength, confidence: tv.confidence, count: tv.count }
    : { type: 'stv', strength: tv.strength, confidence: tv.confidence };
}

export function atomToJson(atom: Atom, options: AtomJsonOptions = {}): AtomJson {
  const out: AtomJson = { type: atom.type.name };
  if (atom.type.isNode) out.name = atom.name;
  else out.outgoing = atom.outgoing.map((a) => atomToJson(a, options));
  if (options.values === false) return out;
  const space = options.space;
  const tv = space ? space.getTruthValue(atom) : atom.tv;
  const attention = space ? space.getAttentionValue(atom) : atom.av;
  if (!tv.isDefault()) out.tv = truthValueToJson(tv);
  if (!attention.isDefault()) out.av = { sti: attention.sti, lti: attention.lti, vlti: attention.vlti };
  const keys = space ? space.getKeys(atom) : atom.keys();
  if (keys.length > 0) {
    out.values = keys.map((k) => ({
      key: atomToJson(k, { values: false }),
      value: valueToJson((space ? space.getValue(atom, k) : atom.getValue(k))!),
    }));
  }
  return out;
}

export function valueToJson(v: Value): ValueJson {
  switch (v.kind) {
    case 'tv':
      return { kind: 'tv', ...truthValueToJson(v) };
    case 'av':
      return { kind: 'av', sti: v.sti, lti: v.lti, vlti: v.vlti };
    case 'float':
      return { kind: 'float', items: [...v.items] };
    case 'string':
      return { kind: 'string', items: [...v.items] };
    case 'link':
      return {
        kind: 'link',
        // Atoms inside a value go without their own values, as keys do (an atom may hold itself).
        items: v.items.map((x) =>
          isAtomValue(x) ? { kind: 'atom' as const, atom: atomToJson(x, { values: false }) } : valueToJson(x),
        ),
      };
  }
}

/**
 * Adds the atom described by `json` (and its values) to `space`. Malformed input is an
 * AtomSpaceError('INVALID_ATOM') whose message names the JSON path of the problem.
 */
export function atomFromJson(space: AtomSpace, json: unknown, path = '$'): Atom {
  const o = object(json, path);
  if (typeof o.type !== 'string') fail(`${path}.type must be a type name string`);
  const type = space.types.find(o.type);
  if (!type || !(type.isNode || type.isLink)) fail(`${path}.type: unknown atom type '${o.type}'`);
  let atom: Atom;
  if (type.isNode) {
    if (typeof o.name !== 'string') fail(`${path}.name must be a string for node type ${type.name}`);
    if (o.outgoing !== undefined) fail(`${path}: a node has no outgoing set`);
    atom = wrap(path, () => space.addNode(type, o.name as string));
  } else {
    if (!Array.isArray(o.outgoing)) fail(`${path}.outgoing must be an array for link type ${type.name}`);
    if (o.name !== undefined) fail(`${path}: a link has no name`);
    const out = (o.outgoing as unknown[]).map((x, i) => atomFromJson(space, x, `${path}.outgoing[${i}]`));
    atom = wrap(path, () => space.addLink(type, out));
  }
  if (o.tv !== undefined) space.setTruthValue(atom, truthValueFromJson(o.tv, `${path}.tv`));
  if (o.av !== undefined) space.setAttentionValue(atom, attentionValueFromJson(o.av, `${path}.av`));
  if (o.values !== undefined) {
    if (!Array.isArray(o.values)) fail(`${path}.values must be an array`);
    (o.values as unknown[]).forEach((entry, i) => {
      const e = object(entry, `${path}.values[${i}]`);
      const key = atomFromJson(space, e.key, `${path}.values[${i}].key`);
      space.setValue(atom, key, valueFromJson(space, e.value, `${path}.values[${i}].value`));
    });
  }
  return atom;
}

export function truthValueFromJson(json: unknown, path = '$'): TruthValue {
  const t = object(json, path);
  const s = num(t.strength, `${path}.strength`);
  const c = num(t.confidence, `${path}.confidence`);
  if (t.type === 'ctv') {
    const n = num(t.count, `${path}.count`);
    return wrap(path, () => ctv(s, c, n));
  }
  if (t.type !== undefined && t.type !== 'stv') fail(`${path}.type must be 'stv' or 'ctv'`);
  return wrap(path, () => stv(s, c));
}

function attentionValueFromJson(json: unknown, path: string): AttentionValue {
  const a = object(json, path);
  const sti = num(a.sti, `${path}.sti`);
  const lti = num(a.lti, `${path}.lti`);
  const vlti = num(a.vlti ?? 0, `${path}.vlti`);
  return wrap(path, () => av(sti, lti, vlti));
}

export function valueFromJson(space: AtomSpace, json: unknown, path = '$'): Value {
  const v = object(json, path);
  switch (v.kind) {
    case 'tv':
      return truthValueFromJson(v, path);
    case 'av':
      return attentionValueFromJson(v, path);
    case 'float':
      return new FloatValue(array(v.items, `${path}.items`).map((x, i) => num(x, `${path}.items[${i}]`)));
    case 'string':
      return new StringValue(
        array(v.items, `${path}.items`).map((x, i) => (typeof x === 'string' ? x : fail(`${path}.items[${i}] must be a string`))),
      );
    case 'link':
      return new LinkValue(
        array(v.items, `${path}.items`).map((x, i) => {
          const p = `${path}.items[${i}]`;
          const item = object(x, p);
          return item.kind === 'atom' ? atomFromJson(space, item.atom, `${p}.atom`) : valueFromJson(space, item, p);
        }),
      );
    default:
      return fail(`${path}.kind must be one of tv, av, float, string, link`);
  }
}

function object(x: unknown, path: string): Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) fail(`${path} must be an object`);
  return x as Record<string, unknown>;
}

function array(x: unknown, path: string): unknown[] {
  if (!Array.isArray(x)) fail(`${path} must be an array`);
  return x as unknown[];
}

function num(x: unknown, path: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${path} must be a finite number`);
  return x as number;
}

function wrap<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof AtomSpaceError) throw new AtomSpaceError(e.code === 'INVALID_VALUE' ? 'INVALID_VALUE' : 'INVALID_ATOM', `${path}: ${e.message}`);
    throw e;
  }
}

function fail(message: string): never {
  throw new AtomSpaceError('INVALID_ATOM', message);
}
