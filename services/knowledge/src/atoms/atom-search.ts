import { ServiceError, type AtomPage, type AtomRecord, type TypeCounts } from '@ai-opencog/protocol';
import type { AtomPage as StorePage, AtomQuery, AtomStore, StoredAtom } from '@ai-opencog/storage';
import type { BaseCatalog } from '../bases/base-catalog';
import { AtomNester } from './atom-nester';
import type { AtomeseText } from './atomese-text';

export interface SearchQuery {
  name?: string;
  match: 'exact' | 'prefix' | 'substring';
  type?: string;
  subtypes: boolean;
  atomese: boolean;
  cursor?: string;
  offset?: number;
  limit: number;
}

/** The protocol's limit on a cursor's length. */
const MAX_CURSOR = 512;
/** Atoms read per store page while skipping to an offset. */
const SKIP_PAGE = 10_000;

/**
 * Search of a base's atoms by node name (exact, prefix, substring) and type (with subtypes), a
 * page at a time, ordered by name (code point order) then handle. An atom's handle is its content
 * key. Pages go by cursor (the store's keyset position) or by offset (skipped a store page at a
 * time: cursors are much cheaper on large bases).
 */
export class AtomSearch {
  constructor(
    private readonly store: AtomStore,
    private readonly bulk: AtomStore,
    private readonly catalog: BaseCatalog,
    private readonly text: AtomeseText,
  ) {}

  async search(base: string, q: SearchQuery): Promise<AtomPage> {
    await this.catalog.check(base);
    const query: AtomQuery = {
      ...(q.type !== undefined ? { types: [q.type], subtypes: q.subtypes } : {}),
      ...(q.name !== undefined ? (q.match === 'substring' ? { nameContains: q.name } : { namePrefix: q.name }) : {}),
    };
    const exact = q.name !== undefined && q.match === 'exact' ? q.name : undefined;
    let cursor: string | undefined | null = q.cursor === undefined ? undefined : await this.storeCursor(base, q.cursor);
    if (q.offset !== undefined && q.offset > 0) cursor = await this.skip(base, query, q.offset, exact);
    let page: StorePage = cursor === null ? { atoms: [] } : await this.store.queryAtoms(base, query, { limit: q.limit, ...(cursor ? { cursor } : {}) });
    if (exact !== undefined) {
      const matching = page.atoms.filter((a) => a.name === exact);
      // Results come in name order: past the exact name, nothing more can match.
      page = matching.length < page.atoms.length ? { atoms: matching } : page;
    }
    const total = q.cursor === undefined && exact === undefined ? await this.store.countAtoms(base, query) : undefined;
    const items = await this.records(base, page.atoms, q.atomese);
    const next = page.nextCursor === undefined ? undefined : this.wireCursor(page.nextCursor, page.atoms[page.atoms.length - 1]!);
    return { items, ...(total !== undefined ? { total } : {}), ...(next !== undefined ? { nextCursor: next } : {}) };
  }

  async countTypes(base: string): Promise<TypeCounts> {
    await this.catalog.check(base);
    const counts = await this.store.countByType(base);
    return { total: counts.reduce((sum, c) => sum + c.count, 0), counts };
  }

  private async records(base: string, atoms: readonly StoredAtom[], withAtomese: boolean): Promise<AtomRecord[]> {
    const nester = new AtomNester((keys) => this.bulk.getAtoms(base, keys), 10_000);
    const nested = await nester.nest(atoms);
    return atoms.map((a, i) => ({ handle: a.key, atom: nested[i]!, ...(withAtomese ? { atomese: this.text.write(nested[i]!) } : {}) }));
  }

  /** The store position after `offset` matching atoms; null when there are no more. */
  private async skip(base: string, query: AtomQuery, offset: number, exact: string | undefined): Promise<string | null> {
    let cursor: string | undefined;
    let left = offset;
    for (;;) {
      const page = await this.bulk.queryAtoms(base, query, { limit: Math.min(left, SKIP_PAGE), ...(cursor ? { cursor } : {}) });
      const counted = exact === undefined ? page.atoms.length : page.atoms.filter((a) => a.name === exact).length;
      // Past the exact name nothing more matches.
      if (counted < page.atoms.length) return null;
      left -= counted;
      if (page.nextCursor === undefined) return null;
      if (left === 0) return page.nextCursor;
      cursor = page.nextCursor;
    }
  }

  /**
   * The store's cursor carries the last atom's name, which may be too long for the protocol's
   * cursor: then the cursor names the atom by its key (`k.`) and the position is rebuilt from it.
   */
  private wireCursor(storeCursor: string, last: StoredAtom): string {
    return storeCursor.length + 2 <= MAX_CURSOR ? `s.${storeCursor}` : `k.${last.key}`;
  }

  private async storeCursor(base: string, cursor: string): Promise<string> {
    if (cursor.startsWith('s.')) return cursor.slice(2);
    if (cursor.startsWith('k.')) {
      const atom = await this.bulk.getAtom(base, cursor.slice(2));
      if (!atom) throw new ServiceError('BAD_REQUEST', 'the atom this cursor continues from was removed: start the search again');
      // The store's keyset position: base64url of the JSON [name, key] (packages/storage, atom-query.ts).
      return Buffer.from(JSON.stringify([atom.name ?? '', atom.key]), 'utf8').toString('base64url');
    }
    throw new ServiceError('BAD_REQUEST', 'the cursor is not one this service returned');
  }
}
