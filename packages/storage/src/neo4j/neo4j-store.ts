/**
 * The Neo4j backend: atoms as nodes, outgoing sets as ordered relationships, in a Neo4j 5.26+
 * database reached over Bolt with neo4j-driver. The graph model is in neo4j-schema.ts and the
 * README's "Neo4j" section.
 *
 * Every write is one explicit transaction (`executeWrite`) that first takes the write lock of its
 * base's (:KnowledgeBase) node, so writes to one base go one at a time: journal sequence numbers
 * have no gaps, timestamps grow with them, and a snapshot matches its journal position. The
 * promise resolves after Neo4j committed the transaction.
 */
import { randomUUID } from 'node:crypto';
import neo4j, { Neo4jError, type Config, type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { defaultTypes, type AtomJson, type TypeRegistry } from '@ai-opencog/atomspace';
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
  JournalKind,
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
import {
  RESERVED_LABELS,
  applyWrite,
  chunks,
  compareForPut,
  compareForRemove,
  exportKeyOf,
  foldCase,
  journalJsonToRow,
  resultToRow,
  rowToJournalJson,
  rowToProps,
  rowToStored,
  sortKeyOf,
  valuesDiffer,
  type AtomResult,
  type AtomRow,
} from './neo4j-records';
import { ATOM_RETURN, ATOM_VALUES_RETURN, SCHEMA, SCHEMA_RACE_CODES, SNAPSHOT_ATOM_RETURN, createStatement, outdatedRules, type ExistingIndex } from './neo4j-schema';

export interface Neo4jStoreConfig {
  /** Bolt URL, e.g. `bolt://127.0.0.1:57687` (scripts/test-deps/neo4j.sh) or `neo4j://host:7687`. */
  url: string;
  /** User name (default `neo4j`); used when `password` is given. */
  username?: string;
  /** Password; absent for a server with authentication disabled. */
  password?: string;
  /** Database name (default: the server's default database, `neo4j`). */
  database?: string;
  /** Type registry for checking atoms and expanding subtypes (default: the kernel's defaultTypes). */
  types?: TypeRegistry;
  /** Extra neo4j-driver settings (pool size, timeouts, logging). */
  driverConfig?: Config;
  /** Rows per Cypher statement in large writes (default 5,000). */
  chunkSize?: number;
  /** Seconds to wait for the schema's indexes to come online on open (default 300). */
  indexWaitSeconds?: number;
}

/** Connects, creates the constraints and indexes (idempotent), finishes interrupted bulk deletes. */
export async function openNeo4jStore(config: Neo4jStoreConfig): Promise<AtomStore> {
  const store = new Neo4jAtomStore(config);
  try {
    await store.start();
  } catch (e) {
    await store.close().catch(() => undefined);
    throw toStorageError(e);
  }
  return store;
}

/** A (:KnowledgeBase) node's properties. */
interface BaseNode {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  atomCount: number;
  journalSeq: number;
  lastAtMs: number;
  snapshotCount: number;
}

/** One write's changes: rows as they are now (removes) or will be (adds, updates). */
interface Plan {
  removes: AtomRow[];
  adds: AtomRow[];
  updates: AtomRow[];
}

const int = (n: number) => neo4j.int(n);

/** A number from Neo4j (a JS number, or an Integer when the driver keeps integers lossless). */
function num(x: unknown): number {
  if (typeof x === 'number') return x;
  if (neo4j.isInt(x)) return (x as { toNumber(): number }).toNumber();
  return Number(x);
}

export class Neo4jAtomStore implements AtomStore {
  readonly backend = 'neo4j';
  private readonly driver: Driver;
  private readonly database: string | undefined;
  private readonly types: TypeRegistry;
  private readonly chunkSize: number;
  private readonly indexWaitSeconds: number;
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(config: Neo4jStoreConfig) {
    const auth = config.password !== undefined ? neo4j.auth.basic(config.username ?? 'neo4j', config.password) : undefined;
    this.driver = neo4j.driver(config.url, auth, {
      maxConnectionPoolSize: 20,
      connectionAcquisitionTimeout: 60_000,
      connectionTimeout: 10_000,
      maxTransactionRetryTime: 30_000,
      ...config.driverConfig,
      disableLosslessIntegers: true,
    });
    this.database = config.database;
    this.types = config.types ?? defaultTypes;
    this.chunkSize = config.chunkSize ?? 5000;
    this.indexWaitSeconds = config.indexWaitSeconds ?? 300;
  }

  /** Called once by openNeo4jStore. */
  async start(): Promise<void> {
    await this.driver.verifyConnectivity({ database: this.database });
    await this.ensureSchema();
    await this.autoCommit('CALL db.awaitIndexes($seconds)', { seconds: int(this.indexWaitSeconds) });
    await this.finishDeletions();
  }

  async ping(): Promise<void> {
    await this.run(() => this.read((tx) => tx.run('RETURN 1')));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    await this.driver.close();
  }

  /** Creates the constraints and indexes (IF NOT EXISTS); drops `aoc_` ones of another definition first. */
  private async ensureSchema(): Promise<void> {
    const session = this.session('WRITE');
    try {
      const existing = (await session.run('SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint')).records.map(
        (r) => r.toObject() as ExistingIndex,
      );
      const outdated = outdatedRules(existing);
      for (const name of outdated.constraints) await session.run(`DROP CONSTRAINT ${name} IF EXISTS`);
      for (const name of outdated.indexes) await session.run(`DROP INDEX ${name} IF EXISTS`);
      for (const rule of SCHEMA) {
        try {
          await session.run(createStatement(rule));
        } catch (e) {
          if (!(e instanceof Neo4jError && SCHEMA_RACE_CODES.has(e.code))) throw e;
        }
      }
    } finally {
      await session.close();
    }
  }

  // ------------------------------------------------------------ knowledge bases

  createBase(name: string, options: CreateBaseOptions = {}): Promise<KnowledgeBaseInfo> {
    return this.run(async () => {
      checkName('knowledge base', name);
      const description = checkDescription(options.description);
      return baseInfo(await this.write((tx) => this.insertBase(tx, name, description)));
    });
  }

  listBases(): Promise<KnowledgeBaseInfo[]> {
    return this.run(async () => {
      const bases = await this.read(async (tx) => (await tx.run('MATCH (b:KnowledgeBase) RETURN b {.*} AS b')).records.map((r) => toBase(r.get('b'))));
      return bases.map(baseInfo).sort((a, b) => compareStrings(a.name, b.name));
    });
  }

  getBase(name: string): Promise<KnowledgeBaseInfo> {
    return this.run(async () => baseInfo(await this.read((tx) => findBase(tx, name))));
  }

  renameBase(from: string, to: string): Promise<KnowledgeBaseInfo> {
    return this.run(async () => {
      checkName('knowledge base', to);
      const b = await this.write(async (tx) => {
        const kb = await lockBase(tx, from);
        if (from === to) return kb;
        if ((await tx.run('MATCH (b:KnowledgeBase {name: $to}) RETURN b.id', { to })).records.length > 0) throw baseExists(to);
        const now = new Date().toISOString();
        const r = await tx.run('MATCH (b:KnowledgeBase {id: $id}) SET b.name = $to, b.updatedAt = $now RETURN b {.*} AS b', { id: kb.id, to, now });
        return toBase(r.records[0].get('b'));
      }).catch((e: unknown) => {
        throw isConstraintViolation(e) ? baseExists(to) : e;
      });
      return baseInfo(b);
    });
  }

  deleteBase(name: string): Promise<void> {
    return this.run(async () => {
      const pending = await this.write(async (tx) => {
        const kb = await lockBase(tx, name);
        const r = await tx.run(
          `MATCH (b:KnowledgeBase {id: $id})
           OPTIONAL MATCH (s:Snapshot {base: $id})
           WITH b, collect(s) AS snaps
           WITH b, snaps, [s IN snaps | s.id] AS ids
           CREATE (:PendingDeletion {kind: 'base', id: b.id})
           FOREACH (id IN ids | CREATE (:PendingDeletion {kind: 'snapshot', id: id}))
           FOREACH (s IN snaps | DETACH DELETE s)
           DETACH DELETE b
           RETURN ids AS snapshots`,
          { id: kb.id },
        );
        return [kb.id, ...(r.records[0].get('snapshots') as string[])];
      });
      await this.finishDeletions(pending);
    });
  }

  // ------------------------------------------------------------ writing atoms

  upsertAtoms(base: string, atoms: readonly AtomJson[], options: UpsertOptions = {}): Promise<WriteResult> {
    return this.run(async () => {
      if (!Array.isArray(atoms)) throw new StorageError('INVALID_ATOM', '$ must be an array of atoms');
      const mode = options.mode ?? 'merge';
      if (mode !== 'merge' && mode !== 'replace') throw new StorageError('INVALID_ARGUMENT', `mode must be 'merge' or 'replace', got ${String(mode)}`);
      const batch = flattenAtomBatch(atoms, this.types, mode);
      return this.write(async (tx) => {
        const kb = await lockBase(tx, base);
        const plan: Plan = { removes: [], adds: [], updates: [] };
        await this.planPuts(tx, kb, batch, new Set(), plan);
        const journalSeq = await this.commit(tx, kb, plan);
        return { added: plan.adds.length, updated: plan.updates.length, removed: [], keys: batch.keys, journalSeq };
      });
    });
  }

  removeAtoms(base: string, keys: readonly AtomKey[], options: RemoveOptions = {}): Promise<WriteResult> {
    return this.run(async () => {
      checkKeys(keys, 'keys');
      return this.write(async (tx) => {
        const kb = await lockBase(tx, base);
        const plan: Plan = { removes: await this.planRemoves(tx, kb, keys, options), adds: [], updates: [] };
        const journalSeq = await this.commit(tx, kb, plan);
        return { added: 0, updated: 0, removed: plan.removes.map((r) => r.key), keys: [], journalSeq };
      });
    });
  }

  applyChanges(base: string, changes: ChangeSet): Promise<WriteResult> {
    return this.run(async () => {
      if (changes === null || typeof changes !== 'object') throw new StorageError('INVALID_ARGUMENT', 'changes must be an object');
      if (changes.remove !== undefined) checkKeys(changes.remove, 'changes.remove');
      if (changes.put !== undefined && !Array.isArray(changes.put)) throw new StorageError('INVALID_ATOM', '$ (changes.put) must be an array of records');
      const batch = checkRecords(changes.put ?? [], this.types);
      return this.write(async (tx) => {
        const kb = await lockBase(tx, base);
        const removes = await this.planRemoves(tx, kb, changes.remove ?? [], { ignoreMissing: changes.ignoreMissing });
        const removed = new Set(removes.map((r) => r.key));
        const plan: Plan = { removes, adds: [], updates: [] };
        if (batch.writes.length > 0) {
          const outside = outgoingOutside(batch).filter((k) => !removed.has(k));
          const stored = await this.fetchRows(tx, kb.id, outside, true);
          assignDepths(batch, new Map([...stored.values()].map((r) => [r.key, r.depth])));
          await this.planPuts(tx, kb, batch, removed, plan);
        }
        const journalSeq = await this.commit(tx, kb, plan);
        return { added: plan.adds.length, updated: plan.updates.length, removed: removes.map((r) => r.key), keys: batch.keys, journalSeq };
      });
    });
  }

  // ------------------------------------------------------------ reading atoms

  getAtom(base: string, key: AtomKey): Promise<StoredAtom | undefined> {
    return this.getAtoms(base, [key]).then(([a]) => a);
  }

  getAtoms(base: string, keys: readonly AtomKey[]): Promise<(StoredAtom | undefined)[]> {
    return this.run(async () => {
      checkKeys(keys, 'keys');
      return this.read(async (tx) => {
        const kb = await findBase(tx, base);
        const rows = await this.fetchRows(tx, kb.id, [...new Set(keys)]);
        return keys.map((k) => {
          const row = rows.get(k);
          return row && rowToStored(row);
        });
      });
    });
  }

  getIncoming(base: string, key: AtomKey): Promise<StoredAtom[]> {
    return this.run(async () =>
      this.read(async (tx) => {
        const kb = await findBase(tx, base);
        const r = await tx.run(
          `MATCH (:Atom {base: $base, key: $key})<-[:OUTGOING]-(l:Atom)
           WITH DISTINCT l AS a
           RETURN ${ATOM_RETURN} ORDER BY a.key`,
          { base: kb.id, key: String(key) },
        );
        return r.records.map((x) => rowToStored(resultToRow(x.toObject() as AtomResult)));
      }),
    );
  }

  queryAtoms(base: string, query: AtomQuery, page?: PageOptions): Promise<AtomPage> {
    return this.run(async () => {
      const limit = checkLimit(page?.limit, 100);
      const after = decodeCursor(page);
      const where = this.queryCondition(query ?? {});
      where.params.after = after ? sortKeyOf(after.name, after.key) : '';
      where.parts.push('a.sortKey > $after');
      return this.read(async (tx) => {
        const kb = await findBase(tx, base);
        const r = await tx.run(
          `MATCH (a:Atom) WHERE ${where.parts.join(' AND ')}
           WITH a ORDER BY a.base, a.sortKey LIMIT $limit
           RETURN ${ATOM_RETURN}`,
          { ...where.params, base: kb.id, limit: int(limit + 1) },
        );
        const rows = r.records.map((x) => resultToRow(x.toObject() as AtomResult));
        const atoms = rows.slice(0, limit).map(rowToStored);
        const last = rows[limit - 1];
        return rows.length > limit ? { atoms, nextCursor: encodeCursor({ name: last.name ?? '', key: last.key }) } : { atoms };
      });
    });
  }

  countAtoms(base: string, query: AtomQuery = {}): Promise<number> {
    return this.run(async () => {
      const where = this.queryCondition(query ?? {});
      return this.read(async (tx) => {
        const kb = await findBase(tx, base);
        const r = await tx.run(`MATCH (a:Atom) WHERE ${where.parts.join(' AND ')} RETURN count(a) AS n`, { ...where.params, base: kb.id });
        return num(r.records[0].get('n'));
      });
    });
  }

  countByType(base: string): Promise<TypeCount[]> {
    return this.run(async () =>
      this.read(async (tx) => {
        const kb = await findBase(tx, base);
        const r = await tx.run('MATCH (a:Atom) WHERE a.base = $base AND a.type IS NOT NULL RETURN a.type AS type, count(*) AS count', { base: kb.id });
        return r.records
          .map((x) => ({ type: x.get('type') as string, count: num(x.get('count')) }))
          .sort((a, b) => compareStrings(a.type, b.type));
      }),
    );
  }

  async *exportAtoms(base: string, options: ExportOptions = {}): AsyncIterable<StoredAtom[]> {
    const batchSize = checkLimit(options.batchSize, 1000);
    const source = await this.run(() =>
      this.read(async (tx) => {
        const kb = await findBase(tx, base);
        if (options.snapshot === undefined) return { label: 'Atom', owner: 'base', id: kb.id, returns: ATOM_RETURN };
        const s = await findSnapshot(tx, kb, options.snapshot);
        return { label: 'SnapshotAtom', owner: 'snapshot', id: s.id, returns: SNAPSHOT_ATOM_RETURN };
      }),
    );
    let after = '';
    for (;;) {
      const rows = await this.run(() =>
        this.read(async (tx) => {
          const r = await tx.run(
            `MATCH (a:${source.label}) WHERE a.${source.owner} = $id AND a.exportKey > $after
             WITH a ORDER BY a.${source.owner}, a.exportKey LIMIT $limit
             RETURN ${source.returns}`,
            { id: source.id, after, limit: int(batchSize) },
          );
          return r.records.map((x) => resultToRow(x.toObject() as AtomResult));
        }),
      );
      if (rows.length === 0) return;
      const last = rows[rows.length - 1];
      after = exportKeyOf(last.depth, last.key);
      yield rows.map(rowToStored);
      if (rows.length < batchSize) return;
    }
  }

  // ------------------------------------------------------------ journal and history

  readJournal(base: string, options: JournalReadOptions = {}): Promise<JournalEntry[]> {
    return this.run(async () => {
      const { afterSeq, limit } = checkJournalRead(options ?? {});
      return this.read(async (tx) => {
        const kb = await findBase(tx, base);
        const r = await tx.run(
          `MATCH (j:JournalEntry) WHERE j.base = $base AND j.seq > $after
           RETURN j.seq AS seq, j.at AS at, j.kind AS kind, j.atom AS atom ORDER BY j.seq LIMIT $limit`,
          { base: kb.id, after: int(afterSeq), limit: int(limit) },
        );
        return r.records.map((x) => ({
          seq: num(x.get('seq')),
          at: x.get('at') as string,
          kind: x.get('kind') as JournalKind,
          atom: rowToStored(journalJsonToRow(x.get('atom') as string)),
        }));
      });
    });
  }

  restoreToPoint(base: string, point: RestorePoint, options: RestoreOptions = {}): Promise<RestoreResult> {
    return this.restore(base, options, async (tx, kb) => this.stateAt(tx, kb, await resolvePoint(tx, kb, point)));
  }

  // ------------------------------------------------------------ snapshots

  createSnapshot(base: string, name: string, options: CreateSnapshotOptions = {}): Promise<SnapshotInfo> {
    return this.run(async () => {
      checkName('snapshot', name);
      const description = checkDescription(options.description);
      return this.write(async (tx) => {
        const kb = await lockBase(tx, base);
        if ((await tx.run('MATCH (s:Snapshot {base: $base, name: $name}) RETURN s.id', { base: kb.id, name })).records.length > 0) {
          throw snapshotExists(base, name);
        }
        const id = randomUUID();
        const ordinal = kb.snapshotCount + 1;
        const r = await tx.run(
          `MATCH (b:KnowledgeBase {id: $base})
           SET b.snapshotCount = $ordinal
           CREATE (s:Snapshot {id: $id, base: $base, name: $name, description: $description, createdAt: $now,
                               journalSeq: b.journalSeq, atomCount: b.atomCount, ordinal: $ordinal})
           RETURN s {.*} AS s`,
          { base: kb.id, id, name, description, now: new Date().toISOString(), ordinal: int(ordinal) },
        );
        await tx.run(
          `MATCH (a:Atom) WHERE a.base = $base AND a.key IS NOT NULL
           CREATE (x:SnapshotAtom {snapshot: $id, key: a.key, type: a.type, name: a.name, depth: a.depth, exportKey: a.exportKey,
             tv: a.tv, av: a.av, values: a.values,
             outgoing: CASE WHEN a.name IS NULL THEN COLLECT { MATCH (a)-[r:OUTGOING]->(o:Atom) RETURN o.key ORDER BY r.position } END})`,
          { base: kb.id, id },
        );
        return snapshotInfo(base, r.records[0].get('s'));
      }).catch((e: unknown) => {
        throw isConstraintViolation(e) ? snapshotExists(base, name) : e;
      });
    });
  }

  listSnapshots(base: string): Promise<SnapshotInfo[]> {
    return this.run(async () =>
      this.read(async (tx) => {
        const kb = await findBase(tx, base);
        const r = await tx.run('MATCH (s:Snapshot {base: $base}) RETURN s {.*} AS s ORDER BY s.ordinal', { base: kb.id });
        return r.records.map((x) => snapshotInfo(base, x.get('s')));
      }),
    );
  }

  getSnapshot(base: string, name: string): Promise<SnapshotInfo> {
    return this.run(async () => this.read(async (tx) => snapshotInfo(base, await findSnapshot(tx, await findBase(tx, base), name))));
  }

  deleteSnapshot(base: string, name: string): Promise<void> {
    return this.run(async () => {
      const id = await this.write(async (tx) => {
        const s = await findSnapshot(tx, await findBase(tx, base), name);
        await tx.run("MATCH (s:Snapshot {id: $id}) CREATE (:PendingDeletion {kind: 'snapshot', id: s.id}) DETACH DELETE s", { id: s.id });
        return s.id;
      });
      await this.finishDeletions([id]);
    });
  }

  restoreSnapshot(base: string, name: string, options: RestoreOptions = {}): Promise<RestoreResult> {
    return this.restore(base, options, async (tx, kb) => this.snapshotRows(tx, (await findSnapshot(tx, kb, name)).id));
  }

  // ------------------------------------------------------------ internals: sessions and errors

  /** Runs one call: refused once closed, failures as StorageErrors, tracked so close() waits for it. */
  private run<T>(f: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StorageError('STORE_CLOSED', 'the neo4j store is closed'));
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

  private session(mode: 'READ' | 'WRITE'): Session {
    return this.driver.session({ database: this.database, defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
  }

  private async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.session('READ');
    try {
      return await session.executeRead(work);
    } finally {
      await session.close();
    }
  }

  /** One write transaction, retried by the driver on transient failures (deadlocks, leader switch). */
  private async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.session('WRITE');
    try {
      return await session.executeWrite(work);
    } finally {
      await session.close();
    }
  }

  /** An auto-commit query (schema statements, CALL ... IN TRANSACTIONS). */
  private async autoCommit(query: string, params: Record<string, unknown> = {}): Promise<void> {
    const session = this.session('WRITE');
    try {
      await session.run(query, params);
    } finally {
      await session.close();
    }
  }

  // ------------------------------------------------------------ internals: writes

  private async insertBase(tx: ManagedTransaction, name: string, description: string): Promise<BaseNode> {
    if ((await tx.run('MATCH (b:KnowledgeBase {name: $name}) RETURN b.id', { name })).records.length > 0) throw baseExists(name);
    const now = new Date().toISOString();
    try {
      const r = await tx.run(
        `CREATE (b:KnowledgeBase {id: $id, name: $name, description: $description, createdAt: $now, updatedAt: $now,
                                  atomCount: 0, journalSeq: 0, lastAtMs: 0, snapshotCount: 0, writes: 0})
         RETURN b {.*} AS b`,
        { id: randomUUID(), name, description, now },
      );
      return toBase(r.records[0].get('b'));
    } catch (e) {
      throw isConstraintViolation(e) ? baseExists(name) : e;
    }
  }

  /**
   * The rows of the given keys that the base holds; with `valuesOnly`, links come without their
   * outgoing sets (for comparing values and reading depths).
   */
  private async fetchRows(tx: ManagedTransaction, baseId: string, keys: readonly string[], valuesOnly = false): Promise<Map<AtomKey, AtomRow>> {
    const out = new Map<AtomKey, AtomRow>();
    const returns = valuesOnly ? ATOM_VALUES_RETURN : ATOM_RETURN;
    for (const part of chunks(keys, this.chunkSize)) {
      const r = await tx.run(`UNWIND $keys AS k MATCH (a:Atom {base: $base, key: k}) RETURN ${returns}`, { base: baseId, keys: part });
      for (const x of r.records) {
        const row = resultToRow(x.toObject() as AtomResult);
        out.set(row.key, row);
      }
    }
    return out;
  }

  /** Every atom row of a base. */
  private async allRows(tx: ManagedTransaction, baseId: string): Promise<Map<AtomKey, AtomRow>> {
    const r = await tx.run(`MATCH (a:Atom) WHERE a.base = $base AND a.key IS NOT NULL RETURN ${ATOM_RETURN}`, { base: baseId });
    return new Map(r.records.map((x) => resultToRow(x.toObject() as AtomResult)).map((row) => [row.key, row]));
  }

  private async snapshotRows(tx: ManagedTransaction, snapshotId: string): Promise<Map<AtomKey, AtomRow>> {
    const r = await tx.run(`MATCH (a:SnapshotAtom) WHERE a.snapshot = $id AND a.key IS NOT NULL RETURN ${SNAPSHOT_ATOM_RETURN}`, { id: snapshotId });
    return new Map(r.records.map((x) => resultToRow(x.toObject() as AtomResult)).map((row) => [row.key, row]));
  }

  /** Adds to `plan` what the batch's writes change: new atoms, and stored atoms whose values change. */
  private async planPuts(tx: ManagedTransaction, kb: BaseNode, batch: AtomBatch, removed: ReadonlySet<AtomKey>, plan: Plan): Promise<void> {
    // Stored rows serve for their values only: a key names its outgoing set.
    const current = await this.fetchRows(
      tx,
      kb.id,
      batch.writes.map((w) => w.key).filter((k) => !removed.has(k)),
      true,
    );
    for (const w of batch.writes) {
      const old = current.get(w.key);
      const next = applyWrite(old, w);
      if (!old) plan.adds.push(next);
      else if (valuesDiffer(old, next)) plan.updates.push(next);
    }
  }

  /**
   * The rows to remove for removeAtoms (and the remove part of applyChanges), links before the
   * atoms they contain. ATOM_NOT_FOUND, HAS_INCOMING as the interface says.
   */
  private async planRemoves(tx: ManagedTransaction, kb: BaseNode, keys: readonly AtomKey[], options: RemoveOptions): Promise<AtomRow[]> {
    const wanted = [...new Set(keys)];
    if (wanted.length === 0) return [];
    const doomed = await this.fetchRows(tx, kb.id, wanted);
    const missing = wanted.filter((k) => !doomed.has(k));
    if (missing.length > 0 && !options.ignoreMissing) {
      throw new StorageError('ATOM_NOT_FOUND', `knowledge base ${kb.name} has no atom ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' ...' : ''}`);
    }
    if (options.recursive) {
      let frontier = [...doomed.keys()];
      while (frontier.length > 0) {
        const holders = (await this.incomingPairs(tx, kb.id, frontier)).map((p) => p.link).filter((k) => !doomed.has(k));
        const fresh = await this.fetchRows(tx, kb.id, [...new Set(holders)]);
        for (const [k, row] of fresh) doomed.set(k, row);
        frontier = [...fresh.keys()];
      }
    } else {
      const holder = (await this.incomingPairs(tx, kb.id, [...doomed.keys()])).find((p) => !doomed.has(p.link));
      if (holder) {
        throw new StorageError('HAS_INCOMING', `atom ${holder.atom} is in link ${holder.link}: remove the link first, or remove recursively`);
      }
    }
    return [...doomed.values()].sort(compareForRemove);
  }

  /** (atom, link) for every link of the base that contains one of `keys`. */
  private async incomingPairs(tx: ManagedTransaction, baseId: string, keys: readonly string[]): Promise<{ atom: string; link: string }[]> {
    const out: { atom: string; link: string }[] = [];
    for (const part of chunks(keys, this.chunkSize)) {
      const r = await tx.run(
        `UNWIND $keys AS k MATCH (a:Atom {base: $base, key: k})<-[:OUTGOING]-(l:Atom)
         RETURN DISTINCT a.key AS atom, l.key AS link`,
        { base: baseId, keys: part },
      );
      for (const x of r.records) out.push({ atom: x.get('atom') as string, link: x.get('link') as string });
    }
    return out;
  }

  /**
   * Carries out a plan in the transaction: deletes, creates (nodes, then their OUTGOING
   * relationships), value updates, then the journal entries (removes first, links before their
   * atoms; then adds and value changes by depth and key) and the base's counters. Returns the
   * base's journal position after it.
   */
  private async commit(tx: ManagedTransaction, kb: BaseNode, plan: Plan): Promise<number> {
    const changes = plan.removes.length + plan.adds.length + plan.updates.length;
    if (changes === 0) return kb.journalSeq;
    const base = kb.id;
    for (const part of chunks(plan.removes, this.chunkSize)) {
      await tx.run('UNWIND $keys AS k MATCH (a:Atom {base: $base, key: k}) DETACH DELETE a', { base, keys: part.map((r) => r.key) });
    }
    for (const part of chunks(plan.adds, this.chunkSize)) {
      await tx.run('UNWIND $rows AS r CREATE (a:$(r.labels)) SET a = r.props', {
        rows: part.map((row) => ({ labels: RESERVED_LABELS.has(row.type) ? ['Atom'] : ['Atom', row.type], props: { ...rowToProps(row), base, depth: int(row.depth) } })),
      });
    }
    const edges = plan.adds.flatMap((row) => (row.outgoing ?? []).map((to, i) => ({ from: row.key, to, position: int(i) })));
    for (const part of chunks(edges, this.chunkSize)) {
      const r = await tx.run(
        `UNWIND $edges AS e
         MATCH (l:Atom {base: $base, key: e.from})
         MATCH (o:Atom {base: $base, key: e.to})
         CREATE (l)-[:OUTGOING {position: e.position}]->(o)
         RETURN count(*) AS n`,
        { base, edges: part },
      );
      if (num(r.records[0].get('n')) !== part.length) {
        throw new StorageError('INVALID_ATOM', `an outgoing atom of a new link is not in knowledge base ${kb.name}`);
      }
    }
    for (const part of chunks(plan.updates, this.chunkSize)) {
      await tx.run('UNWIND $rows AS r MATCH (a:Atom {base: $base, key: r.key}) SET a.tv = r.tv, a.av = r.av, a.values = r.values', {
        base,
        rows: part.map((row) => {
          const p = rowToProps(row);
          return { key: p.key, tv: p.tv, av: p.av, values: p.values };
        }),
      });
    }
    const atMs = Math.max(Date.now(), kb.lastAtMs);
    const at = new Date(atMs).toISOString();
    const entries: { kind: JournalKind; row: AtomRow }[] = [
      ...plan.removes.map((row) => ({ kind: 'remove' as const, row })),
      ...[...plan.adds.map((row) => ({ kind: 'add' as const, row })), ...plan.updates.map((row) => ({ kind: 'values' as const, row }))].sort((a, b) =>
        compareForPut(a.row, b.row),
      ),
    ];
    let seq = kb.journalSeq;
    const journal = entries.map((e) => ({ base, seq: int(++seq), at, atMs: int(atMs), kind: e.kind, key: e.row.key, atom: rowToJournalJson(e.row) }));
    for (const part of chunks(journal, this.chunkSize)) {
      await tx.run('UNWIND $rows AS r CREATE (j:JournalEntry) SET j = r', { rows: part });
    }
    await tx.run(
      `MATCH (b:KnowledgeBase {id: $base})
       SET b.journalSeq = $seq, b.atomCount = b.atomCount + $delta, b.updatedAt = $at, b.lastAtMs = $atMs`,
      { base, seq: int(seq), delta: int(plan.adds.length - plan.removes.length), at, atMs: int(atMs) },
    );
    return seq;
  }

  // ------------------------------------------------------------ internals: history

  /**
   * The base's atoms after journal entry `seq`: the newest snapshot taken at or before it, then the
   * journal entries after the snapshot replayed in order.
   */
  private async stateAt(tx: ManagedTransaction, kb: BaseNode, seq: number): Promise<Map<AtomKey, AtomRow>> {
    const s = await tx.run(
      `MATCH (s:Snapshot {base: $base}) WHERE s.journalSeq <= $seq
       RETURN s.id AS id, s.journalSeq AS journalSeq ORDER BY s.journalSeq DESC, s.ordinal DESC LIMIT 1`,
      { base: kb.id, seq: int(seq) },
    );
    const snapshot = s.records[0];
    const state = snapshot ? await this.snapshotRows(tx, snapshot.get('id') as string) : new Map<AtomKey, AtomRow>();
    const from = snapshot ? num(snapshot.get('journalSeq')) : 0;
    if (seq > from) {
      const r = await tx.run(
        `MATCH (j:JournalEntry) WHERE j.base = $base AND j.seq > $from AND j.seq <= $seq
         RETURN j.kind AS kind, j.atom AS atom ORDER BY j.seq`,
        { base: kb.id, from: int(from), seq: int(seq) },
      );
      for (const x of r.records) {
        const row = journalJsonToRow(x.get('atom') as string);
        if (x.get('kind') === 'remove') state.delete(row.key);
        else state.set(row.key, row);
      }
    }
    return state;
  }

  /**
   * Brings a base (or a new base, `into`) to the state `target` computes, as journaled changes:
   * atoms not in that state are removed, the others added or given their values.
   */
  private restore(
    base: string,
    options: RestoreOptions,
    target: (tx: ManagedTransaction, source: BaseNode) => Promise<Map<AtomKey, AtomRow>>,
  ): Promise<RestoreResult> {
    return this.run(async () => {
      if (options.into !== undefined) checkName('knowledge base', options.into);
      return this.write(async (tx) => {
        const source = await lockBase(tx, base);
        const state = await target(tx, source);
        const dest = options.into === undefined ? source : await this.insertBase(tx, options.into, '');
        const current = options.into === undefined ? await this.allRows(tx, source.id) : new Map<AtomKey, AtomRow>();
        const plan: Plan = { removes: [...current.values()].filter((r) => !state.has(r.key)).sort(compareForRemove), adds: [], updates: [] };
        for (const row of state.values()) {
          const old = current.get(row.key);
          if (!old) plan.adds.push(row);
          else if (valuesDiffer(old, row)) plan.updates.push(row);
        }
        const journalSeq = await this.commit(tx, dest, plan);
        return { base: dest.name, added: plan.adds.length, updated: plan.updates.length, removed: plan.removes.length, journalSeq };
      }).catch((e: unknown) => {
        throw options.into !== undefined && isConstraintViolation(e) ? baseExists(options.into) : e;
      });
    });
  }

  // ------------------------------------------------------------ internals: queries

  private queryCondition(query: AtomQuery): { parts: string[]; params: Record<string, unknown> } {
    const parts = ['a.base = $base'];
    const params: Record<string, unknown> = {};
    const typeNames = queryTypeNames(query, this.types);
    if (typeNames) {
      params.types = typeNames;
      parts.push('a.type IN $types');
    }
    const fold = query.ignoreCase === true;
    for (const [field, op] of [
      ['namePrefix', 'STARTS WITH'],
      ['nameContains', 'CONTAINS'],
    ] as const) {
      const text = query[field];
      if (text === undefined) continue;
      if (typeof text !== 'string') throw new StorageError('INVALID_ARGUMENT', `${field} must be a string`);
      params[field] = fold ? foldCase(text) : text;
      // Only nodes have a name property, so name conditions match nodes only.
      parts.push(`${fold ? 'a.nameLower' : 'a.name'} ${op} $${field}`);
    }
    if (parts.length === 1) parts.push('a.key IS NOT NULL');
    return { parts, params };
  }

  // ------------------------------------------------------------ internals: bulk deletes

  /**
   * Deletes what deleted bases and snapshots left (atoms, journal, snapshot atoms) in batches of
   * their own transactions; the (:PendingDeletion) node goes last, so an interrupted delete is
   * finished by the next store that opens the database. The base or snapshot itself was removed
   * in one transaction before, so nothing of it is visible meanwhile.
   */
  private async finishDeletions(ids?: readonly string[]): Promise<void> {
    const session = this.session('WRITE');
    try {
      const pending = (
        await session.run('MATCH (p:PendingDeletion) WHERE $ids IS NULL OR p.id IN $ids RETURN p.kind AS kind, p.id AS id', { ids: ids ?? null })
      ).records.map((r) => ({ kind: r.get('kind') as string, id: r.get('id') as string }));
      for (const p of pending) {
        if (p.kind === 'base') {
          await session.run('MATCH (a:Atom) WHERE a.base = $id AND a.key IS NOT NULL CALL (a) { DETACH DELETE a } IN TRANSACTIONS OF 2000 ROWS', { id: p.id });
          await session.run('MATCH (j:JournalEntry) WHERE j.base = $id AND j.seq IS NOT NULL CALL (j) { DELETE j } IN TRANSACTIONS OF 10000 ROWS', { id: p.id });
        } else {
          await session.run('MATCH (x:SnapshotAtom) WHERE x.snapshot = $id AND x.key IS NOT NULL CALL (x) { DELETE x } IN TRANSACTIONS OF 10000 ROWS', { id: p.id });
        }
        await session.run('MATCH (p:PendingDeletion {id: $id}) DELETE p', { id: p.id });
      }
    } finally {
      await session.close();
    }
  }
}

// -------------------------------------------------------------- helpers

async function findBase(tx: ManagedTransaction, name: string): Promise<BaseNode> {
  const r = await tx.run('MATCH (b:KnowledgeBase {name: $name}) RETURN b {.*} AS b', { name: String(name) });
  if (r.records.length === 0) throw baseNotFound(name);
  return toBase(r.records[0].get('b'));
}

/** Finds the base and takes its node's write lock until the transaction ends. */
async function lockBase(tx: ManagedTransaction, name: string): Promise<BaseNode> {
  const r = await tx.run('MATCH (b:KnowledgeBase {name: $name}) SET b.writes = coalesce(b.writes, 0) + 1 RETURN b {.*} AS b', { name: String(name) });
  if (r.records.length === 0) throw baseNotFound(name);
  return toBase(r.records[0].get('b'));
}

async function findSnapshot(tx: ManagedTransaction, kb: BaseNode, name: string): Promise<Record<string, unknown> & { id: string }> {
  const r = await tx.run('MATCH (s:Snapshot {base: $base, name: $name}) RETURN s {.*} AS s', { base: kb.id, name: String(name) });
  if (r.records.length === 0) throw new StorageError('SNAPSHOT_NOT_FOUND', `knowledge base ${kb.name} has no snapshot named ${name}`);
  return r.records[0].get('s') as Record<string, unknown> & { id: string };
}

/** The journal position a restore point names; INVALID_ARGUMENT outside 0..journalSeq. */
async function resolvePoint(tx: ManagedTransaction, kb: BaseNode, point: RestorePoint): Promise<number> {
  if (point === null || typeof point !== 'object') throw new StorageError('INVALID_ARGUMENT', 'a restore point is { seq } or { at }');
  if ('seq' in point) {
    if (!Number.isInteger(point.seq) || point.seq < 0 || point.seq > kb.journalSeq) {
      throw new StorageError('INVALID_ARGUMENT', `restore point seq ${point.seq} is outside the journal (0..${kb.journalSeq})`);
    }
    return point.seq;
  }
  const at = point.at instanceof Date ? point.at : new Date(point.at);
  if (Number.isNaN(at.getTime())) throw new StorageError('INVALID_ARGUMENT', `restore point time '${String(point.at)}' is not a date`);
  // Timestamps grow with sequence numbers: the newest entry at or before `at`.
  const r = await tx.run(
    'MATCH (j:JournalEntry) WHERE j.base = $base AND j.atMs <= $ms RETURN j.seq AS seq ORDER BY j.seq DESC LIMIT 1',
    { base: kb.id, ms: int(at.getTime()) },
  );
  return r.records.length > 0 ? num(r.records[0].get('seq')) : 0;
}

function toBase(b: Record<string, unknown>): BaseNode {
  return {
    id: b.id as string,
    name: b.name as string,
    description: (b.description as string) ?? '',
    createdAt: b.createdAt as string,
    updatedAt: b.updatedAt as string,
    atomCount: num(b.atomCount),
    journalSeq: num(b.journalSeq),
    lastAtMs: num(b.lastAtMs ?? 0),
    snapshotCount: num(b.snapshotCount ?? 0),
  };
}

function baseInfo(b: BaseNode): KnowledgeBaseInfo {
  return { name: b.name, description: b.description, createdAt: b.createdAt, updatedAt: b.updatedAt, atomCount: b.atomCount, journalSeq: b.journalSeq };
}

function snapshotInfo(base: string, s: Record<string, unknown>): SnapshotInfo {
  return {
    base,
    name: s.name as string,
    description: (s.description as string) ?? '',
    createdAt: s.createdAt as string,
    journalSeq: num(s.journalSeq),
    atomCount: num(s.atomCount),
  };
}

function checkDescription(d: unknown): string {
  if (d === undefined) return '';
  if (typeof d !== 'string') throw new StorageError('INVALID_ARGUMENT', 'description must be a string');
  return d;
}

function checkKeys(keys: unknown, what: string): void {
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) throw new StorageError('INVALID_ARGUMENT', `${what} must be an array of atom keys`);
}

/** Plain string order (names of bases and types are ASCII). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function baseNotFound(name: string): StorageError {
  return new StorageError('BASE_NOT_FOUND', `knowledge base ${name} does not exist`);
}

function baseExists(name: string): StorageError {
  return new StorageError('BASE_EXISTS', `knowledge base ${name} already exists`);
}

function snapshotExists(base: string, name: string): StorageError {
  return new StorageError('SNAPSHOT_EXISTS', `knowledge base ${base} already has a snapshot named ${name}`);
}

function isConstraintViolation(e: unknown): boolean {
  return e instanceof Neo4jError && e.code === 'Neo.ClientError.Schema.ConstraintValidationFailed';
}

/** Driver codes and Neo4j status codes that mean the database cannot be reached (or is going away). */
const UNAVAILABLE = /^(ServiceUnavailable|SessionExpired|Neo\.TransientError\.|Neo\.ClientError\.Security\.|Neo\.ClientError\.Database\.DatabaseNotFound|Neo\.DatabaseError\.General\.UnknownError$)/;

/** A driver or database failure as a StorageError (StorageErrors pass through). */
export function toStorageError(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const code = e instanceof Neo4jError ? e.code : (e as { code?: unknown } | null)?.code;
  if ((typeof code === 'string' && UNAVAILABLE.test(code)) || /ECONNREFUSED|ECONNRESET|ETIMEDOUT|connection|closed/i.test(message)) {
    return new StorageError('STORAGE_UNAVAILABLE', `Neo4j unavailable: ${message}`, { cause: e });
  }
  return new StorageError('STORAGE_ERROR', `Neo4j error${typeof code === 'string' ? ` ${code}` : ''}: ${message}`, { cause: e });
}
