import { latencies, report, timeOps, timed } from '../src';

describe('bench-kit', () => {
  it('times a batch and reports its rate', () => {
    let calls = 0;
    const r = timeOps(1000, () => calls++);
    expect(calls).toBe(1000);
    expect(r.ms).toBeGreaterThanOrEqual(0);
    expect(r.opsPerSec).toBeGreaterThan(0);
  });

  it('returns the value of a timed body', () => {
    expect(timed(() => 42).value).toBe(42);
  });

  it('gives ordered percentiles over every run after the warm-up', () => {
    let calls = 0;
    const l = latencies(100, 10, () => calls++);
    expect(calls).toBe(110);
    expect(l.p50).toBeLessThanOrEqual(l.p99);
  });

  it('prints one JSON line with floats rounded to four significant digits', () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      writes.push(String(s));
      return true;
    });
    try {
      report({ op: 'x', n: 3, ms: 1.234567, ok: true });
    } finally {
      spy.mockRestore();
    }
    expect(writes).toEqual(['{"op":"x","n":3,"ms":1.235,"ok":true}\n']);
  });
});
