/** Snapshots: named copies of a base's atom rows, with the journal position they were taken at. */
import type { SnapshotInfo } from '../atom-store';
import { StorageError } from '../errors';
import { NOW, SNAPSHOT_COLUMNS, rowToSnapshot } from './atom-rows';
import { ATOM_COLUMNS } from './schema';
import { sqlState, type SqlExecutor } from './sql-client';

/** Copies the base's atoms (the caller holds the base's row lock, so the copy matches journalSeq). */
export async function createSnapshot(
  tx: SqlExecutor,
  base: { id: number; name: string },
  name: string,
  description: string,
): Promise<SnapshotInfo> {
  await tx.query('SAVEPOINT snapshot_name');
  let id: number;
  try {
    [{ id }] = await tx.query<{ id: number }>(
      `INSERT INTO kb_snapshots (base_id, name, description, created_at, journal_seq, atom_count)
       SELECT id, $2, $3, ${NOW}, journal_seq, atom_count FROM kb_bases WHERE id = $1 RETURNING id`,
      [base.id, name, description],
    );
  } catch (e) {
    if (sqlState(e) !== '23505') throw e;
    await tx.query('ROLLBACK TO SAVEPOINT snapshot_name');
    throw new StorageError('SNAPSHOT_EXISTS', `knowledge base ${base.name} already has a snapshot named ${name}`);
  }
  await tx.query(
    `INSERT INTO kb_snapshot_atoms (snapshot_id, ${ATOM_COLUMNS}) SELECT $1, ${ATOM_COLUMNS} FROM kb_atoms WHERE base_id = $2`,
    [id, base.id],
  );
  return getSnapshot(tx, base, name);
}

export async function listSnapshots(db: SqlExecutor, base: { id: number; name: string }): Promise<SnapshotInfo[]> {
  const rows = await db.query(`SELECT ${SNAPSHOT_COLUMNS} FROM kb_snapshots s WHERE s.base_id = $1 ORDER BY s.created_at, s.id`, [base.id]);
  return rows.map((r) => rowToSnapshot(base.name, r));
}

export async function snapshotId(db: SqlExecutor, base: { id: number; name: string }, name: string): Promise<number> {
  const [row] = await db.query<{ id: number }>('SELECT id FROM kb_snapshots WHERE base_id = $1 AND name = $2', [base.id, name]);
  if (!row) throw notFound(base.name, name);
  return row.id;
}

export async function getSnapshot(db: SqlExecutor, base: { id: number; name: string }, name: string): Promise<SnapshotInfo> {
  const [row] = await db.query(`SELECT ${SNAPSHOT_COLUMNS} FROM kb_snapshots s WHERE s.base_id = $1 AND s.name = $2`, [base.id, name]);
  if (!row) throw notFound(base.name, name);
  return rowToSnapshot(base.name, row);
}

export async function deleteSnapshot(db: SqlExecutor, base: { id: number; name: string }, name: string): Promise<void> {
  const rows = await db.query('DELETE FROM kb_snapshots WHERE base_id = $1 AND name = $2 RETURNING id', [base.id, name]);
  if (rows.length === 0) throw notFound(base.name, name);
}

/** Fills `table` with the atoms of a snapshot. */
export async function fillFromSnapshot(tx: SqlExecutor, table: string, id: number): Promise<void> {
  await tx.query(`INSERT INTO ${table} (${ATOM_COLUMNS}) SELECT ${ATOM_COLUMNS} FROM kb_snapshot_atoms WHERE snapshot_id = $1`, [id]);
}

function notFound(base: string, name: string): StorageError {
  return new StorageError('SNAPSHOT_NOT_FOUND', `knowledge base ${base} has no snapshot named ${name}`);
}
