/** Limits `x` to [lo, hi]. */
export function limit(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

/** Smallest possible P(B|A) given P(A) = sA and P(B) = sB: the least overlap of A and B. */
export function smallestIntersectionProbability(sA: number, sB: number): number {
  return limit((sA + sB - 1) / sA, 0, 1);
}

/** Largest possible P(B|A) given P(A) = sA and P(B) = sB: B's whole mass inside A. */
export function largestIntersectionProbability(sA: number, sB: number): number {
  return limit(sB / sA, 0, 1);
}

/**
 * Whether sAB can be P(B|A) when P(A) = sA and P(B) = sB (PLN's conditional-probability
 * consistency: 0 < sA and smallest ≤ sAB ≤ largest).
 */
export function conditionalProbabilityConsistency(sA: number, sB: number, sAB: number): boolean {
  return 0 < sA && smallestIntersectionProbability(sA, sB) <= sAB && sAB <= largestIntersectionProbability(sA, sB);
}

/** The inversion rule's precondition: the above, and P(A|B) defined (0 < sB). */
export function inversionConsistency(sA: number, sB: number, sAB: number): boolean {
  return 0 < sB && conditionalProbabilityConsistency(sA, sB, sAB);
}
