import type { AtomRecord, CognitiveClient } from '@ai-opencog/protocol';
import { atomKey } from '../common/atom-format';

/*
 * A space's atoms held in the extension's backend for a short while, with an index by content and
 * by member: what the graph view's neighbourhoods and the explorer's searches read, so that they
 * cost a few page requests (1,000 atoms each) instead of one request per atom — the services
 * limit requests per minute. A snapshot lives `ttlMs` (30 s), is dropped at once when this backend
 * changes the space (loads, removals, jobs, BindLinks), and holds at most `maxAtoms` atoms (a larger
 * space is `complete: false`, and callers fall back on the service's own routes).
 */

export interface SpaceSnapshot {
  space: string;
  records: AtomRecord[];
  /** By content key (atom-format's atomKey). */
  byKey: Map<string, AtomRecord>;
  byHandle: Map<string, AtomRecord>;
  /** The links holding each atom, by the atom's key. */
  incoming: Map<string, AtomRecord[]>;
  /** False when the space has more atoms than the snapshot may hold. */
  complete: boolean;
  takenAt: number;
}

export interface SnapshotOptions {
  ttlMs?: number;
  maxAtoms?: number;
  /** Spaces kept at once (least recently used goes first). */
  maxSpaces?: number;
  now?: () => number;
}

const PAGE = 1000;

export class SpaceSnapshots {
  private readonly cache = new Map<string, { promise: Promise<SpaceSnapshot>; takenAt: number }>();
  private readonly ttlMs: number;
  private readonly maxAtoms: number;
  private readonly maxSpaces: number;
  private readonly now: () => number;

  constructor(
    private readonly client: () => Pick<CognitiveClient, 'listAtoms'>,
    options: SnapshotOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.maxAtoms = options.maxAtoms ?? 250_000;
    this.maxSpaces = options.maxSpaces ?? 3;
    this.now = options.now ?? Date.now;
  }

  get(space: string, signal?: AbortSignal): Promise<SpaceSnapshot> {
    const cached = this.cache.get(space);
    if (cached && this.now() - cached.takenAt < this.ttlMs) {
      // most recently used last
      this.cache.delete(space);
      this.cache.set(space, cached);
      return cached.promise;
    }
    const entry = { promise: this.take(space, signal), takenAt: this.now() };
    this.cache.delete(space);
    this.cache.set(space, entry);
    entry.promise.catch(() => {
      if (this.cache.get(space) === entry) this.cache.delete(space);
    });
    while (this.cache.size > this.maxSpaces) this.cache.delete(this.cache.keys().next().value as string);
    return entry.promise;
  }

  /** The space changed: the next read takes a new snapshot. */
  invalidate(space?: string): void {
    if (space === undefined) this.cache.clear();
    else this.cache.delete(space);
  }

  private async take(space: string, signal?: AbortSignal): Promise<SpaceSnapshot> {
    const records: AtomRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.client().listAtoms(space, { limit: PAGE, ...(cursor ? { cursor } : {}) }, { signal });
      records.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && records.length < this.maxAtoms);
    const byKey = new Map<string, AtomRecord>();
    const byHandle = new Map<string, AtomRecord>();
    const incoming = new Map<string, AtomRecord[]>();
    for (const r of records) {
      byKey.set(atomKey(r.atom), r);
      byHandle.set(r.handle, r);
      const seen = new Set<string>();
      for (const member of r.atom.outgoing ?? []) {
        const k = atomKey(member);
        if (seen.has(k)) continue; // a link holding an atom twice is one incoming link
        seen.add(k);
        const list = incoming.get(k);
        if (list) list.push(r);
        else incoming.set(k, [r]);
      }
    }
    return { space, records, byKey, byHandle, incoming, complete: cursor === undefined, takenAt: this.now() };
  }
}
