/** Where the CLI writes: real process streams in main.ts, string sinks in tests. */
export interface TextSink {
  write(text: string): unknown;
  /** True for an interactive terminal: progress bars are drawn only there. */
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  /** Aborted on Ctrl-C: long operations stop and the command exits with status 130. */
  signal?: AbortSignal;
}
