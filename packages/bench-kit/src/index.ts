/**
 * Helpers shared by the benchmarks of every package (`bench/` folders): memory read after a full
 * garbage collection, timing, latency percentiles, and one JSON line per result.
 */

/** Runs a full garbage collection when node runs with --expose-gc, so memory figures are settled. */
export function settle(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

export function rssBytes(): number {
  return process.memoryUsage().rss;
}

/** Resident memory in megabytes (10^6 bytes). */
export function rssMB(): number {
  return process.memoryUsage().rss / 1e6;
}

/** The result of `body` and the milliseconds it took. */
export function timed<T>(body: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = body();
  return { value, ms: performance.now() - t0 };
}

/** Times `n` calls of `body` as one batch, so the loop is measured as a whole. */
export function timeOps(n: number, body: (i: number) => void): { ms: number; opsPerSec: number } {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) body(i);
  const ms = performance.now() - t0;
  return { ms, opsPerSec: Math.round((n / ms) * 1000) };
}

/** Latency (ms) of `runs` timed calls of `body` after `warmup` untimed ones: mean, p50, p99. */
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

/** Prints one benchmark result as a JSON line, floats rounded to four significant digits. */
export function report(fields: Record<string, string | number | boolean>): void {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v;
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
