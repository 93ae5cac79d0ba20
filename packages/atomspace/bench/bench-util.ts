/** Helpers shared by the kernel benchmarks: seeded randomness, timing, memory, JSON lines. */

/** mulberry32: a small, fast, seeded PRNG so that every run does the same work. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(rnd: () => number, n: number): number {
  return Math.floor(rnd() * n);
}

/** Runs a full garbage collection when node runs with --expose-gc, so memory figures are settled. */
export function settle(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

export function rss(): number {
  return process.memoryUsage().rss;
}

/** Times `n` calls of `body` (one batch, so the loop is measured as a whole). */
export function timeOps(n: number, body: (i: number) => void): { ms: number; opsPerSec: number } {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) body(i);
  const ms = performance.now() - t0;
  return { ms, opsPerSec: Math.round((n / ms) * 1000) };
}

/** Latency percentiles (ms) of `runs` timed calls of `body`, after `warmup` untimed ones. */
export function latencies(runs: number, warmup: number, body: () => void): { mean: number; p50: number; p99: number } {
  for (let i = 0; i < warmup; i++) body();
  const samples = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    body();
    samples[i] = performance.now() - t0;
  }
  samples.sort();
  const mean = samples.reduce((a, b) => a + b, 0) / runs;
  return { mean, p50: samples[Math.floor(runs * 0.5)], p99: samples[Math.floor(runs * 0.99)] };
}

/** Prints one benchmark result as a JSON line, rounding floats for reading. */
export function report(fields: Record<string, string | number>): void {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
