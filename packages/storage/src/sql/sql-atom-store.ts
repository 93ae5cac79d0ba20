/**
 * The AtomStore over SQL, shared by the PGlite and PostgreSQL backends: they differ only in the
 * SqlClient they hand it. Every write locks its base's row (`SELECT ... FOR UPDATE`), so writes to
 * one base are serialised, journal sequence numbers have no gaps, and a snapshot taken under the
 * lock matches its journal position.
 */
import type { AtomJson, TypeRegistry } from '@ai-opencog/atomspace';
import { assignDepths, checkRecords, flattenAtomBatch, outgoingOutside, type AtomBatch } from '../atom-batch';
import { checkJournalRead, checkLimit, decodeCursor, encodeCursor, queryTypeNames } from '../atom-query';
import type {
  AtomKey,
  AtomPage,
  AtomQuery,
  AtomStore,
  ChangeSet,
  CreateBaseOptions,
  CreateSnapshotOptions,
  ExportOptions,
  JournalEntry,
  JournalReadOptions,
  KnowledgeBaseInfo,
  PageOptions,
  RemoveOptions,
  RestoreOptions,
  RestorePoint,
  RestoreResult,
  SnapshotInfo,
  StoredAtom,
  TypeCount,
  UpsertOptions,
  WriteResult,
} from '../atom-store';
import { StorageError } from '../errors';
import { checkName } from '../names';
import { BASE_COLUMNS, NOW, rowToAtom, rowToBase, rowToJournalEntry, iso, type AtomRow } from './atom-rows';
import { fillFromJournal, inputFromTable, inputFromWrites, journaledDelete, journaledUpsert, resolvePoint } from './journal';
import { ATOM_COLUMNS } from './schema';
import * as snapshots from './snapshots';
import { sqlState, toStorageError, type SqlClient, type SqlExecutor } from './sql-client';

interface BaseRef {
  id: number;
  name: string;
}

interface LockedBase extends BaseRef {
  journalSeq: number;
}

/** What one write transaction does: removals first, then writes. */
interface WritePlan {
  remove?: readonly AtomKey[];
  removeOptions?: RemoveOptions;
  batch?: AtomBatch;
  /** Flat records: outgoing atoms must be looked up and depths assigned. */
  flat?: boolean;
}

const RESTORE_TABLE = 'kb_restore_target';

export interface SqlAtomStoreOptions {
  backend: string;
  types: TypeRegistry;
}

export class SqlAtomStore implements AtomStore {
  readonly backend: string;
  private readonly types: TypeRegistry;
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly db: SqlClient,
    options: SqlAtomStoreOptions,
  ) {
    this.backend = options.backend;
    this.types = options.types;
  }

  async ping(): Promise<void> {
    await this.run(() => this.db.query('SELECT 1'));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    await this.db.close();
  }

  // ------------------------------------------------------------ knowledge bases

  createBase(name: string, options: CreateBaseOptions = {}): Promise<KnowledgeBaseInfo> {
    return this.run(async () => {
      checkName('knowledge base', name);
      return this.db.transaction(async (tx) => {
        const b = await this.insertBase(tx, name, options.description ?? '');
        return this.baseInfo(tx, b.name);
      });
    });
  }

  listBases(): Promise<KnowledgeBaseInfo[]> {
    return this.run(async () => (await this.db.query(`SELECT ${BASE_COLUMNS} FROM kb_bases ORDER BY name COLLATE "C"`)).map(rowToBase));
  }

  getBase(name: string): Promise<KnowledgeBaseInfo> {
    return this.run(() => this.baseInfo(this.db, name));
  }

  renameBase(from: string, to: string): Promise<KnowledgeBaseInfo> {
    return this.run(async () => {
      checkName('knowledge base', to);
      return this.db.transaction(async (tx) => {
        await this.lockBase(tx, from);
        await tx.query('SAVEPOINT rename');
        try {
          await tx.query(`UPDATE kb_bases SET name = $2, updated_at = ${NOW} WHERE name = $1`, [from, to]);
        } catch (e) {
          if (sqlState(e) !== '23505') throw e;
          await tx.query('ROLLBACK TO SAVEPOINT rename');
          throw new StorageError('BASE_EXISTS', `knowledge base ${to} already exists`);
        }
        return this.baseInfo(tx, to);
      });
    });
  }

  deleteBase(name: string): Promise<void> {
    return this.run(async () => {
      const rows = await this.db.query('DELETE FROM kb_bases WHERE name = $1 RETURNING id', [name]);
      if (rows.length === 0) throw baseNotFound(name);
    });
  }

  // ------------------------------------------------------------ writing atoms

  upsertAtoms(base: string, atoms: readonly AtomJson[], options: UpsertOptions = {}): Promise<WriteResult> {
    return this.run(() => {
      if (!Array.isArray(atoms)) throw new StorageError('INVALID_ATOM', '$ must be an array of atoms');
      return this.write(base, { batch: flattenAtomBatch(atoms, this.types, options.mode ?? 'merge') });
    });
  }

  removeAtoms(base: string, keys: readonly AtomKey[], options: RemoveOptions = {}): Promise<WriteResult> {
    return this.run(() => this.write(base, { remove: keys, removeOptions: options }));
  }

  applyChanges(base: string, changes: ChangeSet): Promise<WriteResult> {
    return this.run(() =>
      this.write(base, {
        remove: changes.remove,
        removeOptions: { ignoreMissing: changes.ignoreMissing },
        batch: changes.put && checkRecords(changes.put, this.types),
        flat: true,
      }),
    );
  }

  // ------------------------------------------------------------ reading atoms

  getAtom(base: string, key: AtomKey): Promise<StoredAtom | undefined> {
    return this.getAtoms(base, [key]).then(([a]) => a);
  }

  getAtoms(base: string, keys: readonly AtomKey[]): Promise<(StoredAtom | undefined)[]> {
    return this.run(async () => {
      const b = await this.baseRef(this.db, base);
      if (keys.length === 0) return [];
      const rows = await this.db.query<AtomRow & Record<string, unknown>>(
        `SELECT ${ATOM_COLUMNS} FROM kb_atoms WHERE base_id = $1 AND key = ANY($2::text[])`,
        [b.id, [...keys]],
      );
      const byKey = new Map(rows.map((r) => [r.key, rowToAtom(r)]));
      return keys.map((k) => byKey.get(k));
    });
  }

  getIncoming(base: string, key: AtomKey): Promise<StoredAtom[]> {
    return this.run(async () => {
      const b = await this.baseRef(this.db, base);
      const rows = await this.db.query<AtomRow & Record<string, unknown>>(
        `SELECT ${ATOM_COLUMNS} FROM kb_atoms WHERE base_id = $1 AND outgoing @> ARRAY[$2::text] ORDER BY key`,
        [b.id, key],
      );
      return rows.map(rowToAtom);
    });
  }

  queryAtoms(base: string, query: AtomQuery, page?: PageOptions): Promise<AtomPage> {
    return this.run(async () => {
      const limit = checkLimit(page?.limit, 100);
      const after = decodeCursor(page);
      const b = await this.baseRef(this.db, base);
      const where = this.queryCondition(b, query);
      if (after) {
        where.params.push(after.name, after.key);
        where.sql += ` AND (name, key) > ($${where.params.length - 1}, $${where.params.length})`;
      }
      where.params.push(limit + 1);
      const rows = await this.db.query<AtomRow & Record<string, unknown>>(
        `SELECT ${ATOM_COLUMNS} FROM kb_atoms WHERE ${where.sql} ORDER BY name, key LIMIT $${where.params.length}`,
        where.params,
      );
      const atoms = rows.slice(0, limit).map(rowToAtom);
      const last = rows[limit - 1];
      return rows.length > limit ? { atoms, nextCursor: encodeCursor({ name: last.name ?? '', key: last.key }) } : { atoms };
    });
  }

  countAtoms(base: string, query: AtomQuery = {}): Promise<number> {
    return this.run(async () => {
      const b = await this.baseRef(this.db, base);
      const where = this.queryCondition(b, query);
      const [row] = await this.db.query<{ n: number }>(`SELECT count(*)::float8 AS n FROM kb_atoms WHERE ${where.sql}`, where.params);
      return Number(row.n);
    });
  }

  countByType(base: string): Promise<TypeCount[]> {
    return this.run(async () => {
      const b = await this.baseRef(this.db, base);
      const rows = await this.db.query<{ type: string; count: number }>(
        'SELECT type, count(*)::float8 AS count FROM kb_atoms WHERE base_id = $1 GROUP BY type ORDER BY type COLLATE "C"',
        [b.id],
      );
      return rows.map((r) => ({ type: r.type, count: Number(r.count) }));
    });
  }

  async *exportAtoms(base: string, options: ExportOptions = {}): AsyncIterable<StoredAtom[]> {
    const batchSize = checkLimit(options.batchSize, 1000);
    const source = await this.run(async () => {
      const b = await this.baseRef(this.db, base);
      return options.snapshot === undefined
        ? { table: 'kb_atoms', owner: 'base_id', id: b.id }
        : { table: 'kb_snapshot_atoms', owner: 'snapshot_id', id: await snapshots.snapshotId(this.db, b, options.snapshot) };
    });
    let depth = -1;
    let key = '';
    for (;;) {
      const rows = await this.run(() =>
        this.db.query<AtomRow & { depth: number } & Record<string, unknown>>(
          `SELECT ${ATOM_COLUMNS} FROM ${source.table}
           WHERE ${source.owner} = $1 AND (depth, key) > ($2, $3)
           ORDER BY depth, key LIMIT $4`,
          [source.id, depth, key, batchSize],
        ),
      );
      if (rows.length === 0) return;
      const last = rows[rows.length - 1];
      depth = last.depth;
      key = last.key;
      yield rows.map(rowToAtom);
      if (rows.length < batchSize) return;
    }
  }

  // ------------------------------------------------------------ journal and history

  readJournal(base: string, options: JournalReadOptions = {}): Promise<JournalEntry[]> {
    return this.run(async () => {
      const { afterSeq, limit } = checkJournalRead(options);
      const b = await this.baseRef(this.db, base);
      const rows = await this.db.query(
        `SELECT seq::float8 AS seq, ${iso('at')} AS at, kind, atom FROM kb_journal
         WHERE base_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [b.id, afterSeq, limit],
      );
      return rows.map(rowToJournalEntry);
    });
  }

  restoreToPoint(base: string, point: RestorePoint, options: RestoreOptions = {}): Promise<RestoreResult> {
    return this.restore(base, options, async (tx, source) => {
      const seq = await resolvePoint(tx, source.id, source.journalSeq, point);
      await fillFromJournal(tx, RESTORE_TABLE, source.id, seq);
    });
  }

  // ------------------------------------------------------------ snapshots

  createSnapshot(base: string, name: string, options: CreateSnapshotOptions = {}): Promise<SnapshotInfo> {
    return this.run(async () => {
      checkName('snapshot', name);
      return this.db.transaction(async (tx) => snapshots.createSnapshot(tx, await this.lockBase(tx, base), name, options.description ?? ''));
    });
  }

  listSnapshots(base: string): Promise<SnapshotInfo[]> {
    return this.run(async () => snapshots.listSnapshots(this.db, await this.baseRef(this.db, base)));
  }

  getSnapshot(base: string, name: string): Promise<SnapshotInfo> {
    return this.run(async () => snapshots.getSnapshot(this.db, await this.baseRef(this.db, base), name));
  }

  deleteSnapshot(base: string, name: string): Promise<void> {
    return this.run(async () => snapshots.deleteSnapshot(this.db, await this.baseRef(this.db, base), name));
  }

  restoreSnapshot(base: string, name: string, options: RestoreOptions = {}): Promise<RestoreResult> {
    return this.restore(base, options, async (tx, source) => {
      await snapshots.fillFromSnapshot(tx, RESTORE_TABLE, await snapshots.snapshotId(tx, source, name));
    });
  }

  // ------------------------------------------------------------ internals

  /** Runs one call: refused once closed, failures as StorageErrors, tracked so close() waits for it. */
  private run<T>(f: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StorageError('STORE_CLOSED', `the ${this.backend} store is closed`));
    const p = (async () => {
      try {
        return await f();
      } catch (e) {
        throw toStorageError(e);
      }
    })();
    this.inFlight.add(p);
    const done = () => this.inFlight.delete(p);
    p.then(done, done);
    return p;
  }

  private async baseRef(db: SqlExecutor, name: string): Promise<BaseRef> {
    const [row] = await db.query<{ id: number }>('SELECT id FROM kb_bases WHERE name = $1', [name]);
    if (!row) throw baseNotFound(name);
    return { id: row.id, name };
  }

  private async baseInfo(db: SqlExecutor, name: string): Promise<KnowledgeBaseInfo> {
    const [row] = await db.query(`SELECT ${BASE_COLUMNS} FROM kb_bases WHERE name = $1`, [name]);
    if (!row) throw baseNotFound(name);
    return rowToBase(row);
  }

  /** Locks the base's row for the rest of the transaction: writers to one base go one at a time. */
  private async lockBase(tx: SqlExecutor, name: string): Promise<LockedBase> {
    const [row] = await tx.query<{ id: number; journal_seq: number }>(
      'SELECT id, journal_seq::float8 AS journal_seq FROM kb_bases WHERE name = $1 FOR UPDATE',
      [name],
    );
    if (!row) throw baseNotFound(name);
    return { id: row.id, name, journalSeq: Number(row.journal_seq) };
  }

  private async insertBase(tx: SqlExecutor, name: string, description: string): Promise<LockedBase> {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO kb_bases (name, description, created_at, updated_at) VALUES ($1, $2, ${NOW}, ${NOW})
       ON CONFLICT (name) DO NOTHING RETURNING id`,
      [name, description],
    );
    if (!row) throw new StorageError('BASE_EXISTS', `knowledge base ${name} already exists`);
    return { id: row.id, name, journalSeq: 0 };
  }

  /** Moves the base's counters after a change of `added - removed` atoms and `changes` journal entries. */
  private async advance(tx: SqlExecutor, base: LockedBase, changes: number, atomDelta: number): Promise<number> {
    if (changes === 0) return base.journalSeq;
    await tx.query(
      `UPDATE kb_bases SET journal_seq = journal_seq + $2, atom_count = atom_count + $3, updated_at = ${NOW} WHERE id = $1`,
      [base.id, changes, atomDelta],
    );
    return base.journalSeq + changes;
  }

  private write(base: string, plan: WritePlan): Promise<WriteResult> {
    return this.db.transaction(async (tx) => {
      const b = await this.lockBase(tx, base);
      const removed = plan.remove && plan.remove.length > 0 ? await this.remove(tx, b, plan.remove, plan.removeOptions ?? {}) : [];
      let added = 0;
      let updated = 0;
      const batch = plan.batch;
      if (batch && batch.writes.length > 0) {
        if (plan.flat) await this.assignStoredDepths(tx, b, batch);
        ({ added, updated } = await journaledUpsert(tx, b.id, b.journalSeq + removed.length, inputFromWrites(batch.writes)));
      }
      const journalSeq = await this.advance(tx, b, removed.length + added + updated, added - removed.length);
      return { added, updated, removed, keys: batch?.keys ?? [], journalSeq };
    });
  }

  private async remove(tx: SqlExecutor, b: LockedBase, keys: readonly AtomKey[], options: RemoveOptions): Promise<AtomKey[]> {
    const wanted = [...new Set(keys)];
    const found = new Set(
      (await tx.query<{ key: string }>('SELECT key FROM kb_atoms WHERE base_id = $1 AND key = ANY($2::text[])', [b.id, wanted])).map((r) => r.key),
    );
    const missing = wanted.filter((k) => !found.has(k));
    if (missing.length > 0 && !options.ignoreMissing) {
      throw new StorageError('ATOM_NOT_FOUND', `knowledge base ${b.name} has no atom ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' ...' : ''}`);
    }
    let doomed = [...found];
    if (doomed.length === 0) return [];
    if (options.recursive) {
      const rows = await tx.query<{ key: string }>(
        `WITH RECURSIVE closure(key) AS (
           SELECT unnest($2::text[]) COLLATE "C"
           UNION
           SELECT a.key FROM closure c JOIN kb_atoms a ON a.base_id = $1 AND a.outgoing @> ARRAY[c.key])
         SELECT key FROM closure`,
        [b.id, doomed],
      );
      doomed = rows.map((r) => r.key);
    } else {
      const [holder] = await tx.query<{ atom: string; link: string }>(
        `SELECT k AS atom, a.key AS link FROM unnest($2::text[]) AS k
         JOIN kb_atoms a ON a.base_id = $1 AND a.outgoing @> ARRAY[k]
         WHERE a.key <> ALL($2::text[]) LIMIT 1`,
        [b.id, doomed],
      );
      if (holder) {
        throw new StorageError('HAS_INCOMING', `atom ${holder.atom} is in link ${holder.link}: remove the link first, or remove recursively`);
      }
    }
    return journaledDelete(tx, b.id, b.journalSeq, 'key = ANY($3::text[])', [doomed]);
  }

  /** Flat records name outgoing atoms by key: those not in the batch must be stored. */
  private async assignStoredDepths(tx: SqlExecutor, b: BaseRef, batch: AtomBatch): Promise<void> {
    const outside = outgoingOutside(batch);
    const rows =
      outside.length === 0
        ? []
        : await tx.query<{ key: string; depth: number }>('SELECT key, depth FROM kb_atoms WHERE base_id = $1 AND key = ANY($2::text[])', [b.id, outside]);
    assignDepths(batch, new Map(rows.map((r) => [r.key, r.depth])));
  }

  /**
   * Brings a base (or a new base, `into`) to the state `fill` puts into the restore table, as
   * journaled changes: atoms not in that state are removed, the others added or given its values.
   */
  private restore(base: string, options: RestoreOptions, fill: (tx: SqlExecutor, source: LockedBase) => Promise<void>): Promise<RestoreResult> {
    return this.run(async () => {
      if (options.into !== undefined) checkName('knowledge base', options.into);
      return this.db.transaction(async (tx) => {
        const source = await this.lockBase(tx, base);
        await tx.query(
          `CREATE TEMP TABLE ${RESTORE_TABLE} (key text COLLATE "C" PRIMARY KEY, type text NOT NULL, name text COLLATE "C" NOT NULL,
             outgoing text[], depth integer NOT NULL, tv jsonb, av jsonb, vals jsonb) ON COMMIT DROP`,
        );
        await fill(tx, source);
        const target = options.into === undefined ? source : await this.insertBase(tx, options.into, '');
        const removed = await journaledDelete(
          tx,
          target.id,
          target.journalSeq,
          `NOT EXISTS (SELECT 1 FROM ${RESTORE_TABLE} t WHERE t.key = kb_atoms.key)`,
          [],
        );
        const { added, updated } = await journaledUpsert(tx, target.id, target.journalSeq + removed.length, inputFromTable(RESTORE_TABLE));
        const journalSeq = await this.advance(tx, target, removed.length + added + updated, added - removed.length);
        await tx.query(`DROP TABLE ${RESTORE_TABLE}`);
        return { base: target.name, added, updated, removed: removed.length, journalSeq };
      });
    });
  }

  private queryCondition(b: BaseRef, query: AtomQuery): { sql: string; params: unknown[] } {
    const params: unknown[] = [b.id];
    const parts = ['base_id = $1'];
    const typeNames = queryTypeNames(query, this.types);
    if (typeNames) {
      params.push(typeNames);
      parts.push(`type = ANY($${params.length}::text[])`);
    }
    const like = query.ignoreCase ? 'ILIKE' : 'LIKE';
    if (query.namePrefix !== undefined) {
      params.push(`${likeLiteral(query.namePrefix)}%`);
      parts.push(`outgoing IS NULL AND name ${like} $${params.length}`);
    }
    if (query.nameContains !== undefined) {
      params.push(`%${likeLiteral(query.nameContains)}%`);
      parts.push(`outgoing IS NULL AND name ${like} $${params.length}`);
    }
    return { sql: parts.join(' AND '), params };
  }
}

/** A LIKE pattern matching `text` literally (backslash is LIKE's escape character). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function baseNotFound(name: string): StorageError {
  return new StorageError('BASE_NOT_FOUND', `knowledge base ${name} does not exist`);
}
