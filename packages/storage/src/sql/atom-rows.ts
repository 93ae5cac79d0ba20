/** SQL rows to and from the records of the AtomStore interface. */
import type { AtomWrite } from '../atom-batch';
import type { JournalEntry, JournalKind, KeyedValueJson, KnowledgeBaseInfo, SnapshotInfo, StoredAtom } from '../atom-store';

/** A timestamp column as ISO 8601 UTC with milliseconds, the same text from every driver. */
export const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The commit time of a change: the wall clock once the base's row lock is held, in milliseconds. */
export const NOW = `date_trunc('milliseconds', clock_timestamp())`;

/** An atom row as the JSON kept in the journal (the row's columns, nulls left out). */
export const ROW_JSON = `jsonb_strip_nulls(jsonb_build_object('key', key, 'type', type, 'name', CASE WHEN outgoing IS NULL THEN name END,
  'outgoing', outgoing, 'depth', depth, 'tv', tv, 'av', av, 'vals', vals))`;

/** Columns of an atom row as jsonb_to_record(set) declares them. */
export const ROW_RECORD_TYPE = 'key text, type text, name text, outgoing text[], depth integer, tv jsonb, av jsonb, vals jsonb';

export interface AtomRow {
  key: string;
  type: string;
  name?: string | null;
  outgoing: string[] | null;
  tv: StoredAtom['tv'] | null;
  av: StoredAtom['av'] | null;
  vals: Record<string, KeyedValueJson> | null;
}

export function rowToAtom(row: AtomRow): StoredAtom {
  const r: StoredAtom = { key: row.key, type: row.type };
  if (row.outgoing) r.outgoing = row.outgoing;
  else r.name = row.name ?? '';
  if (row.tv) r.tv = row.tv;
  if (row.av) r.av = row.av;
  if (row.vals) r.values = Object.values(row.vals);
  return r;
}

/** The JSON parameter jsonb_to_recordset reads a batch of writes from. */
export function writesToJson(writes: readonly AtomWrite[]): string {
  return JSON.stringify(
    writes.map((w) => ({
      key: w.key,
      type: w.type,
      name: w.name ?? '',
      outgoing: w.outgoing ?? null,
      depth: w.depth,
      tv: w.tv ?? null,
      av: w.av ?? null,
      vals: w.values.size > 0 ? Object.fromEntries(w.values) : null,
      set_tv: w.setTv,
      set_av: w.setAv,
      replace_vals: w.replaceValues,
    })),
  );
}

export const BASE_COLUMNS = `name, description, ${iso('created_at')} AS created_at, ${iso('updated_at')} AS updated_at,
  journal_seq::float8 AS journal_seq, atom_count::float8 AS atom_count`;

export function rowToBase(row: Record<string, unknown>): KnowledgeBaseInfo {
  return {
    name: row.name as string,
    description: row.description as string,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
    atomCount: Number(row.atom_count),
    journalSeq: Number(row.journal_seq),
  };
}

export const SNAPSHOT_COLUMNS = `s.name, s.description, ${iso('s.created_at')} AS created_at, s.journal_seq::float8 AS journal_seq,
  s.atom_count::float8 AS atom_count`;

export function rowToSnapshot(base: string, row: Record<string, unknown>): SnapshotInfo {
  return {
    base,
    name: row.name as string,
    description: row.description as string,
    createdAt: row.created_at as string,
    journalSeq: Number(row.journal_seq),
    atomCount: Number(row.atom_count),
  };
}

export function rowToJournalEntry(row: Record<string, unknown>): JournalEntry {
  return { seq: Number(row.seq), at: row.at as string, kind: row.kind as JournalKind, atom: rowToAtom(row.atom as AtomRow) };
}
