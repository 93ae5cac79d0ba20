import {
  av,
  AtomSpace,
  truthValueFromJson,
  truthValueToJson,
  valueFromJson,
  valueToJson,
  type Atom,
  type TruthValueJson,
  type TypeRegistry,
  type ValueJson,
} from '@ai-opencog/atomspace';

/**
 * A copy of a space's atoms and values as plain data, to hand to a worker thread (structured
 * clone). Atoms come in dependency order, each link after its outgoing atoms, which it names by
 * position; values follow, keys named by position too.
 */
export interface SpaceSnapshot {
  /** [type, name] for a node, [type, outgoing positions] for a link. */
  atoms: [string, string | number[]][];
  /** Non-default values: [position, tv or null, av or null, keyed values or null]. */
  values: [number, TruthValueJson | null, [number, number, number] | null, [number, ValueJson][] | null][];
}

export function snapshotSpace(space: AtomSpace): SpaceSnapshot {
  const position = new Map<Atom, number>();
  const atoms: SpaceSnapshot['atoms'] = [];
  const visit = (atom: Atom): number => {
    let p = position.get(atom);
    if (p !== undefined) return p;
    const entry: [string, string | number[]] = atom.type.isNode ? [atom.type.name, atom.name] : [atom.type.name, atom.outgoing.map(visit)];
    p = atoms.length;
    atoms.push(entry);
    position.set(atom, p);
    return p;
  };
  const all = [...space.atoms()];
  for (const atom of all) visit(atom);
  const values: SpaceSnapshot['values'] = [];
  for (const atom of all) {
    const tv = space.getTruthValue(atom);
    const a = space.getAttentionValue(atom);
    const keys = space.getKeys(atom);
    if (tv.isDefault() && a.isDefault() && keys.length === 0) continue;
    values.push([
      position.get(atom)!,
      tv.isDefault() ? null : truthValueToJson(tv),
      a.isDefault() ? null : [a.sti, a.lti, a.vlti],
      keys.length === 0 ? null : keys.map((k) => [visit(k), valueToJson(space.getValue(atom, k)!)]),
    ]);
  }
  return { atoms, values };
}

/** A new AtomSpace holding what the snapshot holds. */
export function restoreSpace(snapshot: SpaceSnapshot, types: TypeRegistry): AtomSpace {
  const space = new AtomSpace({ types });
  const atoms: Atom[] = [];
  for (const [type, body] of snapshot.atoms) {
    atoms.push(typeof body === 'string' ? space.addNode(type, body) : space.addLink(type, body.map((p) => atoms[p])));
  }
  for (const [p, tv, attention, keyed] of snapshot.values) {
    const atom = atoms[p];
    if (tv) space.setTruthValue(atom, truthValueFromJson(tv));
    if (attention) space.setAttentionValue(atom, av(attention[0], attention[1], attention[2]));
    for (const [k, value] of keyed ?? []) space.setValue(atom, atoms[k], valueFromJson(space, value));
  }
  return space;
}
