/** Small helpers of the reasoning benchmarks: memory, timing, JSON lines. */

/** Runs a full garbage collection when node runs with --expose-gc, so memory figures are settled. */
export function settle(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

export function rssMegabytes(): number {
  return process.memoryUsage().rss / 1e6;
}

/** The result of `body` and the milliseconds it took. */
export function timed<T>(body: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = body();
  return { value, ms: performance.now() - t0 };
}

/** Prints one benchmark result as a JSON line, rounding floats for reading. */
export function report(fields: Record<string, string | number | boolean>): void {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
