#!/usr/bin/env node
/*
 * The scheduled backups of the knowledge service (the `backup` service of compose.yaml and the
 * backup CronJob of k8s/), and the restore commands of docs/restore-runbook.md. Plain Node 20, no
 * dependencies: it only talks HTTP to the knowledge service's admin routes.
 *
 *   backup-runner.js once                 one backup now, copied into BACKUP_DIR, then retention; exit 0/1
 *   backup-runner.js schedule             a backup every BACKUP_INTERVAL (the first one when the newest
 *                                         copy in BACKUP_DIR is older than that), with /healthz and
 *                                         /metrics on BACKUP_METRICS_PORT; stops on SIGTERM/SIGINT
 *   backup-runner.js restore FILE [--base NAME]... [--into NAME] [--overwrite]
 *                                         upload a backup file to the service and restore from it
 *   backup-runner.js restore-point --base NAME (--to-time ISO | --to-seq N) [--into NAME] [--overwrite]
 *                                         bring a base back to a point in time from its journal
 *   backup-runner.js list                 the backups the service holds and the copies in BACKUP_DIR
 *
 * A backup is made by the service (POST /v1/admin/backups, a job: each base read from a snapshot,
 * so it is consistent while writers go on), then downloaded into BACKUP_DIR under a temporary name,
 * checked (its end record, its size), synced and renamed: a copy is whole or absent. Retention keeps
 * the BACKUP_KEEP newest copies (and drops copies older than BACKUP_MAX_AGE_DAYS, 0: no age limit),
 * in BACKUP_DIR and, for the backups this runner made, in the service's own backup folder.
 *
 * Environment:
 *   KNOWLEDGE_URL (http://127.0.0.1:7301)    the knowledge service
 *   KNOWLEDGE_TOKEN, KNOWLEDGE_TOKEN_FILE    an admin token of it (the file: a Docker/Kubernetes secret)
 *   BACKUP_DIR (./data/backup-copies)        where the copies go (a volume)
 *   BACKUP_BASE                              back up this base only (default: every base)
 *   BACKUP_INTERVAL (6h)                     schedule: time between backups (s, m, h, d)
 *   BACKUP_KEEP (7), BACKUP_MAX_AGE_DAYS (0) retention
 *   BACKUP_TIMEOUT (2h)                      the longest a backup (job + download) may take
 *   BACKUP_METRICS_HOST (127.0.0.1), BACKUP_METRICS_PORT (7303)   schedule: /healthz and /metrics
 * Logs are JSON lines (pino's shape: level, time, service, msg), as the services write them.
 */
'use strict';

const fs = require('node:fs');
const fsp = require('node:fs/promises');
const http = require('node:http');
const path = require('node:path');
const { randomBytes } = require('node:crypto');

const MARK = 'scheduled by backup-runner';
const SERVICE = 'backup';
const LEVELS = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

function log(level, fields, msg) {
  const line = { level, time: new Date().toISOString(), service: SERVICE, ...fields, msg };
  (level === 'error' || level === 'fatal' ? process.stderr : process.stdout).write(`${JSON.stringify(line)}\n`);
}

/** "90s", "15m", "6h", "1d" or a number of seconds → milliseconds. */
function duration(text, name) {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(String(text).trim());
  if (!m) throw new UsageError(`${name} must be a duration such as 90s, 15m, 6h or 1d, got '${text}'`);
  const unit = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 }[m[2] || 's'];
  return Math.round(Number(m[1]) * unit);
}

function integer(text, name, min) {
  if (!/^\d+$/.test(String(text).trim()) || Number(text) < min) throw new UsageError(`${name} must be an integer >= ${min}, got '${text}'`);
  return Number(text);
}

class UsageError extends Error {}

function settings(env) {
  let token = env.KNOWLEDGE_TOKEN || '';
  if (!token && env.KNOWLEDGE_TOKEN_FILE) token = fs.readFileSync(env.KNOWLEDGE_TOKEN_FILE, 'utf8').trim();
  return {
    url: (env.KNOWLEDGE_URL || 'http://127.0.0.1:7301').replace(/\/+$/, ''),
    token,
    dir: path.resolve(env.BACKUP_DIR || './data/backup-copies'),
    base: env.BACKUP_BASE || undefined,
    intervalMs: duration(env.BACKUP_INTERVAL || '6h', 'BACKUP_INTERVAL'),
    keep: integer(env.BACKUP_KEEP || '7', 'BACKUP_KEEP', 1),
    maxAgeMs: integer(env.BACKUP_MAX_AGE_DAYS || '0', 'BACKUP_MAX_AGE_DAYS', 0) * 86400e3,
    timeoutMs: duration(env.BACKUP_TIMEOUT || '2h', 'BACKUP_TIMEOUT'),
    metricsHost: env.BACKUP_METRICS_HOST || '127.0.0.1',
    metricsPort: integer(env.BACKUP_METRICS_PORT || '7303', 'BACKUP_METRICS_PORT', 0),
  };
}

// ---- the knowledge service's admin API ----

class Knowledge {
  constructor(s) {
    this.s = s;
  }

  async call(method, route, { body, raw, contentType, signal, expect = [200] } = {}) {
    const headers = { accept: 'application/json' };
    if (this.s.token) headers.authorization = `Bearer ${this.s.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (raw !== undefined) headers['content-type'] = contentType;
    const res = await fetch(`${this.s.url}${route}`, {
      method,
      headers,
      body: body !== undefined ? JSON.stringify(body) : raw,
      signal,
      ...(raw !== undefined ? { duplex: 'half' } : {}),
    });
    if (!expect.includes(res.status)) {
      const text = await res.text().catch(() => '');
      let code = '';
      try {
        code = JSON.parse(text).error.code;
      } catch {
        /* not the error body */
      }
      throw new Error(`${method} ${route}: HTTP ${res.status}${code ? ` ${code}` : ''} ${text.slice(0, 300)}`);
    }
    return res;
  }

  async json(method, route, options) {
    const res = await this.call(method, route, options);
    return res.status === 204 ? undefined : res.json();
  }

  /** Polls a job until it ends; resolves with its result, throws with its error. */
  async waitJob(jobId, signal) {
    for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
      const job = await this.json('GET', `/v1/jobs/${encodeURIComponent(jobId)}`, { signal });
      if (job.status === 'succeeded') return job.result;
      if (job.status === 'failed' || job.status === 'cancelled') {
        throw new Error(`job ${jobId} ${job.status}: ${job.error ? `${job.error.code} ${job.error.message}` : ''}`);
      }
      await sleep(delay, signal);
    }
  }
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject(signal.reason);
    const t = setTimeout(done, ms);
    function done() {
      if (signal) signal.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(t);
      reject(signal.reason);
    }
    if (signal) signal.addEventListener('abort', abort, { once: true });
  });
}

// ---- copies in BACKUP_DIR ----

const COPY = /^([A-Za-z0-9][A-Za-z0-9._-]*)\.jsonl$/;

/** The copies, newest first: {name, file, mtimeMs, size}. */
async function listCopies(dir) {
  const entries = await fsp.readdir(dir).catch((e) => (e.code === 'ENOENT' ? [] : Promise.reject(e)));
  const copies = [];
  for (const f of entries) {
    const m = COPY.exec(f);
    if (!m) continue;
    const st = await fsp.stat(path.join(dir, f)).catch(() => undefined);
    if (st && st.isFile()) copies.push({ name: m[1], file: path.join(dir, f), mtimeMs: st.mtimeMs, size: st.size });
  }
  return copies.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.name < b.name ? 1 : -1));
}

/** The last line of a file (backups end with `{"end":{...}}`). */
async function lastLine(file) {
  const fh = await fsp.open(file, 'r');
  try {
    const { size } = await fh.stat();
    const length = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(length);
    await fh.read(buf, 0, length, size - length);
    const lines = buf.toString('utf8').split('\n').filter((l) => l.trim() !== '');
    return lines[lines.length - 1] || '';
  } finally {
    await fh.close();
  }
}

async function download(k, info, dir, signal) {
  await fsp.mkdir(dir, { recursive: true });
  const final = path.join(dir, `${info.name}.jsonl`);
  const temp = path.join(dir, `.${info.name}.${randomBytes(4).toString('hex')}.partial`);
  const res = await k.call('GET', `/v1/admin/backups/${encodeURIComponent(info.name)}`, { signal });
  const out = fs.createWriteStream(temp);
  try {
    const { pipeline } = require('node:stream/promises');
    const { Readable } = require('node:stream');
    await pipeline(Readable.fromWeb(res.body), out);
    const fh = await fsp.open(temp, 'r+');
    await fh.sync();
    await fh.close();
    const { size } = await fsp.stat(temp);
    if (size !== info.sizeBytes) throw new Error(`download of ${info.name}: ${size} bytes, the service reported ${info.sizeBytes}`);
    const end = JSON.parse(await lastLine(temp));
    if (!end.end || end.end.bases !== info.bases.length) throw new Error(`download of ${info.name}: no end record for ${info.bases.length} base(s)`);
    await fsp.rename(temp, final);
    const dh = await fsp.open(dir, 'r');
    await dh.sync().catch(() => undefined);
    await dh.close();
  } catch (e) {
    await fsp.unlink(temp).catch(() => undefined);
    throw e;
  }
  return final;
}

/** Keeps the `keep` newest copies (and none older than maxAgeMs); the same for the service's backups this runner made. */
async function retention(k, s, now = Date.now()) {
  const removed = { copies: [], service: [] };
  const copies = await listCopies(s.dir);
  for (const [i, c] of copies.entries()) {
    if (i >= s.keep || (s.maxAgeMs > 0 && now - c.mtimeMs > s.maxAgeMs)) {
      await fsp.unlink(c.file);
      removed.copies.push(c.name);
    }
  }
  const { backups } = await k.json('GET', '/v1/admin/backups');
  const ours = backups.filter((b) => b.description === MARK);
  for (const [i, b] of ours.entries()) {
    if (i >= s.keep || (s.maxAgeMs > 0 && now - Date.parse(b.createdAt) > s.maxAgeMs)) {
      await k.call('DELETE', `/v1/admin/backups/${encodeURIComponent(b.name)}`, { expect: [204, 404] });
      removed.service.push(b.name);
    }
  }
  return removed;
}

// ---- one backup ----

async function backupOnce(s, metrics) {
  const k = new Knowledge(s);
  const started = Date.now();
  const signal = AbortSignal.timeout(s.timeoutMs);
  metrics.lastRun = started / 1000;
  try {
    const { jobId } = await k.json('POST', '/v1/admin/backups', {
      body: { ...(s.base ? { base: s.base } : {}), description: MARK },
      expect: [202],
      signal,
    });
    log('info', { jobId, base: s.base || '(all)' }, 'backup started');
    const info = await k.waitJob(jobId, signal);
    const file = await download(k, info, s.dir, signal);
    const removed = await retention(k, s);
    const seconds = (Date.now() - started) / 1000;
    Object.assign(metrics, {
      lastSuccess: Date.now() / 1000,
      lastDuration: seconds,
      lastAtoms: info.atomCount,
      lastBytes: info.sizeBytes,
      lastBases: info.bases.length,
    });
    metrics.runs.succeeded++;
    metrics.kept = (await listCopies(s.dir)).length;
    log('info', { backup: info.name, file, bases: info.bases.length, atoms: info.atomCount, bytes: info.sizeBytes, seconds, removed }, 'backup written');
    return { ...info, file, removed };
  } catch (e) {
    metrics.runs.failed++;
    metrics.lastDuration = (Date.now() - started) / 1000;
    log('error', { err: { message: e.message, code: e.code } }, 'backup failed');
    throw e;
  }
}

// ---- metrics and health (schedule mode) ----

function newMetrics() {
  return { runs: { succeeded: 0, failed: 0 }, lastSuccess: 0, lastRun: 0, lastDuration: 0, lastAtoms: 0, lastBytes: 0, lastBases: 0, kept: 0, intervalSeconds: 0, running: 0 };
}

function renderMetrics(m) {
  const lines = [];
  const one = (name, type, help, value, labels = '') => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name}${labels} ${value}`);
  };
  lines.push('# HELP ai_opencog_backup_runs_total Backups attempted by this runner, by outcome', '# TYPE ai_opencog_backup_runs_total counter');
  for (const status of ['succeeded', 'failed']) lines.push(`ai_opencog_backup_runs_total{status="${status}"} ${m.runs[status]}`);
  one('ai_opencog_backup_last_success_timestamp_seconds', 'gauge', 'Unix time of the newest complete backup copy (0: none)', m.lastSuccess);
  one('ai_opencog_backup_last_run_timestamp_seconds', 'gauge', 'Unix time the last backup attempt started', m.lastRun);
  one('ai_opencog_backup_last_duration_seconds', 'gauge', 'How long the last backup attempt took', m.lastDuration);
  one('ai_opencog_backup_last_atoms', 'gauge', 'Atoms in the last backup', m.lastAtoms);
  one('ai_opencog_backup_last_size_bytes', 'gauge', 'Size of the last backup', m.lastBytes);
  one('ai_opencog_backup_last_bases', 'gauge', 'Knowledge bases in the last backup', m.lastBases);
  one('ai_opencog_backup_copies', 'gauge', 'Backup copies kept in BACKUP_DIR', m.kept);
  one('ai_opencog_backup_interval_seconds', 'gauge', 'Time between scheduled backups', m.intervalSeconds);
  one('ai_opencog_backup_running', 'gauge', '1 while a backup runs', m.running);
  return `${lines.join('\n')}\n`;
}

async function schedule(s) {
  const metrics = newMetrics();
  metrics.intervalSeconds = s.intervalMs / 1000;
  await fsp.mkdir(s.dir, { recursive: true });
  const copies = await listCopies(s.dir);
  metrics.kept = copies.length;
  if (copies.length > 0) metrics.lastSuccess = copies[0].mtimeMs / 1000;

  const server = http.createServer((req, res) => {
    const url = (req.url || '/').split('?')[0];
    if (req.method === 'GET' && url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', service: SERVICE }));
    } else if (req.method === 'GET' && url === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(renderMetrics(metrics));
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'not found' } }));
    }
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(s.metricsPort, s.metricsHost, resolve));
  const { port } = server.address();
  log('info', { metrics: `http://${s.metricsHost}:${port}/metrics`, intervalMs: s.intervalMs, dir: s.dir, keep: s.keep }, 'backup schedule started');

  let timer;
  let current = Promise.resolve();
  let stopping = false;
  // Due one interval after the newest copy; after a failure, retried a tenth of the interval later (at least a minute).
  let dueMs = metrics.lastSuccess * 1000 + s.intervalMs;
  const next = () => {
    if (stopping) return;
    const wait = Math.max(0, dueMs - Date.now());
    timer = setTimeout(run, wait);
    log('info', { nextAt: new Date(Date.now() + wait).toISOString() }, 'next backup scheduled');
  };
  const run = () => {
    metrics.running = 1;
    current = backupOnce(s, metrics)
      .then(
        () => {
          dueMs = Date.now() + s.intervalMs;
        },
        () => {
          dueMs = Date.now() + Math.max(60e3, s.intervalMs / 10);
        },
      )
      .finally(() => {
        metrics.running = 0;
        next();
      });
  };
  next();
  const stop = async (signal) => {
    if (stopping) process.exit(1);
    stopping = true;
    clearTimeout(timer);
    log('info', { signal }, 'stopping: waiting for a backup in progress');
    await current;
    server.close();
    log('info', {}, 'stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

// ---- restores ----

function parseArgs(args, spec) {
  const out = { _: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      out._.push(a);
      continue;
    }
    const name = a.slice(2);
    if (!(name in spec)) throw new UsageError(`unknown option ${a}`);
    if (spec[name] === 'flag') out[name] = true;
    else if (spec[name] === 'list') (out[name] = out[name] || []).push(need(args, ++i, a));
    else out[name] = need(args, ++i, a);
  }
  return out;
}

function need(args, i, name) {
  if (i >= args.length) throw new UsageError(`${name} needs a value`);
  return args[i];
}

async function restoreFile(s, args) {
  const o = parseArgs(args, { base: 'list', into: 'value', overwrite: 'flag' });
  if (o._.length !== 1) throw new UsageError('restore needs one backup FILE');
  const file = o._[0];
  const k = new Knowledge(s);
  const stem = path.basename(file).replace(/\.jsonl$/, '').replace(/[^A-Za-z0-9._-]/g, '-');
  const name = `restore-${stem}`.slice(0, 100);
  const { size } = await fsp.stat(file);
  await k.call('DELETE', `/v1/admin/backups/${encodeURIComponent(name)}`, { expect: [204, 404] });
  const { Readable } = require('node:stream');
  const info = await k.json('PUT', `/v1/admin/backups/${encodeURIComponent(name)}`, {
    raw: Readable.toWeb(fs.createReadStream(file)),
    contentType: 'application/x-ndjson',
    expect: [201],
  });
  log('info', { backup: name, bytes: size, bases: info.bases, atoms: info.atomCount }, 'backup uploaded');
  const started = Date.now();
  const { jobId } = await k.json('POST', '/v1/admin/restore', {
    body: {
      from: 'backup',
      backup: name,
      ...(o.base ? { bases: o.base } : {}),
      ...(o.into ? { target: o.into } : {}),
      overwrite: Boolean(o.overwrite),
    },
    expect: [202],
  });
  const result = await k.waitJob(jobId);
  log('info', { backup: name, restored: result.bases, seconds: (Date.now() - started) / 1000 }, 'restore finished');
  await k.call('DELETE', `/v1/admin/backups/${encodeURIComponent(name)}`, { expect: [204, 404] });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function restorePoint(s, args) {
  const o = parseArgs(args, { base: 'value', 'to-time': 'value', 'to-seq': 'value', into: 'value', overwrite: 'flag' });
  if (!o.base || (o['to-time'] === undefined) === (o['to-seq'] === undefined)) {
    throw new UsageError('restore-point needs --base NAME and one of --to-time ISO, --to-seq N');
  }
  const k = new Knowledge(s);
  const point =
    o['to-seq'] !== undefined ? { sequence: integer(o['to-seq'], '--to-seq', 0) } : { timestamp: new Date(o['to-time']).toISOString() };
  const { jobId } = await k.json('POST', '/v1/admin/restore', {
    body: { from: 'journal', base: o.base, ...point, ...(o.into ? { target: o.into } : {}), overwrite: Boolean(o.overwrite) },
    expect: [202],
  });
  const result = await k.waitJob(jobId);
  log('info', { base: o.base, ...point, restored: result.bases }, 'point-in-time restore finished');
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function list(s) {
  const k = new Knowledge(s);
  const { backups } = await k.json('GET', '/v1/admin/backups');
  const copies = await listCopies(s.dir);
  process.stdout.write(`${JSON.stringify({ service: backups, copies: copies.map((c) => ({ name: c.name, file: c.file, size: c.size, modifiedAt: new Date(c.mtimeMs).toISOString() })) })}\n`);
}

async function main(argv, env) {
  const [command, ...rest] = argv;
  const s = settings(env);
  switch (command) {
    case 'once':
      await backupOnce(s, newMetrics());
      return;
    case 'schedule':
      await schedule(s);
      return;
    case 'restore':
      await restoreFile(s, rest);
      return;
    case 'restore-point':
      await restorePoint(s, rest);
      return;
    case 'list':
      await list(s);
      return;
    default:
      throw new UsageError('usage: backup-runner.js once | schedule | restore FILE [--base NAME]... [--into NAME] [--overwrite] | restore-point --base NAME (--to-time ISO | --to-seq N) [--into NAME] [--overwrite] | list');
  }
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).catch((e) => {
    if (e instanceof UsageError) {
      process.stderr.write(`backup-runner: ${e.message}\n`);
      process.exit(2);
    }
    log('fatal', { err: { message: e.message } }, 'backup-runner failed');
    process.exit(1);
  });
}

module.exports = { duration, renderMetrics, newMetrics, listCopies, retention, settings, LEVELS };
