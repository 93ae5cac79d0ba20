import type { TextSink } from '@ai-opencog/terminal';

export type { TextSink };

/** Where the CLI writes: real process streams in main.ts, string sinks in tests. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  /** Aborted on Ctrl-C: long operations stop and the command exits with status 130. */
  signal?: AbortSignal;
}
