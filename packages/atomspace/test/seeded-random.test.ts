import { SeededRandom } from '../src';

describe('SeededRandom', () => {
  it('repeats its draws for a seed', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws indices in proportion to positive weights only', () => {
    const r = new SeededRandom(1);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[r.weighted([1, 0, 3])]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.5);
    expect(counts[2] / counts[0]).toBeLessThan(3.5);
    expect(r.weighted([0, 0])).toBe(-1);
  });
});

describe('SeededRandom choices', () => {
  it('picks array elements and integers in range', () => {
    const r = new SeededRandom(3);
    for (let i = 0; i < 100; i++) {
      const n = r.int(7);
      expect(Number.isInteger(n) && n >= 0 && n < 7).toBe(true);
      expect(['a', 'b']).toContain(r.pick(['a', 'b']));
    }
    expect(r.pick([])).toBeUndefined();
  });

  it('refuses a seed that is not an integer', () => {
    expect(() => new SeededRandom(1.5)).toThrow(RangeError);
  });
});
