import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, missingBuilds, ROOT } from './support/ide-stack';

/*
 * `node scripts/start-local.js --ide` (what `npm start` runs): the IDE starts third, on examples/,
 * with the services' URLs and the run's token, its URL printed; Ctrl-C stops all three cleanly.
 */

describe('scripts/start-local.js --ide', () => {
  let child: ChildProcess | undefined;
  let dataDir: string;

  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the services and then the IDE, prints its URL, and stops all on SIGINT with status 0', async () => {
    expect(missingBuilds()).toEqual([]);
    dataDir = mkdtempSync(join(tmpdir(), 'start-local-ide-'));
    const [knowledgePort, cognitivePort, idePort] = [await freePort(), await freePort(), await freePort()];
    let output = '';
    child = spawn(process.execPath, [join(ROOT, 'scripts', 'start-local.js'), '--ide'], {
      cwd: ROOT,
      env: {
        ...process.env,
        KNOWLEDGE_PORT: String(knowledgePort),
        COGNITIVE_PORT: String(cognitivePort),
        IDE_PORT: String(idePort),
        AI_OPENCOG_DATA_DIR: dataDir,
        THEIA_CONFIG_DIR: join(dataDir, 'theia'),
        LOG_LEVEL: 'warn',
        API_TOKENS: '',
        AUTH_MODE: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 90_000;
    while (!output.includes('Press Ctrl-C to stop.') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
    expect(output).toContain('Press Ctrl-C to stop.');
    const ready = [...output.matchAll(/ai-opencog: ready: (\w+) (http:\/\/127\.0\.0\.1:\d+)/g)].map((m) => [m[1], m[2]]);
    expect(ready).toEqual([
      ['knowledge', `http://127.0.0.1:${knowledgePort}`],
      ['cognitive', `http://127.0.0.1:${cognitivePort}`],
      ['ide', `http://127.0.0.1:${idePort}`],
    ]);
    expect(output).toMatch(new RegExp(`ide +http://127\\.0\\.0\\.1:${idePort} +<- open this in a browser`));
    const page = await fetch(`http://127.0.0.1:${idePort}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('ai-opencog: stopped\n');
  });
});
