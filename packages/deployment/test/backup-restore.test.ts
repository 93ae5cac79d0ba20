/**
 * Backup and disaster recovery, end to end, on the real knowledge service (compiled lib/main.js,
 * PGlite in a temporary folder, the tokens docker/generate-secrets.sh makes, the secrets preload
 * of the images):
 * - the backup runner (the compose `backup` service and the k8s CronJob) backs up, the data is
 *   destroyed (the service stopped and its data folder deleted), a new service is restored from
 *   the copy, and every atom and value is compared;
 * - the same with the operator CLI (ai-opencog-knowledge backup / restore);
 * - point-in-time restores from the journal, through the runner (HTTP) and the CLI;
 * - retention, and the scheduled mode with its metrics.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKUP_RUNNER, call, freePort, KNOWLEDGE_CLI, requireBuilt, start, startKnowledge, waitJob, waitReady, type Knowledge } from './support/processes';
import { repoPath, run } from './support/repo';

let dir: string;
let secrets: string;
let admin: string;
let backupToken: string;

beforeAll(() => {
  requireBuilt(KNOWLEDGE_CLI);
  dir = mkdtempSync(join(tmpdir(), 'ai-opencog-dr-'));
  secrets = join(dir, 'secrets');
  const r = run('bash', [repoPath('docker/generate-secrets.sh'), secrets]);
  expect(r.status).toBe(0);
  admin = readFileSync(join(secrets, 'admin_token.txt'), 'utf8').trim();
  backupToken = readFileSync(join(secrets, 'backup_token.txt'), 'utf8').trim();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const serviceEnv = () => ({ API_TOKENS_FILE: join(secrets, 'api_tokens.txt'), AUTH_MODE: 'tokens' });

/** Atoms of every kind of value: stv, ctv, av, float/string/link values; nested links; odd names. */
function atoms(seed: number, count: number): object[] {
  const out: object[] = [];
  for (let i = 0; i < count; i++) {
    const n = seed * 100_000 + i;
    const concept = (name: string) => ({ type: 'ConceptNode', name });
    switch (i % 6) {
      case 0:
        out.push({ type: 'ConceptNode', name: `c-${n}`, tv: { type: 'stv', strength: (i % 97) / 97, confidence: 0.5 } });
        break;
      case 1:
        out.push({ type: 'InheritanceLink', outgoing: [concept(`c-${n - 1}`), concept(`animal "${seed}" \\ ünï-${i % 13}`)], tv: { type: 'ctv', strength: 0.25, confidence: 0.75, count: i } });
        break;
      case 2:
        out.push({ type: 'PredicateNode', name: `p-${n}`, av: { sti: i, lti: -i, vlti: i % 2 } });
        break;
      case 3:
        out.push({
          type: 'EvaluationLink',
          outgoing: [{ type: 'PredicateNode', name: `p-${n - 1}` }, { type: 'ListLink', outgoing: [concept(`c-${n - 3}`), concept(`x-${n}`)] }],
          values: [
            { key: { type: 'PredicateNode', name: 'weights' }, value: { kind: 'float', items: [i, i / 3, -1e-9] } },
            { key: { type: 'PredicateNode', name: 'labels' }, value: { kind: 'string', items: ['a', `b-${i}`, '→ é'] } },
          ],
        });
        break;
      case 4:
        out.push({ type: 'SimilarityLink', outgoing: [concept(`x-${n - 1}`), concept(`c-${n - 4}`)], tv: { type: 'stv', strength: 0.9, confidence: 0.1 } });
        break;
      default:
        out.push({ type: 'MemberLink', outgoing: [concept(`m-${n}`), concept(`set-${i % 7}`)], values: [{ key: { type: 'PredicateNode', name: 'ref' }, value: { kind: 'link', items: [{ kind: 'atom', atom: concept(`c-${n - 5}`) }, { kind: 'float', items: [1, 2] }] } }] });
    }
  }
  return out;
}

async function importAtoms(k: Knowledge, base: string, list: object[]): Promise<void> {
  const res = await fetch(`${k.url}/v1/bases/${base}/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-ndjson' },
    body: list.map((a) => JSON.stringify(a)).join('\n'),
  });
  const body = (await res.json()) as { jobId: string };
  expect(res.status).toBe(202);
  await waitJob(k.url, admin, body.jobId);
}

/** Everything a base holds, in two independent reads: the export (JSON lines) and the type counts. */
async function state(k: Knowledge, base: string): Promise<{ export: string[]; types: unknown }> {
  const res = await fetch(`${k.url}/v1/bases/${base}/export?format=jsonl`, { headers: { authorization: `Bearer ${admin}` } });
  expect(res.status).toBe(200);
  const lines = (await res.text()).split('\n').filter(Boolean).sort();
  const types = await call(k.url, admin, 'GET', `/v1/bases/${base}/types`);
  return { export: lines, types };
}

/** The flat atom records (key, type, name/outgoing, tv, av, values) of a backup file, by key. */
function backupAtoms(file: string): Map<string, string> {
  const out = new Map<string, string>();
  let base = '';
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const r = JSON.parse(line);
    if (r.base) base = r.base.name;
    if (r.atom) out.set(`${base}/${r.atom.key}`, JSON.stringify(r.atom));
  }
  return out;
}

function runner(args: string[], k: Knowledge, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [BACKUP_RUNNER, ...args], {
    encoding: 'utf8',
    env: { ...process.env, KNOWLEDGE_URL: k.url, KNOWLEDGE_TOKEN_FILE: join(secrets, 'backup_token.txt'), ...env },
    timeout: 180_000,
  });
}

function cli(args: string[], dataDir: string) {
  return spawnSync(process.execPath, [KNOWLEDGE_CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: join(dataDir, 'knowledge'), BACKUP_DIR: join(dataDir, 'backups'), DATABASE_URL: '', NEO4J_URL: '' },
    timeout: 180_000,
  });
}

const BASES = { animals: atoms(1, 1800), genes: atoms(2, 1200) };

describe('backup, destroy, restore: the backup runner over HTTP', () => {
  it('restores every atom and value of every base', async () => {
    const data = join(dir, 'runner');
    const copies = join(dir, 'runner-copies');
    let k = await startKnowledge(data, serviceEnv());
    const before: Record<string, Awaited<ReturnType<typeof state>>> = {};
    try {
      for (const [base, list] of Object.entries(BASES)) {
        await call(k.url, admin, 'POST', '/v1/bases', { name: base, description: `test base ${base}` });
        await importAtoms(k, base, list);
        before[base] = await state(k, base);
        expect(before[base]!.export.length).toBeGreaterThan(100);
      }
      const r = runner(['once'], k, { BACKUP_DIR: copies, BACKUP_KEEP: '3' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const written = JSON.parse(r.stdout.trim().split('\n').pop()!);
      expect(written).toMatchObject({ msg: 'backup written', bases: 2 });
    } finally {
      await k.proc.stop();
    }

    // Disaster: the service's data is gone.
    rmSync(data, { recursive: true, force: true });
    k = await startKnowledge(data, serviceEnv());
    try {
      expect((await call(k.url, admin, 'GET', '/v1/bases')).bases).toEqual([]);
      const [copy] = readdirSync(copies).filter((f) => f.endsWith('.jsonl'));
      const r = runner(['restore', join(copies, copy!)], k);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout.trim().split('\n').pop()!).bases.map((b: { name: string }) => b.name).sort()).toEqual(['animals', 'genes']);
      for (const base of Object.keys(BASES)) {
        const after = await state(k, base);
        expect(after.export).toEqual(before[base]!.export);
        expect(after.types).toEqual(before[base]!.types);
      }
      // And flat, atom by atom with every value: a new backup of the restored store equals the copy.
      const again = runner(['once'], k, { BACKUP_DIR: join(dir, 'runner-copies-2') });
      expect(again.status).toBe(0);
      const [copy2] = readdirSync(join(dir, 'runner-copies-2')).filter((f) => f.endsWith('.jsonl'));
      const original = backupAtoms(join(copies, copy!));
      expect(original.size).toBeGreaterThan(3000);
      expect(backupAtoms(join(dir, 'runner-copies-2', copy2!))).toEqual(original);
    } finally {
      await k.proc.stop();
    }
  });
});

describe('backup, destroy, restore: the operator CLI', () => {
  it('restores every atom and value', async () => {
    const data = join(dir, 'cli');
    let k = await startKnowledge(data, serviceEnv());
    let before;
    try {
      await call(k.url, admin, 'POST', '/v1/bases', { name: 'animals' });
      await importAtoms(k, 'animals', BASES.animals);
      before = await state(k, 'animals');
    } finally {
      await k.proc.stop(); // PGlite: one process per data folder
    }
    const file = join(dir, 'cli-backup.jsonl');
    const b = cli(['backup', '--all', '--out', file, '--json'], data);
    expect(b.stderr).toBe('');
    expect(JSON.parse(b.stdout)).toMatchObject({ file, bases: ['animals'] });
    rmSync(data, { recursive: true, force: true });
    const r = cli(['restore', '--in', file, '--json'], data);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ name: 'animals', atomCount: before!.export.length > 0 ? expect.any(Number) : 0 });
    k = await startKnowledge(data, serviceEnv());
    try {
      const after = await state(k, 'animals');
      expect(after.export).toEqual(before!.export);
      expect(after.types).toEqual(before!.types);
    } finally {
      await k.proc.stop();
    }
  });
});

describe('point-in-time restore from the journal', () => {
  it('brings a base back to what it was at a time, through the runner and through the CLI', async () => {
    const data = join(dir, 'pitr');
    const k = await startKnowledge(data, serviceEnv());
    let atT: Awaited<ReturnType<typeof state>>;
    let T: string;
    let latest: Awaited<ReturnType<typeof state>>;
    try {
      await call(k.url, admin, 'POST', '/v1/bases', { name: 'kb' });
      await importAtoms(k, 'kb', atoms(3, 600));
      atT = await state(k, 'kb');
      const journal = await call(k.url, admin, 'GET', '/v1/admin/journal/kb');
      T = journal.lastTimestamp;
      expect(journal.lastSequence).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 50));
      // After T: new atoms, and new values on existing ones.
      await importAtoms(k, 'kb', atoms(4, 300));
      await call(k.url, admin, 'POST', '/v1/bases/kb/atoms', {
        atoms: [{ type: 'ConceptNode', name: 'c-300000', tv: { type: 'stv', strength: 0.01, confidence: 0.99 } }],
      });
      latest = await state(k, 'kb');
      expect(latest.export).not.toEqual(atT.export);

      const r = runner(['restore-point', '--base', 'kb', '--to-time', T, '--into', 'kb-at-t'], k);
      expect(r.status).toBe(0);
      expect((await state(k, 'kb-at-t')).export).toEqual(atT.export);
      // In place: the base itself goes back (the journal keeps the history), and forward again.
      const seq = (await call(k.url, admin, 'GET', '/v1/admin/journal/kb')).lastSequence;
      expect(runner(['restore-point', '--base', 'kb', '--to-time', T, '--overwrite'], k).status).toBe(0);
      expect((await state(k, 'kb')).export).toEqual(atT.export);
      expect(runner(['restore-point', '--base', 'kb', '--to-seq', String(seq), '--overwrite'], k).status).toBe(0);
      expect((await state(k, 'kb')).export).toEqual(latest.export);
    } finally {
      await k.proc.stop();
    }
    const r = cli(['restore', '--base', 'kb', '--to-time', T!, '--into', 'kb-cli-at-t', '--json'], data);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const k2 = await startKnowledge(data, serviceEnv());
    try {
      expect((await state(k2, 'kb-cli-at-t')).export).toEqual(atT!.export);
      expect((await state(k2, 'kb')).export).toEqual(latest!.export);
    } finally {
      await k2.proc.stop();
    }
  });
});

describe('the backup runner', () => {
  it('keeps BACKUP_KEEP copies, here and in the service; refuses a token without the admin role', async () => {
    const data = join(dir, 'retention');
    const copies = join(dir, 'retention-copies');
    const k = await startKnowledge(data, serviceEnv());
    try {
      await call(k.url, admin, 'POST', '/v1/bases', { name: 'small' });
      await importAtoms(k, 'small', atoms(5, 30));
      // A backup made by hand is not the runner's to delete.
      await waitJob(k.url, admin, (await call(k.url, admin, 'POST', '/v1/admin/backups', { description: 'by hand' })).jobId);
      for (let i = 0; i < 4; i++) {
        const r = runner(['once'], k, { BACKUP_DIR: copies, BACKUP_KEEP: '2' });
        expect(r.status).toBe(0);
        await new Promise((res) => setTimeout(res, 20));
      }
      expect(readdirSync(copies).filter((f) => f.endsWith('.jsonl'))).toHaveLength(2);
      const listed = (await call(k.url, admin, 'GET', '/v1/admin/backups')).backups as { description?: string }[];
      expect(listed.filter((b) => b.description === 'scheduled by backup-runner')).toHaveLength(2);
      expect(listed.filter((b) => b.description === 'by hand')).toHaveLength(1);
      const ide = readFileSync(join(secrets, 'ide_token.txt'), 'utf8').trim();
      const refused = runner(['once'], k, { BACKUP_DIR: copies, KNOWLEDGE_TOKEN_FILE: '', KNOWLEDGE_TOKEN: ide });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/HTTP 403/);
      expect(runner(['bogus'], k).status).toBe(2);
    } finally {
      await k.proc.stop();
    }
  });

  it('schedule: backs up at once when no copy is recent, serves /healthz and /metrics, stops on SIGTERM', async () => {
    const data = join(dir, 'schedule');
    const copies = join(dir, 'schedule-copies');
    const k = await startKnowledge(data, serviceEnv());
    const port = await freePort();
    const proc = start('backup', process.execPath, [BACKUP_RUNNER, 'schedule'], {
      KNOWLEDGE_URL: k.url,
      KNOWLEDGE_TOKEN_FILE: join(secrets, 'backup_token.txt'),
      BACKUP_DIR: copies,
      BACKUP_INTERVAL: '1h',
      BACKUP_METRICS_PORT: String(port),
    });
    try {
      await call(k.url, admin, 'POST', '/v1/bases', { name: 'small' });
      await waitReady(proc, `http://127.0.0.1:${port}/healthz`);
      let metrics = '';
      for (let i = 0; i < 100 && !/ai_opencog_backup_runs_total\{status="succeeded"\} 1/.test(metrics); i++) {
        await new Promise((r) => setTimeout(r, 200));
        metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      }
      expect(metrics).toMatch(/ai_opencog_backup_runs_total\{status="succeeded"\} 1/);
      const last = Number(/^ai_opencog_backup_last_success_timestamp_seconds (\S+)$/m.exec(metrics)![1]);
      expect(Math.abs(last - Date.now() / 1000)).toBeLessThan(60);
      expect(metrics).toMatch(/^ai_opencog_backup_copies 1$/m);
      expect(proc.lines.some((l) => /"next backup scheduled"/.test(l))).toBe(true);
      for (const l of proc.lines) expect(() => JSON.parse(l)).not.toThrow();
      expect(await proc.stop()).toBe(0);
    } finally {
      await proc.stop();
      await k.proc.stop();
    }
  });
});
