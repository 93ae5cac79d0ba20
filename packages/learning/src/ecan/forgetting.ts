import { av, type Atom } from '@ai-opencog/atomspace';
import type { AttentionBank } from './attention-bank';

/**
 * ForgettingAgent::forget, on request: atoms are taken by increasing LTI (then truth value
 * strength and confidence, then newest first, so links go before the atoms they hold) and each
 * one whose LTI is below `threshold` and whose VLTI is 0 is removed, with the Hebbian links
 * pointing at it, as OpenCog does. An atom held by other links stays, unless `recursive`, which
 * removes those links too (as `cog-extract-recursive!`) provided none of them has a VLTI above 0.
 * Their STI and LTI go back to the bank first. Returns the atoms removed.
 */
export function forget(bank: AttentionBank, threshold: number, recursive: boolean): Atom[] {
  const { space } = bank;
  const candidates = [...space.atoms()].filter((a) => {
    const v = space.getAttentionValue(a);
    return v.lti < threshold && v.vlti === 0;
  });
  candidates.sort((a, b) => {
    const va = space.getAttentionValue(a);
    const vb = space.getAttentionValue(b);
    const ta = space.getTruthValue(a);
    const tb = space.getTruthValue(b);
    return va.lti - vb.lti || ta.strength - tb.strength || ta.confidence - tb.confidence || b.id - a.id;
  });
  const removed: Atom[] = [];
  for (const atom of candidates) {
    if (!atom.isAlive) continue;
    const holders = incomingClosure(bank, atom);
    const kept = holders.filter((l) => !bank.isHebbian(l));
    if (kept.length > 0 && (!recursive || kept.some((l) => space.getAttentionValue(l).vlti > 0))) continue;
    for (const a of [atom, ...holders]) {
      const v = space.getAttentionValue(a);
      if (v.sti !== 0 || v.lti !== 0) bank.setAttentionValue(a, av(0, 0, v.vlti));
    }
    space.remove(atom, true);
    removed.push(atom, ...holders);
  }
  return removed;
}

/** Every link that holds the atom, directly or through other links. */
function incomingClosure(bank: AttentionBank, atom: Atom): Atom[] {
  const seen = new Set<Atom>();
  const stack = [atom];
  while (stack.length > 0) {
    for (const l of bank.space.getIncoming(stack.pop()!)) {
      if (!seen.has(l)) {
        seen.add(l);
        stack.push(l);
      }
    }
  }
  return [...seen];
}
