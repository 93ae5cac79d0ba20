import type { AtomPage } from '@ai-opencog/protocol';
import { neighbourhoodInSnapshot } from '../src/node/atom-neighbourhood';
import { SpaceSnapshots } from '../src/node/space-snapshots';

/* Snapshots of a space: paging, the indexes, expiry, invalidation, the bound; neighbourhoods in them. */

const c = (name: string) => ({ type: 'ConceptNode', name });
const inh = (a: string, b: string) => ({ type: 'InheritanceLink', outgoing: [c(a), c(b)] });

function fakeClient(records: { handle: string; atom: object }[]) {
  const calls: (string | undefined)[] = [];
  return {
    calls,
    listAtoms: async (_space: string, query: { limit?: number; cursor?: string }): Promise<AtomPage> => {
      calls.push(query.cursor);
      const start = query.cursor ? Number(query.cursor.split(':')[1]) : 0;
      const end = start + (query.limit ?? 100);
      return { items: records.slice(start, end) as AtomPage['items'], ...(end < records.length ? { nextCursor: `offset:${end}` } : {}) };
    },
  };
}

// A star of 1,500 links around "hub", so that a snapshot takes two pages.
const records = [
  { handle: 'hub', atom: c('hub') },
  ...Array.from({ length: 1500 }, (_, i) => [
    { handle: `n${i}`, atom: c(`n${i}`) },
    { handle: `l${i}`, atom: inh(`n${i}`, 'hub') },
  ]).flat(),
];

describe('SpaceSnapshots', () => {
  it('reads a space a page at a time and indexes it by content, handle and member', async () => {
    const client = fakeClient(records);
    const snapshots = new SpaceSnapshots(() => client);
    const s = await snapshots.get('zoo');
    expect(client.calls).toEqual([undefined, 'offset:1000', 'offset:2000', 'offset:3000']);
    expect(s.complete).toBe(true);
    expect(s.records).toHaveLength(3001);
    expect(s.incoming.get('ConceptNode\u0000hub')).toHaveLength(1500);
    expect(s.byHandle.get('l7')?.atom).toEqual(inh('n7', 'hub'));
  });

  it('keeps a snapshot for its time to live, and drops it when told', async () => {
    let now = 0;
    const client = fakeClient(records.slice(0, 10));
    const snapshots = new SpaceSnapshots(() => client, { ttlMs: 1000, now: () => now });
    await snapshots.get('zoo');
    await snapshots.get('zoo');
    expect(client.calls).toHaveLength(1);
    now = 1500;
    await snapshots.get('zoo');
    expect(client.calls).toHaveLength(2);
    snapshots.invalidate('zoo');
    await snapshots.get('zoo');
    expect(client.calls).toHaveLength(3);
  });

  it('stops at its bound, saying the snapshot is not complete', async () => {
    const snapshots = new SpaceSnapshots(() => fakeClient(records), { maxAtoms: 1000 });
    const s = await snapshots.get('zoo');
    expect(s.records).toHaveLength(1000);
    expect(s.complete).toBe(false);
  });

  it('gives neighbourhoods by depth, with incoming counts and edges by position, within a bound', async () => {
    const s = await new SpaceSnapshots(() => fakeClient(records)).get('zoo');
    const one = neighbourhoodInSnapshot(s, 'n3', 2, 100)!;
    expect(one.nodes.map((n) => [n.id, n.depth, n.incomingCount])).toEqual([
      ['n3', 0, 1],
      ['l3', 1, 0],
      ['hub', 2, 1500],
    ]);
    expect(one.edges).toEqual([
      { source: 'l3', target: 'n3', position: 0 },
      { source: 'l3', target: 'hub', position: 1 },
    ]);
    const big = neighbourhoodInSnapshot(s, 'hub', 2, 2500)!;
    expect(big.nodes).toHaveLength(2500);
    expect(big.truncated).toBe(true);
    expect(neighbourhoodInSnapshot(s, 'nope', 1, 10)).toBeUndefined();
  });
});
