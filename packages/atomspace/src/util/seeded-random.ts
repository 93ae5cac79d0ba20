/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on
 * every platform, so chaining, mining, attention allocation and benchmarks are reproducible
 * (OpenCog seeds its global generator, `randGen().seed(n)`, for the same reason).
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`the seed must be an integer, got ${seed}`);
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** One element of a non-empty array, or undefined for an empty one. */
  pick<T>(xs: readonly T[]): T | undefined {
    return xs.length === 0 ? undefined : xs[this.int(xs.length)];
  }

  /**
   * An index drawn with probability proportional to its weight (std::discrete_distribution), or
   * -1 when no weight is positive.
   */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) if (w > 0) total += w;
    if (!(total > 0)) return -1;
    let x = this.next() * total;
    let last = -1;
    for (let i = 0; i < weights.length; i++) {
      if (!(weights[i] > 0)) continue;
      last = i;
      x -= weights[i];
      if (x < 0) return i;
    }
    return last;
  }
}
