import type { TextSink } from './text-sink';

const MIN_INTERVAL_MS = 100;
const BAR_WIDTH = 30;

/** How the amounts are printed: bytes as megabytes (reading a file), or counted things. */
export type ProgressUnit = 'bytes' | 'atoms';

/**
 * A one-line progress bar redrawn in place on a terminal (`\r`), throttled to ten redraws a
 * second. On anything that is not a terminal it draws nothing, so piped output stays clean.
 */
export class ProgressBar {
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly sink: TextSink,
    private readonly label: string,
    private readonly total: number,
    private readonly now: () => number = Date.now,
    private readonly unit: ProgressUnit = 'bytes',
  ) {}

  get enabled(): boolean {
    return this.sink.isTTY === true;
  }

  update(done: number): void {
    if (!this.enabled) return;
    const t = this.now();
    if (this.drawn && t - this.lastDraw < MIN_INTERVAL_MS && done < this.total) return;
    this.lastDraw = t;
    this.drawn = true;
    this.sink.write(`\r${this.render(done)}`);
  }

  /** Clears the bar's line so that the next message starts at column 0. */
  finish(): void {
    if (!this.enabled || !this.drawn) return;
    const width = Math.min(this.sink.columns ?? 80, 200);
    this.sink.write(`\r${' '.repeat(width - 1)}\r`);
    this.drawn = false;
  }

  render(done: number): string {
    const fraction = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
    const pct = `${Math.floor(fraction * 100)}`.padStart(3);
    const amounts = this.unit === 'bytes' ? `${megabytes(done)}/${megabytes(this.total)} MB` : `${done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} atoms`;
    return `[${bar}] ${pct}% ${amounts} ${this.label}`;
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}
