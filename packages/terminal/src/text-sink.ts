/** Where a command line writes: real process streams, or string sinks in tests. */
export interface TextSink {
  write(text: string): unknown;
  /** True for an interactive terminal: progress bars are drawn only there. */
  isTTY?: boolean;
  columns?: number;
}
