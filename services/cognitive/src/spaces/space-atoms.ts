import { AtomeseReader, atomFromJson, atomToJson, writeAtom, type Atom, type AtomJson } from '@ai-opencog/atomspace';
import {
  LIMITS,
  ServiceError,
  type AddAtomsResponse,
  type AtomDetail,
  type AtomPage,
  type AtomRecord,
  type AtomRef,
} from '@ai-opencog/protocol';
import { findAtom, findAtomese } from './atom-lookup';
import type { Space } from './space';
import type { WorkingMemory } from './working-memory';

/*
 * The atom operations of a space, as the routes need them: add (all or nothing), list, look up,
 * describe and remove. The routes only translate HTTP to these calls.
 */

/** An atom as the protocol lists it: handle, JSON with values, and Atomese when asked. */
export function recordOf(space: Space, atom: Atom, atomese = false): AtomRecord {
  const record: AtomRecord = { handle: space.handleOf(atom), atom: atomToJson(atom, { space: space.atoms }) as AtomJson };
  if (atomese) record.atomese = writeAtom(atom, { space: space.atoms, style: 'compact' });
  return record;
}

/**
 * Adds Atomese text or JSON atoms, all or nothing: the input is read into a frame over the
 * space, which is committed only when every expression was read and the space has room; a parse
 * error (PARSE_ERROR with file, line and column), an unknown type or a bad JSON atom leaves the
 * space as it was.
 */
export function addAtoms(memory: WorkingMemory, space: Space, input: { atomese?: string; file?: string; atoms?: readonly unknown[] }): AddAtomsResponse {
  const frame = space.atoms.createChild('add');
  const read: Atom[] = [];
  try {
    if (input.atomese !== undefined) {
      const reader = new AtomeseReader(frame, { file: input.file ?? '<atomese>' }, (item) => {
        if ((item as Atom).isAtom === true) read.push(item as Atom);
      });
      reader.push(input.atomese);
      reader.end();
    } else {
      (input.atoms ?? []).forEach((json, i) => read.push(atomFromJson(frame, json, `$.atoms[${i}]`)));
    }
    memory.checkRoom(space, frame.ownSize);
    frame.commitToParent();
  } catch (error) {
    frame.dispose();
    throw error;
  }
  const echoed = read.slice(0, LIMITS.atomsEchoed).map((a) => recordOf(space, space.atoms.get(a)!));
  return { count: read.length, atoms: echoed, truncated: read.length > echoed.length };
}

/** A page of atoms, oldest first: all of them, or those of a type (with its subtypes unless told otherwise). */
export function listAtoms(
  space: Space,
  query: { type?: string; subtypes: boolean; atomese: boolean; cursor?: string; offset?: number; limit: number },
): AtomPage {
  const offset = query.cursor !== undefined ? offsetOfCursor(query.cursor) : (query.offset ?? 0);
  let atoms: Atom[];
  let total: number;
  if (query.type === undefined) {
    total = space.size;
    atoms = [];
    let i = 0;
    for (const atom of space.ordered()) {
      if (i++ < offset) continue;
      if (atoms.length === query.limit) break;
      atoms.push(atom);
    }
  } else {
    const type = space.atoms.types.get(query.type);
    const all = space.atoms.getAtomsByType(type, query.subtypes).sort((a, b) => a.id - b.id);
    total = all.length;
    atoms = all.slice(offset, offset + query.limit);
  }
  const next = offset + atoms.length;
  return {
    items: atoms.map((a) => recordOf(space, a, query.atomese)),
    total,
    ...(next < total ? { nextCursor: `offset:${next}` } : {}),
  };
}

function offsetOfCursor(cursor: string): number {
  const m = /^offset:(\d{1,12})$/.exec(cursor);
  if (!m) throw new ServiceError('VALIDATION_FAILED', 'the cursor is not one this service gave', {
    issues: [{ location: 'query', path: ['cursor'], code: 'custom', message: 'unknown cursor' }],
  });
  return Number(m[1]);
}

/** The atom a reference names (handle, JSON or Atomese), or ATOM_NOT_FOUND; nothing is added. */
export function resolveAtom(space: Space, ref: AtomRef): Atom {
  if (ref.handle !== undefined) return space.require(ref.handle);
  const atom = ref.atom !== undefined ? findAtom(space.atoms, ref.atom as AtomJson) : findAtomese(space.atoms, ref.atomese!);
  if (atom === undefined) throw new ServiceError('ATOM_NOT_FOUND', `space ${space.name} does not hold that atom`);
  return atom;
}

/** An atom with its values, its incoming count and, when asked, its incoming set. */
export function describeAtom(space: Space, atom: Atom, options: { incoming: boolean; atomese: boolean }): AtomDetail {
  const incoming = space.atoms.getIncoming(atom);
  return {
    ...recordOf(space, atom, options.atomese),
    incomingCount: incoming.length,
    ...(options.incoming ? { incoming: incoming.slice(0, LIMITS.atomsEchoed).map((l) => recordOf(space, l, options.atomese)) } : {}),
  };
}

/** Removes an atom (HAS_INCOMING while links hold it, unless recursive); returns how many atoms went. */
export function removeAtom(space: Space, handle: string, recursive: boolean): { removed: number } {
  const atom = space.require(handle);
  const incoming = space.atoms.getIncoming(atom).length;
  if (incoming > 0 && !recursive) {
    throw new ServiceError('HAS_INCOMING', `the atom is held by ${incoming} link${incoming === 1 ? '' : 's'}; remove it recursively to remove them too`, {
      incomingCount: incoming,
    });
  }
  const before = space.size;
  space.atoms.remove(atom, recursive);
  return { removed: before - space.size };
}
