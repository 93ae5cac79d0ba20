import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { KnowledgeClient } from '@ai-opencog/protocol';
import { testServiceEnv, TOKENS } from './harness';

export const MAIN = join(__dirname, '..', '..', 'lib', 'main.js');

export interface ChildService {
  process: ChildProcess;
  /** The JSON lines it printed. */
  lines: Record<string, unknown>[];
  /** Lines that were not JSON (there should be none). */
  other: string[];
  url: Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  client(token?: string): Promise<KnowledgeClient>;
}

/**
 * Starts the compiled service (lib/main.js, made by `tsc -b`) as a child process on
 * 127.0.0.1:0 with PGlite in `dir`; its URL comes from its "listening" log line.
 */
export function startChild(dir: string, env: Record<string, string> = {}): ChildService {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npx tsc -b\` (or npm run build) first`);
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...testServiceEnv(dir), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const other: string[] = [];
  let announce!: (url: string) => void;
  let fail!: (e: Error) => void;
  const url = new Promise<string>((resolve, reject) => {
    announce = resolve;
    fail = reject;
  });
  url.catch(() => undefined);
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      const address = entry.address as { port?: number } | undefined;
      if (address?.port) announce(`http://127.0.0.1:${address.port}`);
    } catch {
      other.push(line);
    }
  });
  createInterface({ input: child.stderr! }).on('line', (line) => other.push(line));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      fail(new Error(`the service exited (${code ?? signal}) before listening: ${other.join('\n')}`));
      resolve({ code, signal });
    }),
  );
  return {
    process: child,
    lines,
    other,
    url,
    exit,
    client: async (token = TOKENS.admin) => new KnowledgeClient({ baseUrl: await url, token, timeoutMs: 120_000 }),
  };
}
