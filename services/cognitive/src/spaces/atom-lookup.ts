import { AtomSpaceError, parseAtom, type Atom, type AtomJson, type AtomSpace } from '@ai-opencog/atomspace';

/**
 * The atom of `space` that `json` describes, or undefined; nothing is added. Type names are
 * resolved by the space's registry (an unknown one is UNKNOWN_TYPE); values in the JSON are
 * ignored.
 */
export function findAtom(space: AtomSpace, json: AtomJson): Atom | undefined {
  const type = space.types.find(json.type);
  if (type === undefined) throw new AtomSpaceError('UNKNOWN_TYPE', `unknown atom type '${json.type}'`);
  if (json.outgoing === undefined) {
    if (!type.isNode) throw new AtomSpaceError('INVALID_ATOM', `${type.name} is not a node type`);
    return space.getNode(type, json.name ?? '');
  }
  if (!type.isLink) throw new AtomSpaceError('INVALID_ATOM', `${type.name} is not a link type`);
  const outgoing: Atom[] = [];
  for (const o of json.outgoing) {
    const atom = findAtom(space, o);
    if (atom === undefined) return undefined;
    outgoing.push(atom);
  }
  return space.getLink(type, outgoing);
}

/**
 * The atom of `space` that one Atomese expression denotes, or undefined; nothing is added (the
 * text is read in a frame that is dropped). Parse errors are thrown as the reader throws them.
 */
export function findAtomese(space: AtomSpace, text: string, file = '<atomese>'): Atom | undefined {
  const frame = space.createChild('lookup');
  try {
    return space.get(parseAtom(frame, text, { file }));
  } finally {
    frame.dispose();
  }
}
