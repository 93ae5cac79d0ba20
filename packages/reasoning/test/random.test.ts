import { Random, WeightedPool } from '../src/ure/random';

describe('Random', () => {
  it('repeats its draws for a seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws indices in proportion to positive weights only', () => {
    const r = new Random(1);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[r.weighted([1, 0, 3])]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.5);
    expect(counts[2] / counts[0]).toBeLessThan(3.5);
    expect(r.weighted([0, 0])).toBe(-1);
  });
});

describe('WeightedPool', () => {
  it('samples in proportion to weights that change, past its initial capacity', () => {
    const pool = new WeightedPool();
    for (let i = 0; i < 40; i++) pool.push(i === 37 ? 3 : i === 5 ? 1 : 0);
    expect(pool.size).toBe(40);
    const r = new Random(7);
    const counts = new Map<number, number>();
    for (let i = 0; i < 4000; i++) {
      const k = pool.sample(r);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([5, 37]);
    expect(counts.get(37)! / counts.get(5)!).toBeGreaterThan(2.5);
    pool.set(37, 0);
    for (let i = 0; i < 100; i++) expect(pool.sample(r)).toBe(5);
    pool.set(5, 0);
    expect(pool.sample(r)).toBe(-1);
    pool.set(0, 1e-20);
    expect(pool.sample(r)).toBe(0);
  });
});
