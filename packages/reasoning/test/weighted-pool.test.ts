import { SeededRandom } from '@ai-opencog/atomspace';
import { WeightedPool } from '../src/ure/weighted-pool';

describe('WeightedPool', () => {
  it('samples in proportion to weights that change, past its initial capacity', () => {
    const pool = new WeightedPool();
    for (let i = 0; i < 40; i++) pool.push(i === 37 ? 3 : i === 5 ? 1 : 0);
    expect(pool.size).toBe(40);
    const r = new SeededRandom(7);
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
