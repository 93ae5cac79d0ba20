/**
 * The one interface of knowledge persistence. Every backend (PGlite, PostgreSQL, Neo4j) implements
 * {@link AtomStore} and passes the shared conformance suite (test/conformance). Callers (the
 * knowledge service, the CLI) depend on this file only.
 *
 * Vocabulary:
 * - A **knowledge base** ("base") is a named, persistent set of atoms with its own change journal
 *   and snapshots. Names: 1-128 characters of `[A-Za-z0-9._-]`, starting with a letter or digit.
 * - An atom is stored once per base under its **content key** ({@link AtomKey}, see atom-key.ts),
 *   as a flat {@link StoredAtom}: links name their outgoing set by keys.
 * - Values use the kernel's JSON forms (`@ai-opencog/atomspace` codec/atom-json.ts).
 * - Every write is one transaction: when the promise resolves the change is durable and journaled;
 *   when it rejects nothing of it is stored.
 * - Every failure is a `StorageError` with a stable code (errors.ts).
 */
import type { AtomJson, AttentionValueJson, TruthValueJson, ValueJson } from '@ai-opencog/atomspace';

/**
 * Content key of an atom: lowercase hex SHA-256, the same for equal atoms in every base, store,
 * backend and run (the recipe is in atom-key.ts and the README).
 */
export type AtomKey = string;

/** A keyed value of an atom: the key atom (without its own values) and the value. */
export interface KeyedValueJson {
  key: AtomJson;
  value: ValueJson;
}

/**
 * An atom as stored: flat, links refer to their outgoing atoms by key (in the kernel's order; for
 * unordered links any order names the same atom). Default values are absent: no `tv` means
 * `(stv 1 0)`, no `av` means `(av 0 0 0)`, no `values` means none.
 */
export interface StoredAtom {
  key: AtomKey;
  /** Full type name (`ConceptNode`, never the short `Concept`). */
  type: string;
  /** Nodes only. */
  name?: string;
  /** Links only (may be empty). */
  outgoing?: AtomKey[];
  tv?: TruthValueJson;
  av?: AttentionValueJson;
  values?: KeyedValueJson[];
}

export interface KnowledgeBaseInfo {
  name: string;
  description: string;
  /** ISO 8601 timestamps (UTC). */
  createdAt: string;
  updatedAt: string;
  /** Atoms in the base now. */
  atomCount: number;
  /** Sequence number of the last journal entry (0 for a new base). */
  journalSeq: number;
}

export interface CreateBaseOptions {
  description?: string;
}

/**
 * How `upsertAtoms` treats an atom that is already stored:
 * - `merge` (default, as the kernel's add does): a given `tv` or `av` replaces the stored one,
 *   given keyed values replace the values under the same keys, everything not given stays.
 * - `replace`: the values of each top-level atom of the batch become exactly the given ones
 *   (absent tv/av/values mean the defaults); atoms nested inside them are merged.
 */
export type UpsertMode = 'merge' | 'replace';

export interface UpsertOptions {
  mode?: UpsertMode;
}

export interface RemoveOptions {
  /**
   * Also remove every link that contains the atom, transitively (OpenCog's
   * `cog-extract-recursive!`). Without it an atom that a link outside the removed set contains is
   * refused with HAS_INCOMING.
   */
  recursive?: boolean;
  /** Skip keys that are not stored instead of failing with ATOM_NOT_FOUND. */
  ignoreMissing?: boolean;
}

/**
 * Flat changes applied in one transaction: `remove` first (as `removeAtoms` without `recursive`),
 * then `put`: each record is the full state of its atom (values replaced as given). The outgoing
 * atoms of a record must be stored already or come earlier in `put`. Keys are verified.
 */
export interface ChangeSet {
  remove?: readonly AtomKey[];
  put?: readonly StoredAtom[];
  /** Keys of `remove` that are not stored are skipped (default false: ATOM_NOT_FOUND). */
  ignoreMissing?: boolean;
}

export interface WriteResult {
  /** Atoms that were new to the base. */
  added: number;
  /** Stored atoms whose values changed. */
  updated: number;
  /** Keys of the removed atoms, links before the atoms they contain. */
  removed: AtomKey[];
  /** Keys of the top-level atoms given to upsertAtoms (in input order), or of `put`. */
  keys: AtomKey[];
  /** The base's journal position after the write (unchanged when nothing changed). */
  journalSeq: number;
}

/**
 * Which atoms to list or count. Conditions combine with AND. Name conditions match nodes only.
 * Results are ordered by name (Unicode code point order), then key; links have the empty name.
 */
export interface AtomQuery {
  /** Type names (full or short); atoms of exactly these types. */
  types?: readonly string[];
  /** With `types`: also every subtype of them in the store's type registry. */
  subtypes?: boolean;
  /** Nodes whose name starts with this. */
  namePrefix?: string;
  /** Nodes whose name contains this. */
  nameContains?: string;
  /** Case-insensitive name matching (default false). */
  ignoreCase?: boolean;
}

export interface PageOptions {
  /** Page size, 1..10,000 (default 100). */
  limit?: number;
  /** `nextCursor` of the previous page; absent for the first page. */
  cursor?: string;
}

export interface AtomPage {
  atoms: StoredAtom[];
  /** Present when there may be more: pass it as `cursor` for the next page. */
  nextCursor?: string;
}

export interface TypeCount {
  type: string;
  count: number;
}

export interface ExportOptions {
  /** Atoms per yielded batch (default 1,000). */
  batchSize?: number;
  /** Export the atoms of this snapshot of the base instead of its current atoms. */
  snapshot?: string;
}

/** Kinds of journal entries: a new atom, a removed atom, changed values of a stored atom. */
export type JournalKind = 'add' | 'remove' | 'values';

/**
 * One change. `atom` is the atom's full state after the change (for `remove`: before it), so
 * replaying entries in order rebuilds a base exactly.
 */
export interface JournalEntry {
  seq: number;
  /** ISO 8601 commit time (UTC). */
  at: string;
  kind: JournalKind;
  atom: StoredAtom;
}

export interface JournalReadOptions {
  /** Entries with a larger sequence number (default 0: from the start). */
  afterSeq?: number;
  /** At most this many, 1..10,000 (default 1,000). */
  limit?: number;
}

export interface SnapshotInfo {
  base: string;
  name: string;
  description: string;
  createdAt: string;
  /** The base's journal position when the snapshot was taken. */
  journalSeq: number;
  atomCount: number;
}

export interface CreateSnapshotOptions {
  description?: string;
}

/** A point in a base's history: after journal entry `seq`, or as it was at time `at`. */
export type RestorePoint = { seq: number } | { at: Date | string };

export interface RestoreOptions {
  /**
   * Write the restored state into a new base of this name (BASE_EXISTS if taken) and leave the
   * source base alone. Without it the base itself is brought back to that state; the restore is
   * journaled as ordinary changes, so it can be undone by another restore.
   */
  into?: string;
}

export interface RestoreResult {
  /** The base that now holds the restored state. */
  base: string;
  added: number;
  updated: number;
  removed: number;
  journalSeq: number;
}

export interface AtomStore {
  /** Backend name: `pglite`, `postgres`, `neo4j`. */
  readonly backend: string;

  /** Resolves when the backend answers; STORAGE_UNAVAILABLE otherwise (for /readyz). */
  ping(): Promise<void>;
  /** Finishes in-flight work and releases the backend; later calls fail with STORE_CLOSED. */
  close(): Promise<void>;

  // ------------------------------------------------------------ knowledge bases
  /** BASE_EXISTS, INVALID_ARGUMENT (bad name). */
  createBase(name: string, options?: CreateBaseOptions): Promise<KnowledgeBaseInfo>;
  /** Every base, by name. */
  listBases(): Promise<KnowledgeBaseInfo[]>;
  /** BASE_NOT_FOUND. */
  getBase(name: string): Promise<KnowledgeBaseInfo>;
  /** Keeps atoms, journal and snapshots. BASE_NOT_FOUND, BASE_EXISTS, INVALID_ARGUMENT. */
  renameBase(from: string, to: string): Promise<KnowledgeBaseInfo>;
  /** Removes the base with its atoms, journal and snapshots. BASE_NOT_FOUND. */
  deleteBase(name: string): Promise<void>;

  // ------------------------------------------------------------ writing atoms
  /**
   * Stores a batch of (nested) atoms: every sub-atom, key atom and atom inside a LinkValue is
   * stored once. Types are checked against the store's registry, unordered links and NumberNode
   * names made canonical. INVALID_ATOM (naming the JSON path, e.g. `$[3].outgoing[1].type`) leaves
   * the base unchanged.
   */
  upsertAtoms(base: string, atoms: readonly AtomJson[], options?: UpsertOptions): Promise<WriteResult>;
  /** ATOM_NOT_FOUND, HAS_INCOMING (see RemoveOptions). All or nothing. */
  removeAtoms(base: string, keys: readonly AtomKey[], options?: RemoveOptions): Promise<WriteResult>;
  /** Flat changes in one transaction (restores, space sync, copies between stores). INVALID_ATOM. */
  applyChanges(base: string, changes: ChangeSet): Promise<WriteResult>;

  // ------------------------------------------------------------ reading atoms
  getAtom(base: string, key: AtomKey): Promise<StoredAtom | undefined>;
  /** In the order of `keys`; undefined where not stored. */
  getAtoms(base: string, keys: readonly AtomKey[]): Promise<(StoredAtom | undefined)[]>;
  /** Links that contain the atom (ordered by key). */
  getIncoming(base: string, key: AtomKey): Promise<StoredAtom[]>;
  /** A page of atoms matching `query` (see AtomQuery for the order). UNKNOWN_TYPE, INVALID_ARGUMENT (bad cursor). */
  queryAtoms(base: string, query: AtomQuery, page?: PageOptions): Promise<AtomPage>;
  countAtoms(base: string, query?: AtomQuery): Promise<number>;
  /** Atoms per exact type, by type name; types with no atoms are left out. */
  countByType(base: string): Promise<TypeCount[]>;
  /**
   * Every atom of the base (or of one of its snapshots) in dependency order: an atom comes after
   * all atoms of its outgoing set (ordered by depth, then key). Each batch is read separately;
   * writes between batches may or may not show (export a snapshot for a consistent view).
   */
  exportAtoms(base: string, options?: ExportOptions): AsyncIterable<StoredAtom[]>;

  // ------------------------------------------------------------ journal and history
  /** Entries in sequence order. */
  readJournal(base: string, options?: JournalReadOptions): Promise<JournalEntry[]>;
  /** Brings the base (or a new base, `into`) back to a point of its journal. INVALID_ARGUMENT (point outside the journal). */
  restoreToPoint(base: string, point: RestorePoint, options?: RestoreOptions): Promise<RestoreResult>;

  // ------------------------------------------------------------ snapshots
  /** A copy of the base's atoms now. SNAPSHOT_EXISTS, INVALID_ARGUMENT. */
  createSnapshot(base: string, name: string, options?: CreateSnapshotOptions): Promise<SnapshotInfo>;
  /** Oldest first. */
  listSnapshots(base: string): Promise<SnapshotInfo[]>;
  /** SNAPSHOT_NOT_FOUND. */
  getSnapshot(base: string, name: string): Promise<SnapshotInfo>;
  deleteSnapshot(base: string, name: string): Promise<void>;
  restoreSnapshot(base: string, name: string, options?: RestoreOptions): Promise<RestoreResult>;
}
