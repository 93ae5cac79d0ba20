/**
 * The SQL schema shared by PGlite and PostgreSQL (see the README's "Schema" section). Names carry
 * a `kb_` prefix so the tables can live beside others in one database.
 */

/** Columns of an atom row, in the order every statement uses. */
export const ATOM_COLUMNS = 'key, type, name, outgoing, depth, tv, av, vals';

/** Version 1: knowledge bases, atoms, journal, snapshots. */
export const SCHEMA_V1 = `
CREATE TABLE kb_bases (
  id           serial PRIMARY KEY,
  name         text NOT NULL UNIQUE,
  description  text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  journal_seq  bigint NOT NULL DEFAULT 0,
  atom_count   bigint NOT NULL DEFAULT 0
);

-- One row per atom of a base. Keys and names compare bytewise (COLLATE "C": code point order). key: content key (atom-key.ts); name: '' for links; outgoing: NULL
-- for nodes; depth: 0 for nodes, 1 + deepest outgoing atom for links (export order); tv, av: the
-- kernel's JSON, NULL when default; vals: keyed values as {keyOfKeyAtom: {key, value}}, NULL when none.
CREATE TABLE kb_atoms (
  base_id   integer NOT NULL REFERENCES kb_bases (id) ON DELETE CASCADE,
  key       text COLLATE "C" NOT NULL,
  type      text NOT NULL,
  name      text COLLATE "C" NOT NULL DEFAULT '',
  outgoing  text[],
  depth     integer NOT NULL,
  tv        jsonb,
  av        jsonb,
  vals      jsonb,
  PRIMARY KEY (base_id, key)
);
-- Name order, prefix search (LIKE 'x%' on a "C" column) and keyset paging.
CREATE INDEX kb_atoms_name ON kb_atoms (base_id, name, key);
-- Listing by type in name order.
CREATE INDEX kb_atoms_type_name ON kb_atoms (base_id, type, name, key);
-- Export in dependency order.
CREATE INDEX kb_atoms_depth ON kb_atoms (base_id, depth, key);
-- Incoming sets: links whose outgoing set contains a key.
CREATE INDEX kb_atoms_outgoing ON kb_atoms USING gin (outgoing);

-- Append-only change journal; atom: the row's full state after the change (before it for remove).
CREATE TABLE kb_journal (
  base_id  integer NOT NULL REFERENCES kb_bases (id) ON DELETE CASCADE,
  seq      bigint NOT NULL,
  at       timestamptz NOT NULL,
  kind     text NOT NULL CHECK (kind IN ('add', 'remove', 'values')),
  key      text COLLATE "C" NOT NULL,
  atom     jsonb NOT NULL,
  PRIMARY KEY (base_id, seq)
);

CREATE TABLE kb_snapshots (
  id           serial PRIMARY KEY,
  base_id      integer NOT NULL REFERENCES kb_bases (id) ON DELETE CASCADE,
  name         text NOT NULL,
  description  text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL,
  journal_seq  bigint NOT NULL,
  atom_count   bigint NOT NULL,
  UNIQUE (base_id, name)
);

-- A snapshot is a copy of the base's atom rows at its journal position.
CREATE TABLE kb_snapshot_atoms (
  snapshot_id  integer NOT NULL REFERENCES kb_snapshots (id) ON DELETE CASCADE,
  key          text COLLATE "C" NOT NULL,
  type         text NOT NULL,
  name         text COLLATE "C" NOT NULL,
  outgoing     text[],
  depth        integer NOT NULL,
  tv           jsonb,
  av           jsonb,
  vals         jsonb,
  PRIMARY KEY (snapshot_id, depth, key)
);
`;

/** Version 2: trigram index for substring search (pg_trgm), when the database has the extension. */
export const TRIGRAM_EXTENSION = 'CREATE EXTENSION IF NOT EXISTS pg_trgm';
export const TRIGRAM_INDEX = 'CREATE INDEX kb_atoms_name_trgm ON kb_atoms USING gin (name gin_trgm_ops)';
