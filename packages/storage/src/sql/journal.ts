/**
 * Journaled changes: every statement that changes atoms appends its journal entries in the same
 * statement, so a change and its entries commit together. The caller holds the base's row lock
 * (see SqlAtomStore.lockBase), which orders sequence numbers and timestamps.
 */
import { StorageError } from '../errors';
import type { RestorePoint } from '../atom-store';
import { ATOM_COLUMNS } from './schema';
import { NOW, ROW_JSON, ROW_RECORD_TYPE, writesToJson } from './atom-rows';
import { fillFromSnapshot } from './snapshots';
import type { SqlExecutor } from './sql-client';
import type { AtomWrite } from '../atom-batch';

/** A relation of atom rows to write, with the columns `set_tv`, `set_av`, `replace_vals`. */
export interface WriteInput {
  sql: string;
  params: unknown[];
}

/** Writes given as JSON (parameter $3). */
export function inputFromWrites(writes: readonly AtomWrite[]): WriteInput {
  return {
    sql: `SELECT * FROM jsonb_to_recordset($3::jsonb) AS r(${ROW_RECORD_TYPE}, set_tv boolean, set_av boolean, replace_vals boolean)`,
    params: [writesToJson(writes)],
  };
}

/** The full state of every row of a table (values replaced). */
export function inputFromTable(table: string): WriteInput {
  return { sql: `SELECT ${ATOM_COLUMNS}, true AS set_tv, true AS set_av, true AS replace_vals FROM ${table}`, params: [] };
}

/**
 * Inserts new atoms and updates the values of stored ones as the input says; journals `add` for
 * new atoms and `values` for changed ones (numbered after `seq`, by depth then key).
 */
export async function journaledUpsert(tx: SqlExecutor, baseId: number, seq: number, input: WriteInput): Promise<{ added: number; updated: number }> {
  const [row] = await tx.query<{ added: number; updated: number }>(
    `WITH input AS (${input.sql}),
     ins AS (
       INSERT INTO kb_atoms (base_id, ${ATOM_COLUMNS})
       SELECT $1, key, type, coalesce(name, ''), outgoing, depth, tv, av, vals FROM input
       ON CONFLICT (base_id, key) DO NOTHING
       RETURNING ${ATOM_COLUMNS}),
     -- Each input row looks its atom up by key (LATERAL: an index probe per row, never a scan of the
     -- base), once: MATERIALIZED, so that the UPDATE below cannot re-run it per row of the base.
     next AS MATERIALIZED (
       SELECT n.* FROM input i CROSS JOIN LATERAL (
         SELECT a.key,
                CASE WHEN i.set_tv THEN i.tv ELSE a.tv END AS tv,
                CASE WHEN i.set_av THEN i.av ELSE a.av END AS av,
                CASE WHEN i.replace_vals THEN i.vals ELSE nullif(coalesce(a.vals, '{}') || coalesce(i.vals, '{}'), '{}') END AS vals,
                a.tv AS old_tv, a.av AS old_av, a.vals AS old_vals
         FROM kb_atoms a WHERE a.base_id = $1 AND a.key = i.key LIMIT 1) n
       WHERE (n.tv, n.av, n.vals) IS DISTINCT FROM (n.old_tv, n.old_av, n.old_vals)),
     upd AS (
       UPDATE kb_atoms a SET tv = n.tv, av = n.av, vals = n.vals
       FROM next n
       WHERE a.base_id = $1 AND a.key = n.key
       RETURNING a.key, a.type, a.name, a.outgoing, a.depth, a.tv, a.av, a.vals),
     changed AS (SELECT 'add' AS kind, * FROM ins UNION ALL SELECT 'values' AS kind, * FROM upd),
     journaled AS (
       INSERT INTO kb_journal (base_id, seq, at, kind, key, atom)
       SELECT $1, $2::bigint + row_number() OVER (ORDER BY depth, key), ${NOW}, kind, key, ${ROW_JSON} FROM changed
       RETURNING 1)
     SELECT (SELECT count(*) FROM ins)::float8 AS added, (SELECT count(*) FROM upd)::float8 AS updated,
            (SELECT count(*) FROM journaled)::float8 AS journaled`,
    [baseId, seq, ...input.params],
  );
  return { added: Number(row.added), updated: Number(row.updated) };
}

/**
 * Deletes the atoms of the base that `where` selects (a condition on kb_atoms, parameters from $3)
 * and journals `remove` for each, links before the atoms they contain. Returns the removed keys in
 * journal order.
 */
export async function journaledDelete(tx: SqlExecutor, baseId: number, seq: number, where: string, params: unknown[]): Promise<string[]> {
  const rows = await tx.query<{ key: string }>(
    `WITH del AS (
       DELETE FROM kb_atoms WHERE base_id = $1 AND (${where})
       RETURNING ${ATOM_COLUMNS}),
     journaled AS (
       INSERT INTO kb_journal (base_id, seq, at, kind, key, atom)
       SELECT $1, $2::bigint + row_number() OVER (ORDER BY depth DESC, key), ${NOW}, 'remove', key, ${ROW_JSON} FROM del
       RETURNING seq, key)
     SELECT key FROM journaled ORDER BY seq`,
    [baseId, seq, ...params],
  );
  return rows.map((r) => r.key);
}

/** The journal position a restore point names; INVALID_ARGUMENT outside 0..journalSeq. */
export async function resolvePoint(tx: SqlExecutor, baseId: number, journalSeq: number, point: RestorePoint): Promise<number> {
  if ('seq' in point) {
    if (!Number.isInteger(point.seq) || point.seq < 0 || point.seq > journalSeq) {
      throw new StorageError('INVALID_ARGUMENT', `restore point seq ${point.seq} is outside the journal (0..${journalSeq})`);
    }
    return point.seq;
  }
  const at = point.at instanceof Date ? point.at : new Date(point.at);
  if (Number.isNaN(at.getTime())) throw new StorageError('INVALID_ARGUMENT', `restore point time '${String(point.at)}' is not a date`);
  // Timestamps grow with sequence numbers, so the newest entry at or before `at` is found from the end.
  const [row] = await tx.query<{ seq: number }>(
    'SELECT seq::float8 AS seq FROM kb_journal WHERE base_id = $1 AND at <= $2 ORDER BY seq DESC LIMIT 1',
    [baseId, at.toISOString()],
  );
  return row ? Number(row.seq) : 0;
}

/**
 * Fills `table` (empty, with the atom columns) with the base's atoms as they were after journal
 * entry `seq`: the newest snapshot at or before it, then for each atom changed since, its last
 * journal entry (the full state, or gone for `remove`).
 */
export async function fillFromJournal(tx: SqlExecutor, table: string, baseId: number, seq: number): Promise<void> {
  const [snapshot] = await tx.query<{ id: number; journal_seq: number }>(
    `SELECT id, journal_seq::float8 AS journal_seq FROM kb_snapshots
     WHERE base_id = $1 AND journal_seq <= $2 ORDER BY journal_seq DESC, id DESC LIMIT 1`,
    [baseId, seq],
  );
  const from = snapshot ? Number(snapshot.journal_seq) : 0;
  if (snapshot) await fillFromSnapshot(tx, table, snapshot.id);
  const range = 'base_id = $1 AND seq > $2 AND seq <= $3';
  await tx.query(`DELETE FROM ${table} t WHERE t.key IN (SELECT key FROM kb_journal WHERE ${range})`, [baseId, from, seq]);
  await tx.query(
    `INSERT INTO ${table} (${ATOM_COLUMNS})
     SELECT r.key, r.type, coalesce(r.name, ''), r.outgoing, r.depth, r.tv, r.av, r.vals
     FROM (SELECT DISTINCT ON (key) kind, atom FROM kb_journal WHERE ${range} ORDER BY key, seq DESC) last,
          jsonb_to_record(last.atom) AS r(${ROW_RECORD_TYPE})
     WHERE last.kind <> 'remove'`,
    [baseId, from, seq],
  );
}
