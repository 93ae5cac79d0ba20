import type { AtomJson, CognitiveClient } from '@ai-opencog/protocol';
import { atomKey, bareAtom } from '../common/atom-format';
import type { GraphAtom, GraphEdge, GraphNeighbourhood } from '../common/ai-opencog-protocol';
import type { SpaceSnapshot } from './space-snapshots';

/*
 * The atoms around a centre, breadth first, to a depth and up to a number of atoms: a link's
 * outgoing atoms and the links in each atom's incoming set. From a snapshot of the space (no
 * request at all: `neighbourhoodInSnapshot`), or, for a space too large for one, from the service
 * atom by atom (`collectNeighbourhood`: outgoing atoms are found by content, since the service names
 * them by handle only when asked; requests run a few at a time).
 */

/** The neighbourhood of the atom with handle `centre`, read from a snapshot; undefined when it is not there. */
export function neighbourhoodInSnapshot(snapshot: SpaceSnapshot, centre: string, depth: number, maxAtoms: number): GraphNeighbourhood | undefined {
  const first = snapshot.byHandle.get(centre);
  if (!first) return undefined;
  const nodes = new Map<string, GraphAtom>();
  const edges = new Map<string, GraphEdge>();
  let truncated = false;
  const incomingOf = (key: string) => snapshot.incoming.get(key) ?? [];
  const add = (handle: string, atom: AtomJson, d: number): boolean => {
    if (nodes.has(handle)) return false;
    if (nodes.size >= Math.max(1, maxAtoms)) {
      truncated = true;
      return false;
    }
    nodes.set(handle, { id: handle, atom: withTv(atom), incomingCount: incomingOf(atomKey(atom)).length, depth: d });
    return true;
  };
  const link = (source: string, target: string, position: number) => {
    if (nodes.has(source) && nodes.has(target)) edges.set(`${source}>${position}>${target}`, { source, target, position });
  };
  add(first.handle, first.atom, 0);
  let level = [first];
  for (let d = 0; d < depth && level.length > 0; d++) {
    const next: typeof level = [];
    for (const record of level) {
      const key = atomKey(record.atom);
      (record.atom.outgoing ?? []).forEach((member, position) => {
        const r = snapshot.byKey.get(atomKey(member));
        if (!r) return;
        if (add(r.handle, r.atom, d + 1)) next.push(r);
        link(record.handle, r.handle, position);
      });
      for (const holder of incomingOf(key)) {
        if (add(holder.handle, holder.atom, d + 1)) next.push(holder);
        (holder.atom.outgoing ?? []).forEach((m, position) => {
          if (atomKey(m) === key) link(holder.handle, record.handle, position);
        });
      }
    }
    level = next;
  }
  return { space: snapshot.space, centre: first.handle, nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}

export interface NeighbourhoodOptions {
  depth: number;
  maxAtoms: number;
  /** Requests in flight at once. */
  concurrency?: number;
  signal?: AbortSignal;
}

type Cognitive = Pick<CognitiveClient, 'getAtom' | 'lookupAtom'>;

export async function collectNeighbourhood(
  client: Cognitive,
  space: string,
  centre: { handle: string } | { atomese: string },
  options: NeighbourhoodOptions,
): Promise<GraphNeighbourhood> {
  const { signal } = options;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const maxAtoms = Math.max(1, options.maxAtoms);
  const nodes = new Map<string, GraphAtom>();
  const edges = new Map<string, GraphEdge>();
  const handleByKey = new Map<string, string>();
  let truncated = false;

  const start = 'handle' in centre ? centre.handle : (await client.lookupAtom(space, { atomese: centre.atomese }, { signal })).handle;

  const add = (handle: string, atom: AtomJson, depth: number, incomingCount?: number): boolean => {
    const known = nodes.get(handle);
    if (known) {
      if (incomingCount !== undefined) known.incomingCount = incomingCount;
      return false;
    }
    if (nodes.size >= maxAtoms) {
      truncated = true;
      return false;
    }
    nodes.set(handle, { id: handle, atom: bareAtom(atom), incomingCount: incomingCount ?? -1, depth });
    handleByKey.set(atomKey(atom), handle);
    return true;
  };
  const link = (source: string, target: string, position: number) => {
    if (!nodes.has(source) || !nodes.has(target)) return;
    edges.set(`${source}>${position}>${target}`, { source, target, position });
  };

  const first = await client.getAtom(space, start, { incoming: true }, { signal });
  add(first.handle, { ...first.atom }, 0, first.incomingCount);
  // tv of the centre is kept for the hover
  nodes.get(first.handle)!.atom = withTv(first.atom);

  let level: { handle: string; detail?: typeof first }[] = [{ handle: first.handle, detail: first }];
  for (let depth = 0; depth < options.depth && level.length > 0; depth++) {
    const next: { handle: string }[] = [];
    await forEachLimited(level, concurrency, async (item) => {
      signal?.throwIfAborted();
      const detail = item.detail ?? (await client.getAtom(space, item.handle, { incoming: true }, { signal }));
      const node = nodes.get(item.handle);
      if (node) {
        node.incomingCount = detail.incomingCount;
        node.atom = withTv(detail.atom);
      }
      const outgoing = detail.atom.outgoing ?? [];
      for (let i = 0; i < outgoing.length; i++) {
        const member = outgoing[i];
        const key = atomKey(member);
        let handle = handleByKey.get(key);
        if (handle === undefined) {
          if (nodes.size >= maxAtoms) {
            truncated = true;
            continue;
          }
          const found = await client.lookupAtom(space, { atom: bareAtom(member) }, { signal });
          handle = found.handle;
          if (add(handle, withTv(found.atom), depth + 1, found.incomingCount)) next.push({ handle });
        }
        link(item.handle, handle, i);
      }
      const ownKey = atomKey(detail.atom);
      for (const incoming of detail.incoming ?? []) {
        if (add(incoming.handle, withTv(incoming.atom), depth + 1)) next.push({ handle: incoming.handle });
        const members = incoming.atom.outgoing ?? [];
        members.forEach((m, position) => {
          if (atomKey(m) === ownKey) link(incoming.handle, item.handle, position);
        });
      }
      if (detail.incomingCount > (detail.incoming?.length ?? 0)) truncated = true;
    });
    level = next;
  }
  return { space, centre: first.handle, nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}

function withTv(atom: AtomJson): AtomJson {
  const bare = bareAtom(atom);
  return atom.tv ? { ...bare, tv: atom.tv } : bare;
}

/** Runs `work` over `items`, at most `limit` at a time; the first failure rejects. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let index = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (index < items.length) {
      const item = items[index++];
      await work(item);
    }
  });
  await Promise.all(runners);
}
