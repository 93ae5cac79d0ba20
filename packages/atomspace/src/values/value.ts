import type { Atom } from '../atoms/atom';
import { AtomSpaceError } from '../errors';
import type { AttentionValue } from './attention-value';
import type { TruthValue } from './truth-value';

/** A vector of doubles stored under a key on an atom: `(FloatValue 1 2 3)`. Immutable. */
export class FloatValue {
  readonly kind = 'float' as const;
  readonly items: readonly number[];

  constructor(items: readonly number[]) {
    for (const x of items) {
      if (typeof x !== 'number' || Number.isNaN(x)) {
        throw new AtomSpaceError('INVALID_VALUE', `FloatValue items must be numbers, got ${String(x)}`);
      }
    }
    this.items = Object.freeze([...items]);
  }
}

/** A vector of strings stored under a key on an atom: `(StringValue "a" "b")`. Immutable. */
export class StringValue {
  readonly kind = 'string' as const;
  readonly items: readonly string[];

  constructor(items: readonly string[]) {
    this.items = Object.freeze([...items]);
  }
}

/** A vector of atoms and values, e.g. the results of a QueryLink or MeetLink: `(LinkValue ...)`. */
export class LinkValue {
  readonly kind = 'link' as const;
  readonly items: readonly (Atom | Value)[];

  constructor(items: readonly (Atom | Value)[]) {
    this.items = Object.freeze([...items]);
  }
}

/** Every value an atom can carry. Atoms themselves may appear inside a LinkValue. */
export type Value = TruthValue | AttentionValue | FloatValue | StringValue | LinkValue;

export function isAtomValue(x: Atom | Value): x is Atom {
  return (x as Atom).isAtom === true;
}

/** Structural equality of two values (atoms compare by identity). */
export function valuesEqual(a: Atom | Value, b: Atom | Value): boolean {
  if (a === b) return true;
  if (isAtomValue(a) || isAtomValue(b)) return false;
  switch (a.kind) {
    case 'tv':
      return b.kind === 'tv' && a.equals(b);
    case 'av':
      return b.kind === 'av' && a.equals(b);
    case 'float':
    case 'string':
      return (
        b.kind === a.kind &&
        a.items.length === b.items.length &&
        a.items.every((x, i) => Object.is(x, (b.items as readonly unknown[])[i]))
      );
    case 'link':
      return b.kind === 'link' && a.items.length === b.items.length && a.items.every((x, i) => valuesEqual(x, b.items[i]));
  }
}
