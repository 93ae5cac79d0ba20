/**
 * The Neo4j backend against a real Neo4j 5 server: the shared AtomStore conformance suite, then
 * checks of the graph model itself. The server is a testcontainers `neo4j:5.26-community` when a
 * container runtime answers, else the one at TEST_NEO4J_URL (TEST_NEO4J_USER / TEST_NEO4J_PASSWORD
 * when it has authentication), e.g. from `scripts/test-deps/neo4j.sh`; without either the tests
 * fail saying so (SKIP_EXTERNAL_SERVICES=1 skips them). See test/support/external-services.ts.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import type { TypeRegistry } from '@ai-opencog/atomspace';
import { linkKey, nodeKey, openNeo4jStore, type AtomStore } from '../src';
import { describeAtomStoreConformance } from './conformance/atom-store-conformance';
import { NEO4J, describeWithService } from './support/external-services';

/** Credentials for TEST_NEO4J_URL; a container (or the script's server) has authentication off. */
const username = process.env.TEST_NEO4J_USER;
const password = process.env.TEST_NEO4J_PASSWORD || undefined;

/** Every base this test process creates has this in its name (the conformance suite's and ours). */
const runTag = `-${process.pid}-`;

describeWithService(NEO4J, 'neo4j', (url) => {
  const open = (types?: TypeRegistry): Promise<AtomStore> => openNeo4jStore({ url: url(), username, password, types });

  describeAtomStoreConformance(
    'neo4j',
    ({ types }) => open(types),
    // The server may be shared (TEST_NEO4J_URL): drop only the bases this run made.
    async () => {
      const store = await open();
      try {
        for (const b of await store.listBases()) if (b.name.includes(runTag)) await store.deleteBase(b.name);
      } finally {
        await store.close();
      }
    },
  );

  describe('Neo4j graph model', () => {
    jest.setTimeout(120_000);
    let store: AtomStore;
    let driver: Driver;
    let n = 0;
    const fresh = () => `neo4j-model${runTag}${Date.now().toString(36)}-${++n}`;
    const cypher = async (query: string, params: Record<string, unknown> = {}) =>
      (await driver.executeQuery(query, params)).records.map((r) => r.toObject() as Record<string, unknown>);

    beforeAll(async () => {
      driver = neo4j.driver(url(), password ? neo4j.auth.basic(username ?? 'neo4j', password) : undefined, { disableLosslessIntegers: true });
      store = await open();
    });

    afterAll(async () => {
      if (store) {
        for (const b of await store.listBases()) if (b.name.startsWith(`neo4j-model${runTag}`)) await store.deleteBase(b.name);
        await store.close();
      }
      await driver?.close();
    });

    test('atoms are (:Atom:<Type>) nodes; an outgoing set is OUTGOING relationships in position order', async () => {
      const b = fresh();
      await store.createBase(b);
      await store.upsertAtoms(b, [
        {
          type: 'ListLink',
          outgoing: [
            { type: 'ConceptNode', name: 'b' },
            { type: 'ConceptNode', name: 'a', tv: { type: 'stv', strength: 0.5, confidence: 0.25 } },
            { type: 'ConceptNode', name: 'b' },
          ],
        },
      ]);
      const list = linkKey('ListLink', [nodeKey('ConceptNode', 'b'), nodeKey('ConceptNode', 'a'), nodeKey('ConceptNode', 'b')], false);
      const rows = await cypher(
        `MATCH (kb:KnowledgeBase {name: $b}) MATCH (l:Atom {base: kb.id, key: $list})-[r:OUTGOING]->(o:Atom)
         RETURN labels(l) AS labels, l.name AS linkName, r.position AS position, o.name AS name, o.tv AS tv ORDER BY r.position`,
        { b, list },
      );
      expect(rows.map((r) => [r.position, r.name])).toEqual([
        [0, 'b'],
        [1, 'a'],
        [2, 'b'],
      ]);
      expect(rows[0].labels).toEqual(expect.arrayContaining(['Atom', 'ListLink']));
      expect(rows[0].linkName).toBeNull();
      expect(JSON.parse(rows[1].tv as string)).toEqual({ type: 'stv', strength: 0.5, confidence: 0.25 });
      const [journal] = await cypher('MATCH (kb:KnowledgeBase {name: $b}) MATCH (j:JournalEntry {base: kb.id}) RETURN count(j) AS n', { b });
      expect(journal.n).toBe(3);
    });

    test('the constraints and indexes exist and are online; a second node for one (base, key) is refused', async () => {
      const constraints = (await cypher('SHOW CONSTRAINTS YIELD name RETURN name')).map((r) => r.name);
      expect(constraints).toEqual(expect.arrayContaining(['aoc_kb_name', 'aoc_atom_key', 'aoc_journal_seq', 'aoc_snapshot_name', 'aoc_snapshot_atom']));
      const indexes = await cypher("SHOW INDEXES YIELD name, type, state WHERE name STARTS WITH 'aoc_' RETURN name, type, state");
      expect(indexes.filter((i) => i.state !== 'ONLINE')).toEqual([]);
      expect(indexes.filter((i) => i.type === 'TEXT').map((i) => i.name).sort()).toEqual(['aoc_atom_name', 'aoc_atom_name_lower']);
      const b = fresh();
      await store.createBase(b);
      await store.upsertAtoms(b, [{ type: 'ConceptNode', name: 'only-once' }]);
      await expect(
        cypher('MATCH (kb:KnowledgeBase {name: $b}) CREATE (:Atom {base: kb.id, key: $key, type: "ConceptNode", name: "only-once"})', {
          b,
          key: nodeKey('ConceptNode', 'only-once'),
        }),
      ).rejects.toMatchObject({ code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
    });

    test('an index of another definition (an older version) is replaced on open', async () => {
      await cypher('DROP INDEX aoc_atom_export IF EXISTS');
      await cypher('CREATE RANGE INDEX aoc_atom_export FOR (n:Atom) ON (n.base, n.depth, n.key)');
      await (await open()).close();
      const [ix] = await cypher("SHOW INDEXES YIELD name, properties, state WHERE name = 'aoc_atom_export' RETURN properties, state");
      expect(ix).toEqual({ properties: ['base', 'exportKey'], state: 'ONLINE' });
    });

    test('a bulk delete interrupted after its first transaction is finished by the next store that opens', async () => {
      const b = fresh();
      await store.createBase(b);
      await store.upsertAtoms(b, Array.from({ length: 50 }, (_, i) => ({ type: 'ConceptNode', name: `gone-${i}` })));
      // What deleteBase's first transaction leaves when the process dies right after it.
      const [{ id }] = await cypher(
        "MATCH (kb:KnowledgeBase {name: $b}) WITH kb, kb.id AS id CREATE (:PendingDeletion {kind: 'base', id: id}) DETACH DELETE kb RETURN id",
        { b },
      );
      const count = async () => (await cypher('MATCH (a:Atom {base: $id}) RETURN count(a) AS n', { id }))[0].n;
      expect(await count()).toBe(50);
      await (await open()).close();
      expect(await count()).toBe(0);
      expect(await cypher('MATCH (p:PendingDeletion {id: $id}) RETURN p', { id })).toEqual([]);
    });
  });
});
