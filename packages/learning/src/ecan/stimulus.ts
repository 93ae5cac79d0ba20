import type { AttentionParams } from './attention-params';

/**
 * The wage paid per unit of stimulus (AttentionBank::calculateSTIWage / calculateLTIWage): the
 * atom wage, raised up to twice as much while the bank holds more than its target funds and
 * lowered down to nothing while it holds less, linearly over the funds buffer.
 */
export function stiWage(funds: number, p: AttentionParams): number {
  return fundsWage(funds, p.targetSTI, p.stiFundsBuffer, p.stiAtomWage);
}

export function ltiWage(funds: number, p: AttentionParams): number {
  return fundsWage(funds, p.targetLTI, p.ltiFundsBuffer, p.ltiAtomWage);
}

function fundsWage(funds: number, target: number, buffer: number, wage: number): number {
  const ndiff = clamp((funds - target) / buffer, -1, 1);
  return wage + wage * ndiff;
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
