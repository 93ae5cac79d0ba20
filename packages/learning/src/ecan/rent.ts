import { av, type Atom } from '@ai-opencog/atomspace';
import type { AttentionBank } from './attention-bank';
import type { AttentionParams } from './attention-params';
import { clamp } from './stimulus';

/**
 * STI rent per atom (RentCollectionBaseAgent::calculate_STI_Rent): nothing while the bank holds
 * at least its target funds; below it, the atom rent raised up to twice as much as the funds fall
 * towards target minus buffer.
 */
export function stiRent(funds: number, p: AttentionParams): number {
  const diff = p.targetSTI - funds;
  if (diff <= 0) return 0;
  return p.stiAtomRent * (1 + clamp(diff / p.stiFundsBuffer, -0.99, 1));
}

/** LTI rent per atom (calculate_LTI_Rent): the atom rent scaled by the funds' distance to target, between 0 and twice the rent. */
export function ltiRent(funds: number, p: AttentionParams): number {
  return p.ltiAtomRent * (1 + clamp((p.targetLTI - funds) / p.ltiFundsBuffer, -1, 1));
}

/**
 * Collects rent from one atom, as the AF and WA rent collection agents do once per cycle (their
 * elapsed-time factor is 1 here): the rent, at most what the atom holds, goes back to the bank.
 */
export function collectRent(bank: AttentionBank, atom: Atom): void {
  const { sti, lti, vlti } = bank.space.getAttentionValue(atom);
  const s = Math.min(stiRent(bank.stiFunds, bank.params), sti);
  const l = Math.min(ltiRent(bank.ltiFunds, bank.params), lti);
  if (s !== 0 || l !== 0) bank.setAttentionValue(atom, av(sti - s, lti - l, vlti));
}
