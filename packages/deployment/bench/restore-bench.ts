/*
 * How long a restore of 1,000,000 atoms takes: `npm run bench` (packages/deployment).
 *
 * Writes a backup file in storage's format (JSON lines: header, base, atoms in dependency order,
 * end records) holding one knowledge base of RESTORE_BENCH_ATOMS atoms (default 1,000,000: a
 * third ConceptNodes, two thirds InheritanceLinks between them, every tenth atom with a truth
 * value), then restores it with the operator CLI, `ai-opencog-knowledge restore --in FILE`, into
 * an empty store - PGlite in a temporary folder (the embedded default), or PostgreSQL when
 * RESTORE_BENCH_DATABASE_URL is set - and checks the restored count with `list --json`.
 * Prints one JSON line: the restore's wall time, atoms per second, the CLI's peak RSS, the file's size.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const storage = require(resolve(__dirname, '../../storage/lib/atom-key.js')) as {
  nodeKey(type: string, name: string): string;
  linkKey(type: string, outgoing: readonly string[], unordered: boolean): string;
};

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'services/knowledge/lib/cli/main.js');
const ATOMS = Number(process.env.RESTORE_BENCH_ATOMS ?? 1_000_000);
const BASE = 'bench-restore';

async function writeBackupFile(file: string, atoms: number): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const write = async (line: string): Promise<void> => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  const nodes = Math.ceil(atoms / 3);
  const links = atoms - nodes;
  const now = new Date().toISOString();
  await write(JSON.stringify({ format: 'ai-opencog-backup', version: 1, createdAt: now, bases: 1 }));
  await write(JSON.stringify({ base: { name: BASE, description: 'restore benchmark', createdAt: now, journalSeq: atoms, atomCount: atoms } }));
  const keys: string[] = new Array(nodes);
  let n = 0;
  const tv = (i: number) => (i % 10 === 0 ? { tv: { type: 'stv', strength: (i % 100) / 100, confidence: 0.9 } } : {});
  const nodeRecords: string[] = [];
  for (let i = 0; i < nodes; i++) {
    const name = `concept-${i}`;
    keys[i] = storage.nodeKey('ConceptNode', name);
    nodeRecords.push(JSON.stringify({ atom: { key: keys[i], type: 'ConceptNode', name, ...tv(n++) } }));
  }
  // Dependency order as storage writes it: by depth, then key.
  nodeRecords.sort((a, b) => (a.slice(16, 80) < b.slice(16, 80) ? -1 : 1));
  for (const r of nodeRecords) await write(r);
  nodeRecords.length = 0;
  const linkRecords: { key: string; line: string }[] = [];
  for (let j = 0; j < links; j++) {
    // Each node links to the two nodes after it (a ring): distinct links, depth 1.
    const a = j % nodes;
    const b = (a + 1 + Math.floor(j / nodes)) % nodes;
    const outgoing = [keys[a]!, keys[b]!];
    const key = storage.linkKey('InheritanceLink', outgoing, false);
    linkRecords.push({ key, line: JSON.stringify({ atom: { key, type: 'InheritanceLink', outgoing, ...tv(n++) } }) });
  }
  linkRecords.sort((x, y) => (x.key < y.key ? -1 : 1));
  for (const r of linkRecords) await write(r.line);
  await write(JSON.stringify({ baseEnd: { name: BASE, atomCount: atoms } }));
  await write(JSON.stringify({ end: { bases: 1 } }));
  out.end();
  await once(out, 'finish');
}

/** Runs the CLI, sampling its peak RSS (VmHWM) from /proc until it exits. */
async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string; seconds: number; peakRssMiB: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  let peakKiB = 0;
  const sample = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
    } catch {
      /* exited */
    }
  };
  const timer = setInterval(sample, 200);
  const [code] = (await once(child, 'exit')) as [number];
  clearInterval(timer);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { code, stdout, stderr, seconds, peakRssMiB: Math.round(peakKiB / 102.4) / 10 };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ai-opencog-restore-bench-'));
  try {
    const file = join(dir, 'backup.jsonl');
    const t0 = Date.now();
    await writeBackupFile(file, ATOMS);
    const generateS = (Date.now() - t0) / 1000;
    const databaseUrl = process.env.RESTORE_BENCH_DATABASE_URL;
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dir, 'pglite'), BACKUP_DIR: join(dir, 'backups'), LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.NEO4J_URL;
    if (databaseUrl) env.DATABASE_URL = databaseUrl;
    const restore = await runCli(['restore', '--in', file, '--overwrite', '--json'], env);
    if (restore.code !== 0) throw new Error(`restore failed (${restore.code}): ${restore.stderr}`);
    const list = spawnSync(process.execPath, [CLI, 'list', '--json'], { env, encoding: 'utf8' });
    const base = list.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { name: string; atomCount: number })
      .find((b) => b.name === BASE);
    if (!base || base.atomCount !== ATOMS) throw new Error(`restored ${base?.atomCount ?? 0} atoms, expected ${ATOMS}`);
    process.stdout.write(
      `${JSON.stringify({
        workload: `restore ${ATOMS.toLocaleString('en')} atoms from a backup file (ai-opencog-knowledge restore --in, ${databaseUrl ? 'PostgreSQL' : 'PGlite'})`,
        atoms: ATOMS,
        backend: databaseUrl ? 'postgres' : 'pglite',
        fileMiB: Math.round(statSync(file).size / 104857.6) / 10,
        generateS: Math.round(generateS * 10) / 10,
        restoreS: Math.round(restore.seconds * 10) / 10,
        atomsPerSec: Math.round(ATOMS / restore.seconds),
        cliPeakRssMiB: restore.peakRssMiB,
      })}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`restore-bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
