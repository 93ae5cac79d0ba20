import {
  atomToJson,
  av,
  DEFAULT_AV,
  DEFAULT_TV,
  truthValueFromJson,
  truthValueToJson,
  valueFromJson,
  valuesEqual,
  valueToJson,
  type Atom,
  type AtomJson,
  type AtomSpace,
  type AtomSpaceEvent,
  type ValueJson,
} from '@ai-opencog/atomspace';
import {
  atomJsonSchema,
  attentionValueJsonSchema,
  truthValueJsonSchema,
  valueJsonSchema,
  type AttentionValueJson,
  type TruthValueJson,
} from '@ai-opencog/protocol';
import { z } from 'zod';
import { findAtom } from './atom-lookup';

/*
 * Changes of a space as data, so that they can travel: between service instances (the change
 * bus) and out of the worker thread a job runs in. A change is the full state of one atom after
 * it changed (`put`: its structure and exactly its values) or its removal. Applying a put makes
 * the atom exist with exactly those values, so applying the same change twice, or changes that
 * overlap, gives the same space.
 */

export type AtomChange =
  | {
      op: 'put';
      /** The atom's structure, without values (nested atoms keep theirs where they are). */
      atom: AtomJson;
      /** Absent: the default truth value (stv 1 0). */
      tv?: TruthValueJson;
      /** Absent: the default attention value (av 0 0 0). */
      av?: AttentionValueJson;
      /** Absent: no keyed values. */
      values?: { key: AtomJson; value: ValueJson }[];
    }
  | { op: 'remove'; atom: AtomJson };

export const atomChangeSchema: z.ZodType<AtomChange> = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('put'),
    atom: atomJsonSchema,
    tv: truthValueJsonSchema.optional(),
    av: attentionValueJsonSchema.optional(),
    values: z.array(z.object({ key: atomJsonSchema, value: valueJsonSchema })).optional(),
  }),
  z.object({ op: z.literal('remove'), atom: atomJsonSchema }),
]) as unknown as z.ZodType<AtomChange>;

/** The atom's structure as JSON, without any values. */
export function structureOf(atom: Atom): AtomJson {
  return atomToJson(atom, { values: false }) as AtomJson;
}

/** The `put` change that gives an atom its current state in `space`. */
export function putChangeOf(atom: Atom, space: AtomSpace): AtomChange {
  const change: AtomChange = { op: 'put', atom: structureOf(atom) };
  const tv = space.getTruthValue(atom);
  if (!tv.isDefault()) change.tv = truthValueToJson(tv);
  const a = space.getAttentionValue(atom);
  if (!a.isDefault()) change.av = { sti: a.sti, lti: a.lti, vlti: a.vlti };
  const keys = space.getKeys(atom);
  if (keys.length > 0) change.values = keys.map((k) => ({ key: structureOf(k), value: valueToJson(space.getValue(atom, k)!) }));
  return change;
}

/** Adds the atom `json` describes (and its outgoing atoms) without touching any value. */
export function ensureAtom(space: AtomSpace, json: AtomJson): Atom {
  if (json.outgoing === undefined) return space.addNode(json.type, json.name ?? '');
  return space.addLink(
    json.type,
    json.outgoing.map((o) => ensureAtom(space, o)),
  );
}

/**
 * Applies changes in order. Puts make the atom exist with exactly the given values (no event
 * for a value that is already so); removals remove recursively (the links that held the atom
 * were removed where the change was made too) and skip atoms the space does not hold.
 * Returns the number of changes that found something to do.
 */
export function applyChanges(space: AtomSpace, changes: readonly AtomChange[]): number {
  let effective = 0;
  for (const change of changes) {
    if (change.op === 'remove') {
      const atom = findAtom(space, change.atom);
      if (atom !== undefined && space.isVisible(atom) && space.remove(atom, true)) effective++;
      continue;
    }
    const before = space.size;
    const atom = ensureAtom(space, change.atom);
    let changed = space.size !== before;
    const tv = change.tv === undefined ? DEFAULT_TV : truthValueFromJson(change.tv);
    if (!valuesEqual(space.getTruthValue(atom), tv)) {
      space.setTruthValue(atom, tv);
      changed = true;
    }
    const attention = change.av === undefined ? DEFAULT_AV : av(change.av.sti, change.av.lti, change.av.vlti ?? 0);
    if (!valuesEqual(space.getAttentionValue(atom), attention)) {
      space.setAttentionValue(atom, attention);
      changed = true;
    }
    const given = new Set<Atom>();
    for (const { key, value } of change.values ?? []) {
      const k = ensureAtom(space, key);
      given.add(k);
      const v = valueFromJson(space, value);
      const current = space.getValue(atom, k);
      if (current === undefined || !valuesEqual(current, v)) {
        space.setValue(atom, k, v);
        changed = true;
      }
    }
    for (const k of space.getKeys(atom)) {
      if (!given.has(k)) {
        space.setValue(atom, k, undefined);
        changed = true;
      }
    }
    if (changed) effective++;
  }
  return effective;
}

/** Atoms the changes would add to `space` (puts of atoms it does not hold yet, sub-atoms included). */
export function atomsToAdd(space: AtomSpace, changes: readonly AtomChange[]): number {
  const seen = new Set<string>();
  let count = 0;
  const visit = (json: AtomJson): void => {
    const text = JSON.stringify(json);
    if (seen.has(text)) return;
    seen.add(text);
    if (findAtom(space, json) !== undefined) return;
    count++;
    for (const o of json.outgoing ?? []) visit(o);
  };
  for (const change of changes) if (change.op === 'put') visit(change.atom);
  return count;
}

/**
 * Follows a space and remembers which atoms changed since the last `take()`: each atom once,
 * in the order of its last change, as a put (its state when taken) or a removal. Events that
 * arrive while `paused()` says so are not recorded (changes applied from elsewhere).
 */
export class ChangeRecorder {
  private readonly pending = new Map<Atom, 'put' | 'remove'>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly space: AtomSpace,
    private readonly onFirstChange?: () => void,
    private readonly paused: () => boolean = () => false,
  ) {
    this.unsubscribe = space.subscribe((event) => this.record(event));
  }

  get size(): number {
    return this.pending.size;
  }

  /** The changes recorded since the last call, and forgets them. */
  take(): AtomChange[] {
    const changes: AtomChange[] = [];
    for (const [atom, kind] of this.pending) {
      if (kind === 'remove') changes.push({ op: 'remove', atom: structureOf(atom) });
      else if (this.space.isVisible(atom)) changes.push(putChangeOf(atom, this.space));
    }
    this.pending.clear();
    return changes;
  }

  dispose(): void {
    this.unsubscribe();
    this.pending.clear();
  }

  private record(event: AtomSpaceEvent): void {
    if (this.paused()) return;
    const wasEmpty = this.pending.size === 0;
    // Delete first, so that the atom moves to the end: the order is that of the last changes.
    this.pending.delete(event.atom);
    this.pending.set(event.atom, event.kind === 'remove' ? 'remove' : 'put');
    if (wasEmpty) this.onFirstChange?.();
  }
}
