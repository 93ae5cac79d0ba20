import type { AtomType } from '../types/atom-type';

/**
 * 32-bit content hashes. An atom's hash depends only on its type and name or on its type and the
 * hashes of its outgoing set, so it is the same in every AtomSpace and every run: it keys the
 * link index and gives unordered links a canonical order.
 */

/** FNV-1a over the UTF-16 code units of `s`. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** Mixes one more 32-bit word into a running hash (murmur3-style round). */
export function mixHash(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

export function hashNode(type: AtomType, name: string): number {
  return finalize(mixHash(Math.imul(type.id + 1, 0x9e3779b1), hashString(name)));
}

/** Hash of a link; `outgoing` must already be in canonical order. */
export function hashLink(type: AtomType, outgoing: readonly { hash: number }[]): number {
  let h = Math.imul(type.id + 1, 0x85ebca77) ^ outgoing.length;
  for (let i = 0; i < outgoing.length; i++) h = mixHash(h, outgoing[i].hash);
  return finalize(h);
}
