import { join } from 'node:path';
import { runCli, type CliIo } from '../src';

export const fixture = (name: string): string => join(__dirname, 'fixtures', name);

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with string sinks in place of the terminal. */
export async function cli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  };
  const status = await runCli(argv, io);
  return { status, stdout, stderr };
}
