import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const FIXTURE = join(__dirname, 'fixtures', 'shutdown-service.js');
const LIB = join(__dirname, '..', 'lib', 'index.js');

interface Child {
  process: ChildProcess;
  lines: Record<string, unknown>[];
  port: Promise<number>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startChild(env: Record<string, string>): Child {
  const child = spawn(process.execPath, [FIXTURE], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', AUTH_MODE: 'off', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  let announce!: (port: number) => void;
  const port = new Promise<number>((resolve) => (announce = resolve));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const entry = JSON.parse(line) as Record<string, unknown>;
    lines.push(entry);
    const address = entry.address as { port?: number } | undefined;
    if (address?.port) announce(address.port);
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { process: child, lines, port, exit };
}

// Integration: a real service process (test/fixtures/shutdown-service.js on the compiled lib/,
// built by `tsc -b`) listening on 127.0.0.1:0, stopped with a real SIGTERM.
describe('graceful shutdown of a process on SIGTERM', () => {
  beforeAll(() => {
    if (!existsSync(LIB)) throw new Error(`${LIB} is missing: run \`npx tsc -b\` (or npm run build) first`);
  });

  it('finishes the request in flight and the running job, runs the hooks, and exits 0', async () => {
    const child = startChild({ SHUTDOWN_TIMEOUT_MS: '5000' });
    const base = `http://127.0.0.1:${await child.port}`;
    const post = (path: string, body: unknown) =>
      fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const job = (await (await post('/v1/work', { ms: 400 })).json()) as { jobId: string };
    const slow = post('/v1/slow', { ms: 600 });
    await new Promise((resolve) => setTimeout(resolve, 100));

    child.process.kill('SIGTERM');
    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ waited: 600 });
    expect(await child.exit).toEqual({ code: 0, signal: null });

    const messages = child.lines.map((l) => l.msg);
    expect(messages).toEqual(expect.arrayContaining(['shutting down', 'job done', 'flushed', 'shut down']));
    expect(messages.indexOf('job done')).toBeLessThan(messages.indexOf('flushed'));
    expect(child.lines.find((l) => l.msg === 'shutting down')).toMatchObject({ reason: 'SIGTERM', inFlight: 1, jobs: 1 });
    expect(child.lines.find((l) => l.msg === 'job done')).toMatchObject({ jobId: job.jobId });
    expect(child.lines.find((l) => l.msg === 'shut down')).toMatchObject({ code: 0 });
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it('refuses to start with a bad configuration, naming the variable', async () => {
    const child = spawn(process.execPath, [FIXTURE], { env: { PATH: process.env.PATH ?? '', PORT: 'eighty' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('PORT: must be an integer');
    expect(stderr).toContain('API_TOKENS: AUTH_MODE=tokens needs at least one token');
  });
});
