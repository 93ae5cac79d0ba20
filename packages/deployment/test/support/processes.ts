/**
 * The real programs as child processes on 127.0.0.1: the services from their compiled
 * `lib/main.js` (built by `npm run build`; PGlite in a temporary folder), the backup runner,
 * the IDE's bundled backend, Prometheus and friends. Every process is stopped by the test that
 * started it (SIGTERM, then SIGKILL).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { repoPath, ROOT } from './repo';
import { freePort } from '@ai-opencog/service-kit';

export { freePort };

export interface Proc {
  name: string;
  child: ChildProcess;
  /** stdout and stderr, line by line. */
  lines: string[];
  exited: Promise<number | null>;
  stop(timeoutMs?: number): Promise<number | null>;
}

export function start(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): Proc {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      let i;
      while ((i = pending.indexOf('\n')) >= 0) {
        lines.push(pending.slice(0, i));
        pending = pending.slice(i + 1);
      }
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  return {
    name,
    child,
    lines,
    exited,
    async stop(timeoutMs = 15_000) {
      if (done) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Polls `url` until it answers 2xx (or the process exits, or time runs out). */
export async function waitReady(proc: Proc, url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void proc.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`${proc.name} exited before ${url} answered:\n${proc.lines.slice(-20).join('\n')}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${proc.lines.slice(-20).join('\n')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export const KNOWLEDGE_MAIN = repoPath('services/knowledge/lib/main.js');
export const KNOWLEDGE_CLI = repoPath('services/knowledge/lib/cli/main.js');
export const COGNITIVE_MAIN = repoPath('services/cognitive/lib/main.js');
export const THEIA_MAIN = repoPath('packages/theia-app/lib/backend/main.js');
export const BACKUP_RUNNER = repoPath('scripts/backup/backup-runner.js');
export const SECRETS_PRELOAD = repoPath('docker/runtime/env-from-secrets.js');

export function requireBuilt(...files: string[]): void {
  for (const f of files) if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` first`);
}

export interface Knowledge {
  proc: Proc;
  url: string;
  port: number;
}

/** The knowledge service on PGlite in `dataDir`, its secrets preloaded as in the image. */
export async function startKnowledge(dataDir: string, env: NodeJS.ProcessEnv): Promise<Knowledge> {
  requireBuilt(KNOWLEDGE_MAIN);
  const port = await freePort();
  const proc = start('knowledge', process.execPath, ['--require', SECRETS_PRELOAD, KNOWLEDGE_MAIN], {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: `${dataDir}/knowledge`,
    BACKUP_DIR: `${dataDir}/backups`,
    STORAGE_BACKEND: 'pglite',
    LOG_LEVEL: 'info',
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(proc, `${url}/readyz`);
  return { proc, url, port };
}

/** A JSON call with a bearer token; throws on an unexpected status. */
export async function call<T = any>(url: string, token: string, method: string, path: string, body?: unknown, expect: number[] = [200, 201, 202, 204]): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!expect.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Waits for a job of a service to end; its result, or a thrown error. */
export async function waitJob<T = any>(url: string, token: string, jobId: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await call(url, token, 'GET', `/v1/jobs/${jobId}`);
    if (job.status === 'succeeded') return job.result as T;
    if (job.status === 'failed' || job.status === 'cancelled') throw new Error(`job ${jobId} ${job.status}: ${JSON.stringify(job.error)}`);
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
