import type { AtomRecord, CognitiveClient, KnowledgeClient } from '@ai-opencog/protocol';
import type { AtomListPage, AtomListRequest } from '../common/ai-opencog-protocol';
import { classicTypes } from '../common/atom-type-info';
import type { SpaceSnapshots } from './space-snapshots';

/*
 * Pages of atoms for the explorer. Knowledge bases search node names themselves; the cognitive
 * service lists a space's atoms by type only, so a search there reads a snapshot of the space (see
 * space-snapshots.ts; at most its bound of atoms) and keeps the atoms whose name, or a member's
 * name, holds the text.
 */

export async function listAtomPage(
  clients: { cognitive: Pick<CognitiveClient, 'listAtoms'>; knowledge: Pick<KnowledgeClient, 'searchAtoms'> },
  request: AtomListRequest,
  snapshots: Pick<SpaceSnapshots, 'get'>,
  signal?: AbortSignal,
): Promise<AtomListPage> {
  const { source, offset, limit } = request;
  const search = request.search?.trim() || undefined;
  if (source.kind === 'base') {
    const page = await clients.knowledge.searchAtoms(
      source.name,
      { offset, limit, ...(request.type ? { type: request.type } : {}), ...(search ? { name: search, match: 'substring' as const } : {}) },
      { signal },
    );
    return { items: page.items, offset, total: page.total, hasMore: page.nextCursor !== undefined };
  }
  if (!search) {
    const page = await clients.cognitive.listAtoms(source.name, { offset, limit, ...(request.type ? { type: request.type } : {}) }, { signal });
    return { items: page.items, offset, total: page.total, hasMore: page.nextCursor !== undefined };
  }
  const needle = search.toLowerCase();
  const snapshot = await snapshots.get(source.name, signal);
  const matches: AtomRecord[] = [];
  for (const record of snapshot.records) {
    if (request.type && !isOfType(record.atom.type, request.type)) continue;
    if (mentions(record.atom, needle)) matches.push(record);
  }
  const items = matches.slice(offset, offset + limit);
  return { items, offset, total: snapshot.complete ? matches.length : undefined, hasMore: offset + limit < matches.length, truncated: !snapshot.complete };
}

/** `type` is `filter` or one of its subtypes (user types the kernel does not know: by name only). */
function isOfType(type: string, filter: string): boolean {
  if (type === filter) return true;
  const t = classicTypes().find(type);
  const f = classicTypes().find(filter);
  return t !== undefined && f !== undefined && t.isA(f);
}

function mentions(atom: { name?: string; outgoing?: { name?: string; outgoing?: unknown[] }[] }, needle: string): boolean {
  if (atom.name !== undefined) return atom.name.toLowerCase().includes(needle);
  return (atom.outgoing ?? []).some((o) => mentions(o as typeof atom, needle));
}
