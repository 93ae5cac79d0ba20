import { ServiceError } from '@ai-opencog/protocol';
import type { AtomJson } from '@ai-opencog/atomspace';
import type { AtomKey, StoredAtom } from '@ai-opencog/storage';

/** Reads stored atoms by key (undefined where not stored), e.g. `store.getAtoms(base, keys)`. */
export type AtomReader = (keys: readonly AtomKey[]) => Promise<(StoredAtom | undefined)[]>;

/**
 * Turns flat stored atoms (links name their outgoing atoms by key) into the kernel's nested JSON:
 * each atom with its own values, its outgoing atoms nested without theirs (the form the kernel's
 * add merges: a nested atom without values keeps the values it has). Outgoing atoms are looked up
 * with `read` and kept in a bounded cache, so that exporting a base in dependency order reads
 * each atom about once.
 */
export class AtomNester {
  private readonly cache = new Map<AtomKey, AtomJson>();

  constructor(
    private readonly read: AtomReader,
    private readonly cacheSize = 100_000,
  ) {}

  /** The nested JSON of each record, in order. */
  async nest(records: readonly StoredAtom[]): Promise<AtomJson[]> {
    const known = await this.resolve(records);
    const local = new Map<AtomKey, AtomJson>();
    const plain = (key: AtomKey): AtomJson => {
      const cached = local.get(key) ?? this.cache.get(key);
      if (cached) return cached;
      const r = known.get(key);
      if (!r) throw changedWhileReading(key);
      const json: AtomJson = r.outgoing ? { type: r.type, outgoing: r.outgoing.map(plain) } : { type: r.type, name: r.name ?? '' };
      local.set(key, json);
      return json;
    };
    // The plain forms are shared by the trees that contain them; each answer is a fresh object.
    const out = records.map((r) => withValues({ ...plain(r.key) }, r));
    for (const [key, json] of local) this.remember(key, json);
    return out;
  }

  /** The records of `records` and of every outgoing atom not cached, by key. */
  private async resolve(records: readonly StoredAtom[]): Promise<Map<AtomKey, StoredAtom>> {
    const known = new Map<AtomKey, StoredAtom>();
    for (const r of records) known.set(r.key, r);
    const visited = new Set<AtomKey>();
    let frontier = records.flatMap((r) => r.outgoing ?? []);
    while (frontier.length > 0) {
      const missing: AtomKey[] = [];
      const next: AtomKey[] = [];
      for (const key of frontier) {
        if (visited.has(key)) continue;
        visited.add(key);
        if (this.cache.has(key)) continue;
        const r = known.get(key);
        if (r) next.push(...(r.outgoing ?? []));
        else missing.push(key);
      }
      if (missing.length > 0) {
        const fetched = await this.read(missing);
        fetched.forEach((r, i) => {
          if (!r) throw changedWhileReading(missing[i]!);
          known.set(r.key, r);
          next.push(...(r.outgoing ?? []));
        });
      }
      frontier = next;
    }
    return known;
  }

  private remember(key: AtomKey, json: AtomJson): void {
    if (this.cache.has(key)) this.cache.delete(key);
    this.cache.set(key, json);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** The JSON of a stored atom's values on `json`. */
function withValues(json: AtomJson, r: StoredAtom): AtomJson {
  if (r.tv) json.tv = r.tv;
  if (r.av) json.av = r.av;
  if (r.values && r.values.length > 0) json.values = r.values.map((v) => ({ key: v.key, value: v.value }));
  return json;
}

function changedWhileReading(key: AtomKey): ServiceError {
  return new ServiceError('CONFLICT', `atom ${key} was removed while the knowledge base was being read; try again`);
}
