/**
 * The Neo4j backend's graph model (see the README's "Neo4j" section):
 *
 *   (:KnowledgeBase {id, name, description, createdAt, updatedAt, atomCount, journalSeq, lastAtMs,
 *                    snapshotCount, writes})
 *   (:Atom:<Type> {base, key, type, name, nameLower, sortKey, exportKey, depth, tv, av, values})
 *   (:Atom)-[:OUTGOING {position}]->(:Atom)            the outgoing set, in order
 *   (:JournalEntry {base, seq, at, atMs, kind, key, atom})
 *   (:Snapshot {id, base, name, description, createdAt, journalSeq, atomCount, ordinal})
 *   (:SnapshotAtom {snapshot, key, type, name, depth, exportKey, tv, av, values, outgoing})
 *   (:PendingDeletion {kind, id})                        bulk deletes still to finish
 *
 * `base` is the knowledge base's id (a UUID), not its name, so renaming touches one node.
 * Created on start, idempotently (IF NOT EXISTS), by every store that opens the database.
 */
export interface SchemaRule {
  /** Every rule's name starts with `aoc_`; rules of that prefix not listed here are dropped on start. */
  name: string;
  kind: 'UNIQUE' | 'RANGE' | 'TEXT';
  label: string;
  properties: readonly string[];
}

export const SCHEMA: readonly SchemaRule[] = [
  { name: 'aoc_kb_name', kind: 'UNIQUE', label: 'KnowledgeBase', properties: ['name'] },
  { name: 'aoc_kb_id', kind: 'UNIQUE', label: 'KnowledgeBase', properties: ['id'] },
  // One atom per content key and base; its index also serves every lookup by key.
  { name: 'aoc_atom_key', kind: 'UNIQUE', label: 'Atom', properties: ['base', 'key'] },
  // Listing in name order and keyset paging (sortKey: hex name, space, key; one range seek a page).
  { name: 'aoc_atom_sort', kind: 'RANGE', label: 'Atom', properties: ['base', 'sortKey'] },
  // Export in dependency order (exportKey: padded depth, then key).
  { name: 'aoc_atom_export', kind: 'RANGE', label: 'Atom', properties: ['base', 'exportKey'] },
  // Listing and counting by type.
  { name: 'aoc_atom_type', kind: 'RANGE', label: 'Atom', properties: ['base', 'type'] },
  // Name search: STARTS WITH / CONTAINS, case-sensitive and folded.
  { name: 'aoc_atom_name', kind: 'TEXT', label: 'Atom', properties: ['name'] },
  { name: 'aoc_atom_name_lower', kind: 'TEXT', label: 'Atom', properties: ['nameLower'] },
  { name: 'aoc_journal_seq', kind: 'UNIQUE', label: 'JournalEntry', properties: ['base', 'seq'] },
  { name: 'aoc_journal_at', kind: 'RANGE', label: 'JournalEntry', properties: ['base', 'atMs'] },
  { name: 'aoc_snapshot_id', kind: 'UNIQUE', label: 'Snapshot', properties: ['id'] },
  { name: 'aoc_snapshot_name', kind: 'UNIQUE', label: 'Snapshot', properties: ['base', 'name'] },
  { name: 'aoc_snapshot_atom', kind: 'UNIQUE', label: 'SnapshotAtom', properties: ['snapshot', 'key'] },
  { name: 'aoc_snapshot_atom_export', kind: 'RANGE', label: 'SnapshotAtom', properties: ['snapshot', 'exportKey'] },
  { name: 'aoc_pending_id', kind: 'UNIQUE', label: 'PendingDeletion', properties: ['id'] },
];

/** The Cypher that creates a rule (idempotent). */
export function createStatement(rule: SchemaRule): string {
  const props = rule.properties.map((p) => `n.${p}`).join(', ');
  switch (rule.kind) {
    case 'UNIQUE':
      return `CREATE CONSTRAINT ${rule.name} IF NOT EXISTS FOR (n:${rule.label}) REQUIRE (${props}) IS UNIQUE`;
    case 'RANGE':
      return `CREATE RANGE INDEX ${rule.name} IF NOT EXISTS FOR (n:${rule.label}) ON (${props})`;
    case 'TEXT':
      return `CREATE TEXT INDEX ${rule.name} IF NOT EXISTS FOR (n:${rule.label}) ON (${props})`;
  }
}

/** An index as SHOW INDEXES reports it. */
export interface ExistingIndex {
  name: string;
  type: string;
  labelsOrTypes: string[] | null;
  properties: string[] | null;
  owningConstraint: string | null;
}

/**
 * What to drop so that the schema matches SCHEMA: `aoc_` indexes and constraints that another
 * version of this backend made with other properties, or that it no longer uses.
 */
export function outdatedRules(existing: readonly ExistingIndex[]): { constraints: string[]; indexes: string[] } {
  const wanted = new Map(SCHEMA.map((r) => [r.name, r]));
  const constraints: string[] = [];
  const indexes: string[] = [];
  for (const ix of existing) {
    const owner = ix.owningConstraint;
    const name = owner ?? ix.name;
    if (!name.startsWith('aoc_')) continue;
    const rule = wanted.get(name);
    const type = rule?.kind === 'TEXT' ? 'TEXT' : 'RANGE';
    const same =
      rule !== undefined &&
      (rule.kind === 'UNIQUE') === (owner !== null) &&
      ix.type === type &&
      JSON.stringify(ix.labelsOrTypes) === JSON.stringify([rule.label]) &&
      JSON.stringify(ix.properties) === JSON.stringify(rule.properties);
    if (same) continue;
    if (owner !== null) constraints.push(owner);
    else indexes.push(ix.name);
  }
  return { constraints, indexes };
}

/** Neo4j error codes that mean a concurrent start created the same schema rule first. */
export const SCHEMA_RACE_CODES = new Set([
  'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists',
  'Neo.ClientError.Schema.ConstraintAlreadyExists',
  'Neo.ClientError.Schema.IndexAlreadyExists',
  'Neo.ClientError.Schema.ConstraintWithNameAlreadyExists',
  'Neo.ClientError.Schema.IndexWithNameAlreadyExists',
]);

/** What an atom query returns (see AtomResult in neo4j-records.ts); `a` is an (:Atom) node. */
export const ATOM_RETURN = `a.key AS key, a.type AS type, a.name AS name, a.depth AS depth, a.tv AS tv, a.av AS av, a.values AS values,
  CASE WHEN a.name IS NULL THEN COLLECT { MATCH (a)-[r:OUTGOING]->(o:Atom) RETURN o.key ORDER BY r.position } END AS outgoing`;

/** ATOM_RETURN without the outgoing set (null), for rows whose values are all that is needed. */
export const ATOM_VALUES_RETURN = `a.key AS key, a.type AS type, a.name AS name, a.depth AS depth, a.tv AS tv, a.av AS av, a.values AS values,
  null AS outgoing`;

/** The same for an (:SnapshotAtom) `a` (its outgoing set is a list property). */
export const SNAPSHOT_ATOM_RETURN = `a.key AS key, a.type AS type, a.name AS name, a.depth AS depth, a.tv AS tv, a.av AS av, a.values AS values,
  a.outgoing AS outgoing`;
