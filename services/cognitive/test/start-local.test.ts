import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@ai-opencog/service-kit';
import { eventually } from './support/harness';

/*
 * scripts/start-local.js, what `npm start` runs: spawned as a process, with free ports and a
 * temporary data folder. It runs the compiled services (lib/, made by `tsc -b`; the knowledge
 * service's when services/knowledge is built, else the stand-in test/fixtures/fake-knowledge-main.js).
 */

const ROOT = join(__dirname, '..', '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'start-local.js');
const REAL_KNOWLEDGE = join(ROOT, 'services', 'knowledge', 'lib', 'main.js');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('scripts/start-local.js', () => {
  let child: ChildProcess | undefined;
  let dataDir: string;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts both services, prints their URLs and a token, and stops them all on SIGINT with status 0', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'start-local-'));
    const [knowledgePort, cognitivePort] = [await freePort(), await freePort()];
    let output = '';
    child = spawn(process.execPath, [SCRIPT], {
      cwd: ROOT,
      env: {
        ...process.env,
        KNOWLEDGE_PORT: String(knowledgePort),
        COGNITIVE_PORT: String(cognitivePort),
        AI_OPENCOG_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        API_TOKENS: '',
        AUTH_MODE: '',
        ...(existsSync(REAL_KNOWLEDGE) ? {} : { AI_OPENCOG_KNOWLEDGE_SCRIPT: join(__dirname, 'fixtures', 'fake-knowledge-main.js') }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));

    await eventually(() => output.includes('Press Ctrl-C to stop.'), 60_000, `the start (output so far:\n${output})`);
    const ready = [...output.matchAll(/ai-opencog: ready: (\w+) (http:\/\/127\.0\.0\.1:(\d+)) \(pid (\d+)\)/g)].map((m) => ({ name: m[1], url: m[2], pid: Number(m[4]) }));
    expect(ready.map((r) => [r.name, r.url])).toEqual([
      ['knowledge', `http://127.0.0.1:${knowledgePort}`],
      ['cognitive', `http://127.0.0.1:${cognitivePort}`],
    ]);
    const token = /admin token: (\S+)/.exec(output)![1];

    for (const { url } of ready) {
      const readiness = await fetch(`${url}/readyz`);
      expect(readiness.status).toBe(200);
    }
    const cognitive = ready[1].url;
    expect((await fetch(`${cognitive}/v1/spaces`)).status).toBe(401);
    const spaces = await fetch(`${cognitive}/v1/spaces`, { headers: { authorization: `Bearer ${token}` } });
    expect(spaces.status).toBe(200);
    // The cognitive service reaches the knowledge service with the token.
    const bases = await fetch(`${ready[0].url}/v1/bases`, { headers: { authorization: `Bearer ${token}` } });
    expect(bases.status).toBe(200);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const { pid } of ready) expect(alive(pid)).toBe(false);
    expect(output).toContain('ai-opencog: stopped\n');
  });

  it('says what is missing and exits 1 when a service is not built', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'start-local-'));
    child = spawn(process.execPath, [SCRIPT], {
      cwd: ROOT,
      env: { ...process.env, AI_OPENCOG_DATA_DIR: dataDir, AI_OPENCOG_KNOWLEDGE_SCRIPT: join(dataDir, 'nothing.js') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child!.once('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(output).toContain('nothing.js is missing: run `npm run build` first');
  });
});
