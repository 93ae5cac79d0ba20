/** Kernel atoms to and from the flat records a store holds. */
import {
  AtomSpaceError,
  atomFromJson,
  atomToJson,
  truthValueFromJson,
  truthValueToJson,
  valueFromJson,
  valueToJson,
  type Atom,
  type AtomSpace,
} from '@ai-opencog/atomspace';
import { atomKey } from './atom-key';
import type { AtomKey, StoredAtom } from './atom-store';
import { StorageError } from './errors';

/** The record of `atom` with the values `space` sees on it. */
export function storedAtomOf(atom: Atom, space: AtomSpace): StoredAtom {
  const r: StoredAtom = { key: atomKey(atom), type: atom.type.name };
  if (atom.type.isNode) r.name = atom.name;
  else r.outgoing = atom.outgoing.map((a) => atomKey(a));
  const tv = space.getTruthValue(atom);
  if (!tv.isDefault()) r.tv = truthValueToJson(tv);
  const av = space.getAttentionValue(atom);
  if (!av.isDefault()) r.av = { sti: av.sti, lti: av.lti, vlti: av.vlti };
  const keys = space.getKeys(atom);
  if (keys.length > 0) {
    r.values = keys.map((k) => ({ key: atomToJson(k, { values: false }), value: valueToJson(space.getValue(atom, k)!) }));
  }
  return r;
}

/**
 * Adds the atom of `record` to `space` with its values; `resolve` finds its outgoing atoms (added
 * before). A type the space's registry lacks is UNKNOWN_TYPE.
 */
export function addStoredAtom(space: AtomSpace, record: StoredAtom, resolve: (key: AtomKey) => Atom | undefined): Atom {
  const type = space.types.find(record.type);
  if (!type) throw new StorageError('UNKNOWN_TYPE', `atom ${record.key}: type ${record.type} is not in the AtomSpace's type registry`);
  try {
    const atom = record.outgoing
      ? space.addLink(
          type,
          record.outgoing.map((k) => {
            const o = resolve(k);
            if (!o) throw new StorageError('INVALID_ATOM', `atom ${record.key}: outgoing atom ${k} was not read before it`);
            return o;
          }),
        )
      : space.addNode(type, record.name ?? '');
    if (record.tv) space.setTruthValue(atom, truthValueFromJson(record.tv));
    if (record.av) {
      const v = valueFromJson(space, { kind: 'av', ...record.av });
      if (v.kind === 'av') space.setAttentionValue(atom, v);
    }
    for (const { key, value } of record.values ?? []) space.setValue(atom, atomFromJson(space, key), valueFromJson(space, value));
    return atom;
  } catch (e) {
    if (e instanceof AtomSpaceError) throw new StorageError('INVALID_ATOM', `atom ${record.key}: ${e.message}`, { cause: e });
    throw e;
  }
}
