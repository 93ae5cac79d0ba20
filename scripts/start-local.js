#!/usr/bin/env node
/*
 * Runs AI-OpenCog locally without Docker: what `npm start` runs after `npm run build`.
 *
 * Starts each process of PROCESSES below on 127.0.0.1, in order, as a child process, waiting
 * for its /readyz before starting the next one; prints the URLs and the admin token; on Ctrl-C
 * (SIGINT) or SIGTERM stops them in reverse order (SIGTERM, then SIGKILL after a deadline) and
 * exits 0 when every one stopped by itself in time. If a process fails to start or dies, the
 * others are stopped and the exit status is 1.
 *
 * With `--ide` (or AI_OPENCOG_IDE=1), the IDE (packages/theia-app, built by `npm run build`) starts
 * third, on examples/ as its workspace, given the services' URLs and the run's token; its URL is
 * printed. Without it, only the two services run.
 *
 * Authentication stays on: a random admin token is generated at each start and printed (added to
 * API_TOKENS when that is set). AUTH_MODE=off is passed through only when set explicitly, with a
 * warning. Environment (all optional):
 *   KNOWLEDGE_PORT (7301), COGNITIVE_PORT (7302)     ports of the services
 *   IDE_PORT (3000), AI_OPENCOG_WORKSPACE (examples)  the IDE's port and workspace folder
 *   AI_OPENCOG_DATA_DIR (./data)                     PGlite's files (data/knowledge) and backups
 *   DATABASE_URL, NEO4J_URL, REDIS_URL, ...          passed through (the children inherit the environment)
 *   START_TIMEOUT_MS (60000), STOP_TIMEOUT_MS (15000)
 *   AI_OPENCOG_<NAME>_SCRIPT                          run another script for a process (e.g. a test double)
 * Plain Node (no build step of its own).
 */
'use strict';

const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdirSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const HOST = '127.0.0.1';
const env = process.env;
const DATA_DIR = resolve(ROOT, env.AI_OPENCOG_DATA_DIR || 'data');
const START_TIMEOUT_MS = Number(env.START_TIMEOUT_MS || 60_000);
const STOP_TIMEOUT_MS = Number(env.STOP_TIMEOUT_MS || 15_000);

/** The admin token of this run: given to every service, printed for the developer. */
const TOKEN = `dev-${randomBytes(24).toString('base64url')}`;
const AUTH_OFF = env.AUTH_MODE === 'off';
const WITH_IDE = process.argv.includes('--ide') || env.AI_OPENCOG_IDE === '1';

/**
 * The processes, started in this order and stopped in the reverse one. Each: a name, the script
 * (relative to the repository), its port, the environment it gets on top of ours, and the path
 * that answers 200 once it is ready; optionally its arguments, whether it runs at all, the exit
 * statuses that mean it stopped cleanly on SIGTERM (default 0), and what to say about it once
 * everything is up.
 */
const PROCESSES = [
  {
    name: 'knowledge',
    script: 'services/knowledge/lib/main.js',
    port: Number(env.KNOWLEDGE_PORT || 7301),
    env: () => ({
      DATA_DIR: env.DATA_DIR || join(DATA_DIR, 'knowledge'),
      BACKUP_DIR: env.BACKUP_DIR || join(DATA_DIR, 'backups'),
    }),
    readyPath: '/readyz',
  },
  {
    name: 'cognitive',
    script: 'services/cognitive/lib/main.js',
    port: Number(env.COGNITIVE_PORT || 7302),
    env: (urls) => ({
      KNOWLEDGE_URL: urls.knowledge,
      ...(AUTH_OFF ? {} : { KNOWLEDGE_TOKEN: env.KNOWLEDGE_TOKEN || TOKEN }),
    }),
    readyPath: '/readyz',
  },
  {
    name: 'ide',
    script: 'packages/theia-app/lib/backend/main.js',
    port: Number(env.IDE_PORT || 3000),
    enabled: () => WITH_IDE,
    args: (p) => [resolve(ROOT, env.AI_OPENCOG_WORKSPACE || 'examples'), '--hostname', HOST, '--port', String(p.port)],
    env: (urls) => ({
      // The extension's backend reads these once; the IDE's preferences may override them.
      AI_OPENCOG_COGNITIVE_URL: urls.cognitive,
      AI_OPENCOG_KNOWLEDGE_URL: urls.knowledge,
      AI_OPENCOG_TOKEN: AUTH_OFF ? '' : TOKEN,
    }),
    readyPath: '/',
    // Theia's backend ends its graceful shutdown on SIGTERM with exit status 1.
    stoppedCodes: [0, 1],
    note: 'open this in a browser (the workspace is examples/)',
  },
];

const running = [];
let stopping = false;

function say(line) {
  process.stdout.write(`${line}\n`);
}

function scriptOf(p) {
  const override = env[`AI_OPENCOG_${p.name.toUpperCase()}_SCRIPT`];
  return override ? resolve(override) : join(ROOT, p.script);
}

/** Copies a child's output to ours, each line prefixed with its name. */
function relay(stream, name, out) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    pending += chunk;
    let end;
    while ((end = pending.indexOf('\n')) >= 0) {
      out.write(`${name.padEnd(9)} | ${pending.slice(0, end)}\n`);
      pending = pending.slice(end + 1);
    }
  });
  stream.on('end', () => pending && out.write(`${name.padEnd(9)} | ${pending}\n`));
}

function start(p, urls) {
  const script = scriptOf(p);
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first`);
  const childEnv = {
    ...env,
    HOST,
    PORT: String(p.port),
    ...(AUTH_OFF ? { AUTH_MODE: 'off' } : { AUTH_MODE: 'tokens', API_TOKENS: [env.API_TOKENS, `local-dev:${TOKEN}:admin`].filter(Boolean).join(',') }),
    ...p.env(urls),
  };
  // Its own process group: a Ctrl-C in the terminal reaches this script only, which then stops
  // the children one by one with SIGTERM (a SIGINT to them as well would count as a second signal).
  const args = p.args ? p.args(p) : [];
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const entry = { ...p, child, url: `http://${HOST}:${p.port}`, exited: false, code: null, signal: null };
  entry.done = new Promise((resolveDone) =>
    child.on('exit', (code, signal) => {
      Object.assign(entry, { exited: true, code, signal });
      resolveDone();
      if (!stopping) {
        say(`ai-opencog: ${p.name} exited unexpectedly (${signal || `code ${code}`}); stopping the others`);
        void stopAll(1);
      }
    }),
  );
  child.on('error', (error) => say(`ai-opencog: cannot run ${p.name}: ${error.message}`));
  relay(child.stdout, p.name, process.stdout);
  relay(child.stderr, p.name, process.stderr);
  running.push(entry);
  return entry;
}

async function waitReady(entry) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (entry.exited) throw new Error(`${entry.name} exited while starting`);
    try {
      const response = await fetch(entry.url + entry.readyPath, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${entry.name} was not ready at ${entry.url}${entry.readyPath} within ${START_TIMEOUT_MS} ms`);
}

/** Stops the children in reverse order: SIGTERM, then SIGKILL after STOP_TIMEOUT_MS; then exits. */
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  let clean = code === 0;
  for (const entry of [...running].reverse()) {
    if (entry.exited) continue;
    say(`ai-opencog: stopping ${entry.name} (pid ${entry.child.pid})`);
    entry.child.kill('SIGTERM');
    const inTime = await Promise.race([entry.done.then(() => true), new Promise((r) => setTimeout(() => r(false), STOP_TIMEOUT_MS))]);
    if (!inTime) {
      say(`ai-opencog: ${entry.name} did not stop within ${STOP_TIMEOUT_MS} ms; killing it`);
      entry.child.kill('SIGKILL');
      await entry.done;
      clean = false;
    } else if (!(entry.stoppedCodes ?? [0]).includes(entry.code)) clean = false;
  }
  say(`ai-opencog: stopped${clean ? '' : ' (not cleanly)'}`);
  process.exit(clean ? 0 : 1);
}

async function main() {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (stopping) return say(`ai-opencog: ${signal} again: still stopping (SIGKILL after ${STOP_TIMEOUT_MS} ms each)`);
      say(`ai-opencog: ${signal}: stopping`);
      void stopAll(0);
    });
  }
  // Whatever happens to this script, no child outlives it.
  process.on('exit', () => {
    for (const entry of running) if (!entry.exited) entry.child.kill('SIGKILL');
  });
  if (AUTH_OFF) say('ai-opencog: WARNING: AUTH_MODE=off: every caller of the services is admin; do not expose these ports');
  mkdirSync(DATA_DIR, { recursive: true });
  const urls = {};
  for (const p of PROCESSES.filter((x) => !x.enabled || x.enabled())) {
    const entry = start(p, urls);
    await waitReady(entry);
    urls[p.name] = entry.url;
    say(`ai-opencog: ready: ${p.name} ${entry.url} (pid ${entry.child.pid})`);
  }
  say('');
  say('AI-OpenCog is running:');
  for (const entry of running) say(`  ${entry.name.padEnd(10)} ${entry.url}${entry.note ? `   <- ${entry.note}` : ''}`);
  if (AUTH_OFF) say('  authentication is off');
  else {
    say(`  admin token: ${TOKEN}`);
    say(`  e.g. curl -H "Authorization: Bearer ${TOKEN}" ${urls.cognitive ?? running[running.length - 1].url}/v1/spaces`);
  }
  say('Press Ctrl-C to stop.');
}

main().catch((error) => {
  say(`ai-opencog: ${error.message}`);
  void stopAll(1).then(() => process.exit(1));
  if (running.length === 0) process.exit(1);
});
