import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '@ai-opencog/service-kit';

export { freePort };

/*
 * The whole stack for a browser test, for real: the knowledge service (PGlite in a temporary
 * folder), the cognitive service and the IDE's backend (packages/theia-app/lib/backend/main.js),
 * each a child process on 127.0.0.1 and a free port, with authentication on and one admin token.
 * The IDE's workspace is a copy of examples/ in the temporary folder, so tests may edit it.
 * Every process's output goes to test-artifacts/logs/<name>.log.
 */

/** The repository: the nearest folder above with lerna.json (from test/ or, compiled, lib-bench/). */
function repositoryRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'lerna.json'))) return dir;
  throw new Error(`no lerna.json above ${from}`);
}

export const ROOT = repositoryRoot(__dirname);
export const APP = join(ROOT, 'packages', 'theia-app');
export const ARTIFACTS = join(APP, 'test-artifacts');

const SCRIPTS = {
  knowledge: join(ROOT, 'services', 'knowledge', 'lib', 'main.js'),
  cognitive: join(ROOT, 'services', 'cognitive', 'lib', 'main.js'),
  ide: join(APP, 'lib', 'backend', 'main.js'),
};

export interface IdeStack {
  ideUrl: string;
  cognitiveUrl: string;
  knowledgeUrl: string;
  token: string;
  workspace: string;
  stop(): Promise<void>;
}

export function missingBuilds(): string[] {
  return Object.values(SCRIPTS).filter((s) => !existsSync(s));
}

async function waitFor(url: string, child: ChildProcess, name: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while starting (see test-artifacts/logs/${name}.log)`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} was not ready at ${url} within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

export interface StackOptions {
  /** Environment added to the services' (e.g. limits). */
  serviceEnv?: Record<string, string>;
  /** Name of the run, for the log files. */
  name?: string;
  /** The IDE's user preferences (settings.json in its configuration folder). */
  userSettings?: Record<string, unknown>;
}

export async function startIdeStack(options: StackOptions = {}): Promise<IdeStack> {
  const missing = missingBuilds();
  if (missing.length > 0) throw new Error(`not built: ${missing.join(', ')}; run \`npm run build\` at the repository root first`);
  const dir = mkdtempSync(join(tmpdir(), 'ai-opencog-ide-'));
  const workspace = join(dir, 'workspace');
  cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
  const logs = join(ARTIFACTS, 'logs');
  mkdirSync(logs, { recursive: true });
  const token = `test-${randomBytes(18).toString('base64url')}`;
  const [knowledgePort, cognitivePort, idePort] = [await freePort(), await freePort(), await freePort()];
  const base = {
    ...process.env,
    HOST: '127.0.0.1',
    AUTH_MODE: 'tokens',
    API_TOKENS: `ide-test:${token}:admin`,
    LOG_LEVEL: 'warn',
    ...options.serviceEnv,
  };
  const children: ChildProcess[] = [];
  const run = (name: keyof typeof SCRIPTS, args: string[], env: Record<string, string | undefined>) => {
    const child = spawn(process.execPath, [SCRIPTS[name], ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(join(logs, `${options.name ?? 'ide'}-${name}.log`));
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    children.push(child);
    return child;
  };
  const stop = async () => {
    for (const child of [...children].reverse()) await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const knowledgeUrl = `http://127.0.0.1:${knowledgePort}`;
    const knowledge = run('knowledge', [], { ...base, PORT: String(knowledgePort), DATA_DIR: join(dir, 'knowledge'), BACKUP_DIR: join(dir, 'backups') });
    await waitFor(`${knowledgeUrl}/readyz`, knowledge, 'knowledge');
    const cognitiveUrl = `http://127.0.0.1:${cognitivePort}`;
    const cognitive = run('cognitive', [], { ...base, PORT: String(cognitivePort), KNOWLEDGE_URL: knowledgeUrl, KNOWLEDGE_TOKEN: token });
    await waitFor(`${cognitiveUrl}/readyz`, cognitive, 'cognitive');
    const ideUrl = `http://127.0.0.1:${idePort}`;
    const configDir = join(dir, 'theia-config');
    mkdirSync(configDir, { recursive: true });
    if (options.userSettings) writeFileSync(join(configDir, 'settings.json'), JSON.stringify(options.userSettings, null, 2));
    const ide = run('ide', [workspace, '--hostname', '127.0.0.1', '--port', String(idePort)], {
      ...process.env,
      THEIA_CONFIG_DIR: configDir,
      AI_OPENCOG_COGNITIVE_URL: cognitiveUrl,
      AI_OPENCOG_KNOWLEDGE_URL: knowledgeUrl,
      AI_OPENCOG_TOKEN: token,
    });
    await waitFor(`${ideUrl}/`, ide, 'ide');
    return { ideUrl, cognitiveUrl, knowledgeUrl, token, workspace, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
