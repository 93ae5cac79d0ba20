import { AtomSpaceError } from '../errors';

/**
 * OpenCog's "K": the personality parameter that turns a confidence into an evidence count,
 * count = K * c / (1 - c), and back, c = n / (n + K).
 */
export const DEFAULT_K = 800;

/** Largest confidence used when converting to a count, so that c = 1 stays finite. */
const MAX_CONFIDENCE = 0.9999998;

export function confidenceToCount(confidence: number, k = DEFAULT_K): number {
  const c = Math.min(confidence, MAX_CONFIDENCE);
  return (k * c) / (1 - c);
}

export function countToConfidence(count: number, k = DEFAULT_K): number {
  return count / (count + k);
}

/** A truth value: strength (probability-like mean) and confidence in [0, 1]. Immutable. */
export abstract class TruthValue {
  /** Tells truth values from other values; on the prototype, so it costs no memory per value. */
  declare readonly kind: 'tv';
  abstract readonly strength: number;
  abstract readonly confidence: number;
  abstract readonly count: number;
  /** Atomese constructor name: `stv`, `ctv`. */
  abstract readonly ctor: 'stv' | 'ctv';

  /** `(stv 1 0)`: the value every atom has until told otherwise. */
  isDefault(): boolean {
    return this.ctor === 'stv' && this.strength === 1 && this.confidence === 0;
  }

  equals(other: TruthValue): boolean {
    return (
      this.ctor === other.ctor &&
      this.strength === other.strength &&
      this.confidence === other.confidence &&
      this.count === other.count
    );
  }

  /** OpenCog's default merge: keep whichever has the higher confidence (ties keep this one). */
  mergeHigherConfidence(other: TruthValue): TruthValue {
    return other.confidence > this.confidence ? other : this;
  }

  /**
   * Revision of two independent estimates of one atom's TV (PLN book, 5.10.2): strengths are
   * averaged weighted by evidence counts, and the counts add.
   */
  revise(other: TruthValue, k = DEFAULT_K): TruthValue {
    const n1 = confidenceToCount(this.confidence, k);
    const n2 = confidenceToCount(other.confidence, k);
    const n = n1 + n2;
    if (n === 0) return stv((this.strength + other.strength) / 2, 0);
    // Weights first: with subnormal counts, strength × count would underflow to 0.
    const s = this.strength * (n1 / n) + other.strength * (n2 / n);
    return stv(Math.min(1, Math.max(0, s)), countToConfidence(n, k));
  }

  abstract toString(): string;
}

export class SimpleTruthValue extends TruthValue {
  declare readonly ctor: 'stv';

  constructor(
    readonly strength: number,
    readonly confidence: number,
  ) {
    super();
  }

  get count(): number {
    return confidenceToCount(this.confidence);
  }

  toString(): string {
    return `(stv ${formatNumber(this.strength)} ${formatNumber(this.confidence)})`;
  }
}

/** A truth value that carries its evidence count explicitly: `(ctv strength confidence count)`. */
export class CountTruthValue extends TruthValue {
  declare readonly ctor: 'ctv';

  constructor(
    readonly strength: number,
    readonly confidence: number,
    readonly count: number,
  ) {
    super();
  }

  toString(): string {
    return `(ctv ${formatNumber(this.strength)} ${formatNumber(this.confidence)} ${formatNumber(this.count)})`;
  }
}

Object.defineProperty(TruthValue.prototype, 'kind', { value: 'tv' });
Object.defineProperty(SimpleTruthValue.prototype, 'ctor', { value: 'stv' });
Object.defineProperty(CountTruthValue.prototype, 'ctor', { value: 'ctv' });

function checkUnit(what: string, x: number): void {
  if (!(x >= 0 && x <= 1)) {
    throw new AtomSpaceError('INVALID_VALUE', `${what} must be a number in [0, 1], got ${x}`);
  }
}

/** Makes a SimpleTruthValue, checking that both numbers lie in [0, 1]. */
export function stv(strength: number, confidence: number): SimpleTruthValue {
  checkUnit('strength', strength);
  checkUnit('confidence', confidence);
  if (strength === 1 && confidence === 0) return DEFAULT_TV;
  return new SimpleTruthValue(strength, confidence);
}

export function ctv(strength: number, confidence: number, count: number): CountTruthValue {
  checkUnit('strength', strength);
  checkUnit('confidence', confidence);
  if (!Number.isFinite(count) || count < 0) {
    throw new AtomSpaceError('INVALID_VALUE', `count must be a non-negative number, got ${count}`);
  }
  return new CountTruthValue(strength, confidence, count);
}

export const DEFAULT_TV = new SimpleTruthValue(1, 0);
export const TRUE_TV = new SimpleTruthValue(1, 1);
export const FALSE_TV = new SimpleTruthValue(0, 1);

/** Shortest text that reads back to the same double; infinities and -0 in Guile's spelling. */
export function formatNumber(x: number): string {
  if (x === Infinity) return '+inf.0';
  if (x === -Infinity) return '-inf.0';
  if (Object.is(x, -0)) return '-0.0';
  return String(x);
}
