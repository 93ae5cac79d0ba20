import { atomToJson, executeQuery, isAtomValue, parseAtom, truthValueToJson, writeAtom, writeValue, type Atom, type AtomJson } from '@ai-opencog/atomspace';
import type { QueryResult as QueryResultJson, TruthValueJson } from '@ai-opencog/protocol';
import type { Space } from '../spaces/space';
import type { WorkingMemory } from '../spaces/working-memory';

export interface QueryLimits {
  timeLimitMs: number;
  maxResults: number;
  signal?: AbortSignal;
}

/** Query links whose results are rewritten atoms, added to the space as OpenCog's cog-execute! adds them. */
const REWRITING = new Set(['BindLink', 'QueryLink']);

/**
 * Runs a pattern-matcher query given in Atomese (GetLink, BindLink, QueryLink, MeetLink,
 * SatisfactionLink) within its time and result limits. The query is read and run in a frame
 * over the space, so the query atom and a GetLink's result SetLink do not stay in working
 * memory; the atoms a BindLink or QueryLink rewrites to are added to the space, with their
 * values. Over its time limit the query stops with QUERY_TIMEOUT and the space is unchanged;
 * beyond `maxResults` it stops early and answers `complete: false`.
 */
export function runQuery(memory: WorkingMemory, space: Space, text: string, limits: QueryLimits): { kind: string; result: QueryResultJson } {
  const frame = space.atoms.createChild('query');
  try {
    const query = parseAtom(frame, text, { file: 'query' });
    const kind = query.type.name.replace(/Link$/, '').toLowerCase();
    const r = executeQuery(frame, query, {
      timeLimitMs: limits.timeLimitMs,
      maxResults: limits.maxResults,
      ...(limits.signal ? { signal: limits.signal } : {}),
    });
    const json = (a: Atom) => atomToJson(a, { space: frame }) as AtomJson;
    let result: QueryResultJson;
    let produced: Atom[] = [];
    if (r.kind === 'set') {
      produced = [...r.atom.outgoing];
      result = { kind: 'set', complete: r.complete, atoms: produced.map(json), atomese: writeAtom(r.atom, { space: frame }) };
    } else if (r.kind === 'value') {
      produced = r.value.items.filter(isAtomValue) as Atom[];
      result = { kind: 'value', complete: r.complete, atoms: produced.map(json), atomese: writeValue(r.value) };
    } else {
      result = { kind: 'tv', complete: r.complete, tv: truthValueToJson(r.tv) as TruthValueJson };
    }
    if (REWRITING.has(query.type.name)) keep(memory, space, frame, produced);
    return { kind, result };
  } finally {
    frame.dispose();
  }
}

/** Moves rewritten atoms (and the values the frame gave them) from the frame into the space. */
function keep(memory: WorkingMemory, space: Space, frame: Space['atoms'], atoms: readonly Atom[]): void {
  const fresh = atoms.filter((a) => a.owner === frame);
  memory.checkRoom(space, fresh.length);
  for (const atom of atoms) {
    if (atom.owner === frame) {
      space.atoms.add(atom);
      continue;
    }
    const tv = frame.getTruthValue(atom);
    if (tv !== space.atoms.getTruthValue(atom)) space.atoms.setTruthValue(atom, tv);
  }
}
