/**
 * The Neo4j backend's rows: what an (:Atom) node holds, how a checked write (atom-batch.ts)
 * becomes one, and how rows become the records of the AtomStore interface. Pure functions, no
 * driver calls.
 */
import type { AtomWrite } from '../atom-batch';
import type { AttentionValueJson, TruthValueJson } from '@ai-opencog/atomspace';
import type { AtomKey, KeyedValueJson, StoredAtom } from '../atom-store';

/**
 * Labels the backend itself uses. An atom also carries its type as a second label (`:ConceptNode`)
 * unless the type name is one of these.
 */
export const RESERVED_LABELS = new Set(['Atom', 'KnowledgeBase', 'JournalEntry', 'Snapshot', 'SnapshotAtom', 'PendingDeletion', 'SchemaVersion']);

/**
 * An atom as the backend keeps it in memory: the record fields plus its depth, values by the key of
 * their key atom (merges replace by that key), tv/av undefined when default.
 */
export interface AtomRow {
  key: AtomKey;
  type: string;
  /** Nodes only. */
  name?: string;
  /** Links only. */
  outgoing?: AtomKey[];
  depth: number;
  tv?: TruthValueJson;
  av?: AttentionValueJson;
  values: Record<AtomKey, KeyedValueJson>;
}

/** Longest name part of a sortKey (hex digits): range-index entries have a size limit of about 8 kB. */
const SORT_NAME_MAX = 4000;

/**
 * The key of name order (queryAtoms): lowercase hex of the name's UTF-8 bytes, a space, the atom
 * key. Hex makes string comparison (Neo4j compares UTF-16 code units in some plans and UTF-8 bytes
 * in index order) agree with Unicode code point order, and the space (below every hex digit) puts
 * a name before its extensions. Links and the empty name sort first. Names that agree on their
 * first 2,000 bytes are ordered by key only. One property, so paging is one range seek.
 */
export function sortKeyOf(name: string | undefined, key: string): string {
  const hex = name ? Buffer.from(name, 'utf8').toString('hex').slice(0, SORT_NAME_MAX) : '';
  return `${hex} ${key}`;
}

/** The key of dependency order (exportAtoms): depth, zero-padded, then the atom key. */
export function exportKeyOf(depth: number, key: string): string {
  return `${String(depth).padStart(10, '0')}${key}`;
}

/**
 * Lowercase form for case-insensitive name search: ASCII letters only, as the SQL backends' ILIKE
 * under the "C" collation folds, so that a query finds the same atoms in every backend.
 */
export function foldCase(s: string): string {
  return s.replace(/[A-Z]+/g, (x) => x.toLowerCase());
}

/** The state of an atom after a write: stored values overlaid as the write says. */
export function applyWrite(old: AtomRow | undefined, w: AtomWrite): AtomRow {
  const next: AtomRow = {
    key: w.key,
    type: w.type,
    ...(w.outgoing ? { outgoing: w.outgoing } : { name: w.name ?? '' }),
    depth: old?.depth ?? w.depth,
    values: {},
  };
  const tv = w.setTv ? w.tv : old?.tv;
  const av = w.setAv ? w.av : old?.av;
  if (tv) next.tv = tv;
  if (av) next.av = av;
  const fresh = Object.fromEntries(w.values);
  next.values = w.replaceValues || !old ? fresh : { ...old.values, ...fresh };
  return next;
}

/** Whether two states of one atom hold different values (tv, av, keyed values; order-insensitive). */
export function valuesDiffer(a: AtomRow, b: AtomRow): boolean {
  return canonicalJson(a.tv) !== canonicalJson(b.tv) || canonicalJson(a.av) !== canonicalJson(b.av) || canonicalJson(a.values) !== canonicalJson(b.values);
}

/** JSON with object keys sorted, for comparisons (undefined for undefined). */
export function canonicalJson(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
      : x,
  );
}

/** The interface's record of a row. */
export function rowToStored(row: AtomRow): StoredAtom {
  const r: StoredAtom = { key: row.key, type: row.type };
  if (row.outgoing) r.outgoing = row.outgoing;
  else r.name = row.name ?? '';
  if (row.tv) r.tv = row.tv;
  if (row.av) r.av = row.av;
  const values = Object.values(row.values);
  if (values.length > 0) r.values = values;
  return r;
}

/** Properties of an (:Atom) node (null properties are not stored). */
export interface AtomProps {
  key: string;
  type: string;
  name: string | null;
  nameLower: string | null;
  sortKey: string;
  exportKey: string;
  depth: number;
  tv: string | null;
  av: string | null;
  values: string | null;
}

export function rowToProps(row: AtomRow): AtomProps {
  const isNode = row.outgoing === undefined;
  const hasValues = Object.keys(row.values).length > 0;
  return {
    key: row.key,
    type: row.type,
    name: isNode ? (row.name ?? '') : null,
    nameLower: isNode ? foldCase(row.name ?? '') : null,
    sortKey: sortKeyOf(isNode ? row.name : undefined, row.key),
    exportKey: exportKeyOf(row.depth, row.key),
    depth: row.depth,
    tv: row.tv ? JSON.stringify(row.tv) : null,
    av: row.av ? JSON.stringify(row.av) : null,
    values: hasValues ? JSON.stringify(row.values) : null,
  };
}

/** What the backend's Cypher returns for an atom (ATOM_RETURN in neo4j-cypher.ts). */
export interface AtomResult {
  key: string;
  type: string;
  name: string | null;
  depth: number;
  tv: string | null;
  av: string | null;
  values: string | null;
  outgoing: string[] | null;
}

export function resultToRow(r: AtomResult): AtomRow {
  const row: AtomRow = { key: r.key, type: r.type, depth: Number(r.depth), values: r.values ? (JSON.parse(r.values) as Record<string, KeyedValueJson>) : {} };
  if (r.name === null || r.name === undefined) row.outgoing = r.outgoing ?? [];
  else row.name = r.name;
  if (r.tv) row.tv = JSON.parse(r.tv) as TruthValueJson;
  if (r.av) row.av = JSON.parse(r.av) as AttentionValueJson;
  return row;
}

/** The JSON a journal entry keeps: the row (depth and values by key included). */
export function rowToJournalJson(row: AtomRow): string {
  return JSON.stringify(row);
}

export function journalJsonToRow(json: string): AtomRow {
  const row = JSON.parse(json) as AtomRow;
  row.values ??= {};
  return row;
}

/** Code point order of two strings (JavaScript's < compares UTF-16 code units). */
export function compareCodePoints(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Journal and insert order of written atoms: dependency order, by depth, then key (as the SQL backends). */
export function compareForPut(a: AtomRow, b: AtomRow): number {
  return a.depth - b.depth || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Order of removed atoms: links before the atoms they contain (depth descending), then key. */
export function compareForRemove(a: AtomRow, b: AtomRow): number {
  return b.depth - a.depth || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Splits `items` into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
