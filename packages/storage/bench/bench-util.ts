/** Helpers of the storage benchmarks: seeded randomness, memory, JSON lines. */

/** mulberry32: a small seeded PRNG so that every run imports the same atoms. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs a full garbage collection when node runs with --expose-gc, so memory figures are settled. */
export function settle(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

export function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1e6);
}

/** Prints one benchmark result as a JSON line, rounding floats for reading. */
export function report(fields: Record<string, string | number>): void {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
