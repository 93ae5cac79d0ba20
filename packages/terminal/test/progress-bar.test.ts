import { ProgressBar } from '../src';

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, sink: { isTTY, columns: 60, write: (s: string) => writes.push(s) } };
}

describe('ProgressBar', () => {
  it('draws nothing when stderr is not a terminal', () => {
    const s = sink(false);
    const bar = new ProgressBar(s.sink, 'kb.scm', 1000);
    bar.update(500);
    bar.finish();
    expect(s.writes).toEqual([]);
  });

  it('redraws in place with percentage and sizes, throttled, and clears its line at the end', () => {
    let now = 0;
    const s = sink(true);
    const bar = new ProgressBar(s.sink, 'kb.scm', 4_000_000, () => now);
    bar.update(1_000_000);
    now = 50;
    bar.update(2_000_000); // within 100 ms: skipped
    now = 200;
    bar.update(3_000_000);
    bar.update(4_000_000); // completion is always drawn
    bar.finish();
    expect(s.writes).toEqual([
      `\r[${'#'.repeat(8)}${'-'.repeat(22)}]  25% 1.0/4.0 MB kb.scm`,
      `\r[${'#'.repeat(23)}${'-'.repeat(7)}]  75% 3.0/4.0 MB kb.scm`,
      `\r[${'#'.repeat(30)}] 100% 4.0/4.0 MB kb.scm`,
      `\r${' '.repeat(59)}\r`,
    ]);
  });
});

describe('ProgressBar counting atoms', () => {
  it('prints counts instead of megabytes', () => {
    const s = sink(true);
    const bar = new ProgressBar(s.sink, 'backup animals', 2_000_000, () => 0, 'atoms');
    bar.update(500_000);
    expect(s.writes).toEqual([`\r[${'#'.repeat(8)}${'-'.repeat(22)}]  25% 500,000/2,000,000 atoms backup animals`]);
  });
});
