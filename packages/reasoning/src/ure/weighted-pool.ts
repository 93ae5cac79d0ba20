import type { SeededRandom } from '@ai-opencog/atomspace';

/**
 * Weights that change one at a time, sampled in O(log n) (a Fenwick tree of partial sums): the
 * forward chainer's sources, which can number in the tens of thousands.
 */
export class WeightedPool {
  private tree: Float64Array = new Float64Array(16);
  private weights: number[] = [];
  private positive = 0;

  get size(): number {
    return this.weights.length;
  }

  /** Appends an item of the given weight; returns its index. */
  push(weight: number): number {
    const i = this.weights.length;
    if (i + 1 >= this.tree.length) {
      const old = this.weights;
      this.tree = new Float64Array(this.tree.length * 2);
      this.weights = [];
      this.positive = 0;
      for (const w of old) this.push(w);
    }
    this.weights.push(0);
    this.set(i, weight);
    return i;
  }

  set(i: number, weight: number): void {
    const w = weight > 0 ? weight : 0;
    const delta = w - this.weights[i];
    this.positive += (w > 0 ? 1 : 0) - (this.weights[i] > 0 ? 1 : 0);
    this.weights[i] = w;
    for (let j = i + 1; j < this.tree.length; j += j & -j) this.tree[j] += delta;
  }

  get(i: number): number {
    return this.weights[i];
  }

  /** An index drawn with probability proportional to its weight, or -1 when all weigh 0. */
  sample(random: SeededRandom): number {
    if (this.positive === 0) return -1;
    let total = 0;
    for (let j = this.weights.length; j > 0; j -= j & -j) total += this.tree[j];
    let x = random.next() * total;
    const n = this.weights.length;
    let pos = 0;
    for (let step = highestPowerOfTwo(n); step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= n && this.tree[next] <= x) {
        x -= this.tree[next];
        pos = next;
      }
    }
    // The first `pos` items weigh no more than x: the next one is drawn. Rounding may land on a
    // zero weight at the end: take the nearest positive one.
    let i = Math.min(pos, n - 1);
    while (i > 0 && this.weights[i] === 0) i--;
    return this.weights[i] > 0 ? i : -1;
  }
}

function highestPowerOfTwo(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}
