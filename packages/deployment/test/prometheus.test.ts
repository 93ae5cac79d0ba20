/**
 * The real Prometheus (Debian's package) on 127.0.0.1 with the project's scrape configuration and
 * alert rules, pointed at the real programs running here as child processes: the knowledge and
 * cognitive services (compiled lib/main.js, PGlite in a temporary folder), the backup runner,
 * the IDE's bundled backend (probed through the real blackbox exporter) and the real
 * Alertmanager. Checked through Prometheus's HTTP API: every target is up, each service's own
 * metrics were scraped, every dashboard and rule expression evaluates, and every metric they
 * name exists. The services' real log lines go through the Fluent Bit replay as well.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadFluentBit, replay, dockerLine } from './support/fluent-bit';
import {
  BACKUP_RUNNER, call, COGNITIVE_MAIN, freePort, requireBuilt, SECRETS_PRELOAD, start, startKnowledge, THEIA_MAIN, waitJob, waitReady, type Knowledge, type Proc,
} from './support/processes';
import { readText, readYaml, repoPath, run, tool } from './support/repo';

type Obj = Record<string, any>;

const prometheusBin = tool('prometheus', 'prometheus');
const alertmanagerBin = tool('prometheus-alertmanager', 'prometheus-alertmanager');
const blackboxBin = tool('prometheus-blackbox-exporter', 'prometheus-blackbox-exporter');

let dir: string;
let admin: string;
let knowledge: Knowledge;
const procs: Proc[] = [];
const ports: Record<string, number> = {};
let promUrl: string;

async function query(expr: string): Promise<Obj> {
  const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  return (await res.json()) as Obj;
}

/** The project's prometheus.yml with every address pointed at the local processes. */
function localConfig(): Obj {
  const config = readYaml<Obj>('docker/prometheus/prometheus.yml');
  const local = (hostPort: string) => {
    const host = hostPort.replace(/^https?:\/\//, '').split(/[:/]/)[0]!;
    if (host === 'localhost') return `127.0.0.1:${ports.prometheus}`;
    if (host === '127.0.0.1') return hostPort;
    if (!(host in ports)) return undefined;
    return hostPort.replace(/^(https?:\/\/)?[^:/]+:\d+/, `$1127.0.0.1:${ports[host]}`);
  };
  config.global.scrape_interval = '2s';
  config.global.evaluation_interval = '2s';
  config.global.scrape_timeout = '2s';
  config.rule_files = [repoPath('docker/prometheus/rules/*.yml')];
  config.alerting.alertmanagers[0].static_configs[0].targets = [local(config.alerting.alertmanagers[0].static_configs[0].targets[0])];
  config.scrape_configs = config.scrape_configs.flatMap((job: Obj) => {
    if (job.dns_sd_configs) {
      const targets = job.dns_sd_configs.flatMap((d: Obj) => d.names.map((n: string) => local(`${n}:${d.port}`))).filter(Boolean);
      if (targets.length === 0) return [];
      delete job.dns_sd_configs;
      job.static_configs = [{ targets }];
    }
    for (const sc of job.static_configs ?? []) sc.targets = sc.targets.map(local).filter(Boolean);
    for (const r of job.relabel_configs ?? []) if (r.target_label === '__address__') r.replacement = local(r.replacement);
    if ((job.relabel_configs ?? []).some((r: Obj) => r.target_label === '__address__' && !r.replacement)) return [];
    return (job.static_configs ?? []).every((sc: Obj) => sc.targets.length > 0) ? [job] : [];
  });
  return config;
}

beforeAll(async () => {
  requireBuilt(COGNITIVE_MAIN, THEIA_MAIN);
  dir = mkdtempSync(join(tmpdir(), 'ai-opencog-prom-'));
  const secrets = join(dir, 'secrets');
  expect(run('bash', [repoPath('docker/generate-secrets.sh'), secrets]).status).toBe(0);
  admin = readFileSync(join(secrets, 'admin_token.txt'), 'utf8').trim();
  const tokens = { API_TOKENS_FILE: join(secrets, 'api_tokens.txt'), AUTH_MODE: 'tokens' };

  knowledge = await startKnowledge(join(dir, 'knowledge'), tokens);
  procs.push(knowledge.proc);
  ports.knowledge = knowledge.port;

  ports.cognitive = await freePort();
  const cognitive = start('cognitive', process.execPath, ['--require', SECRETS_PRELOAD, COGNITIVE_MAIN], {
    ...tokens, HOST: '127.0.0.1', PORT: String(ports.cognitive), KNOWLEDGE_URL: knowledge.url, KNOWLEDGE_TOKEN_FILE: join(secrets, 'cognitive_token.txt'), REDIS_URL: '',
  });
  procs.push(cognitive);

  ports.backup = await freePort();
  const backup = start('backup', process.execPath, [BACKUP_RUNNER, 'schedule'], {
    KNOWLEDGE_URL: knowledge.url, KNOWLEDGE_TOKEN_FILE: join(secrets, 'backup_token.txt'), BACKUP_DIR: join(dir, 'copies'), BACKUP_METRICS_PORT: String(ports.backup),
  });
  procs.push(backup);

  ports.theia = await freePort();
  mkdirSync(join(dir, 'workspace'));
  mkdirSync(join(dir, 'home'));
  const theia = start('theia', process.execPath, ['--require', SECRETS_PRELOAD, THEIA_MAIN, join(dir, 'workspace'), '--hostname', '127.0.0.1', '--port', String(ports.theia)], {
    HOME: join(dir, 'home'), AI_OPENCOG_COGNITIVE_URL: `http://127.0.0.1:${ports.cognitive}`, AI_OPENCOG_KNOWLEDGE_URL: knowledge.url, AI_OPENCOG_TOKEN_FILE: join(secrets, 'ide_token.txt'),
  });
  procs.push(theia);

  ports['blackbox-exporter'] = await freePort();
  const bb = start('blackbox', blackboxBin, [`--web.listen-address=127.0.0.1:${ports['blackbox-exporter']}`, `--config.file=${repoPath('docker/blackbox/blackbox.yml')}`]);
  procs.push(bb);

  ports.alertmanager = await freePort();
  const am = readYaml<Obj>('docker/alertmanager/alertmanager.yml');
  writeFileSync(join(dir, 'slack-webhook'), 'http://127.0.0.1:9/not-used\n');
  am.global.slack_api_url_file = join(dir, 'slack-webhook');
  writeFileSync(join(dir, 'alertmanager.yml'), stringify(am));
  const alertmanager = start('alertmanager', alertmanagerBin, [
    `--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'am-data')}`, `--web.listen-address=127.0.0.1:${ports.alertmanager}`, '--cluster.listen-address=',
  ]);
  procs.push(alertmanager);

  await Promise.all([
    waitReady(cognitive, `http://127.0.0.1:${ports.cognitive}/readyz`),
    waitReady(backup, `http://127.0.0.1:${ports.backup}/healthz`),
    waitReady(theia, `http://127.0.0.1:${ports.theia}/`),
    waitReady(bb, `http://127.0.0.1:${ports['blackbox-exporter']}/-/healthy`),
    waitReady(alertmanager, `http://127.0.0.1:${ports.alertmanager}/-/ready`),
  ]);

  // Traffic, so that the services' own series exist: bases, imports, searches (cache), a 404;
  // spaces, queries and a chaining job.
  const k = knowledge.url;
  const c = `http://127.0.0.1:${ports.cognitive}`;
  await call(k, admin, 'POST', '/v1/bases', { name: 'zoo' });
  await call(k, admin, 'POST', '/v1/bases/zoo/atoms', { atomese: '(Inheritance (stv 0.9 0.8) (Concept "cat") (Concept "mammal")) (Inheritance (stv 0.9 0.9) (Concept "mammal") (Concept "animal"))' });
  const job = await call(k, admin, 'POST', '/v1/bases/zoo/import', { atomese: '(Concept "dog")' });
  await waitJob(k, admin, job.jobId);
  for (let i = 0; i < 3; i++) await call(k, admin, 'GET', '/v1/bases/zoo/atoms?type=ConceptNode');
  await call(k, admin, 'GET', '/v1/bases/nowhere', undefined, [404]);
  await call(c, admin, 'POST', '/v1/spaces', { name: 'zoo', load: { base: 'zoo' } });
  await call(c, admin, 'POST', '/v1/spaces', { name: 'scratch' });
  await call(c, admin, 'POST', '/v1/spaces/scratch/atoms', { atomese: '(Inheritance (stv 0.9 0.8) (Concept "cat") (Concept "mammal")) (Inheritance (stv 0.9 0.9) (Concept "mammal") (Concept "animal"))' });
  await call(c, admin, 'POST', '/v1/spaces/scratch/query', { query: '(Get (Inheritance (Variable "$x") (Concept "mammal")))' });
  const chain = await call(c, admin, 'POST', '/v1/spaces/scratch/backward-chain', { rules: ['inheritance-deduction-rule'], target: '(Inheritance (Concept "cat") (Concept "animal"))' });
  await waitJob(c, admin, chain.jobId);

  ports.prometheus = await freePort();
  promUrl = `http://127.0.0.1:${ports.prometheus}`;
  writeFileSync(join(dir, 'prometheus.yml'), stringify(localConfig()));
  const prometheus = start('prometheus', prometheusBin, [
    `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${ports.prometheus}`,
  ]);
  procs.push(prometheus);
  await waitReady(prometheus, `${promUrl}/-/ready`);

  // Every target up (the first scrapes land a few seconds after the start).
  const deadline = Date.now() + 90_000;
  for (;;) {
    const targets = (await (await fetch(`${promUrl}/api/v1/targets`)).json()) as Obj;
    const active: Obj[] = targets.data.activeTargets;
    if (active.length > 0 && active.every((t) => t.health === 'up')) break;
    if (Date.now() > deadline) throw new Error(`targets not all up: ${JSON.stringify(active.map((t) => [t.labels.job, t.health, t.lastError]))}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}, 240_000);

afterAll(async () => {
  for (const p of procs.reverse()) await p.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('the real Prometheus scraping the real services', () => {
  it('scrapes every job of the project\'s config that runs here, all up', async () => {
    const jobs = ((await query('up')).data.result as Obj[]).map((r) => `${r.metric.job}=${r.value[1]}`).sort();
    expect(jobs).toEqual(['alertmanager=1', 'backup=1', 'cognitive=1', 'knowledge=1', 'prometheus=1', 'theia=1']);
  });

  it.each([
    ['knowledge', 'http_requests_total{job="knowledge", route="/v1/bases/:base/atoms"}'],
    ['knowledge', 'knowledge_base_atoms{job="knowledge", base="zoo"}'],
    ['knowledge', 'storage_operation_duration_seconds_count{job="knowledge"}'],
    ['knowledge', 'jobs_finished_total{job="knowledge", kind="import", status="succeeded"}'],
    ['knowledge', 'http_request_errors_total{job="knowledge", code="BASE_NOT_FOUND"}'],
    ['cognitive', 'atomspace_atoms{job="cognitive", space="scratch"}'],
    ['cognitive', 'query_duration_seconds_count{job="cognitive", kind="get"}'],
    ['cognitive', 'inference_duration_seconds_count{job="cognitive"}'],
    ['cognitive', 'nodejs_eventloop_lag_p99_seconds{job="cognitive"}'],
    ['backup', 'ai_opencog_backup_last_success_timestamp_seconds{job="backup"} > 0'],
    ['theia', 'probe_success{job="theia"} == 1'],
    ['alertmanager', 'alertmanager_config_last_reload_successful{job="alertmanager"} == 1'],
  ])('%s: %s', async (_job, expr) => {
    const r = await query(expr);
    expect(r.status).toBe('success');
    expect(r.data.result.length).toBeGreaterThan(0);
    if (/atomspace_atoms|knowledge_base_atoms/.test(expr)) expect(Number(r.data.result[0].value[1])).toBeGreaterThan(0);
  });

  it('the service label the relabelling adds is on every series of the services', async () => {
    for (const job of ['cognitive', 'knowledge', 'backup', 'theia']) {
      const r = await query(`count by (service) (up{job="${job}"})`);
      expect(r.data.result.map((x: Obj) => x.metric.service)).toEqual([job]);
    }
  });

  it('loads the alert rules and sends to the Alertmanager', async () => {
    const rules = (await (await fetch(`${promUrl}/api/v1/rules`)).json()) as Obj;
    const file = readYaml<Obj>('docker/prometheus/rules/ai-opencog.yml');
    expect(rules.data.groups.map((g: Obj) => g.name).sort()).toEqual(file.groups.map((g: Obj) => g.name).sort());
    for (const g of rules.data.groups) for (const r of g.rules) expect({ rule: r.name, health: r.health, error: r.lastError }).toEqual({ rule: r.name, health: 'ok', error: undefined });
    const ams = (await (await fetch(`${promUrl}/api/v1/alertmanagers`)).json()) as Obj;
    expect(ams.data.activeAlertmanagers.map((a: Obj) => a.url)).toEqual([`http://127.0.0.1:${ports.alertmanager}/api/v2/alerts`]);
    // Nothing is wrong here, so no alert fires (no ServiceDown, no BackupTooOld ...).
    const firing = (await query('ALERTS{alertstate="firing"}')).data.result.map((r: Obj) => r.metric.alertname);
    expect(firing.filter((a: string) => !['ServiceAbsent'].includes(a))).toEqual([]);
  });

  it('every dashboard expression evaluates, and every metric the dashboards and rules name exists', async () => {
    const names = new Set<string>(((await (await fetch(`${promUrl}/api/v1/label/__name__/values`)).json()) as Obj).data);
    for (const r of readYaml<Obj>('docker/prometheus/rules/ai-opencog.yml').groups.flatMap((g: Obj) => g.rules)) if (r.record) names.add(r.record);
    // Exporters that do not run here (node-exporter, cAdvisor, kube-state-metrics) and Prometheus' own ALERTS.
    const elsewhere = /^(node_|container_|kube_|ALERTS$)/;
    const exprs: string[] = [];
    for (const f of readdirSync(repoPath('docker/grafana/dashboards'))) {
      for (const p of JSON.parse(readText('docker/grafana/dashboards', f)).panels) for (const t of p.targets) exprs.push(t.expr);
    }
    for (const r of readYaml<Obj>('docker/prometheus/rules/ai-opencog.yml').groups.flatMap((g: Obj) => g.rules)) exprs.push(String(r.expr));
    const missing = new Set<string>();
    for (const expr of exprs) {
      const concrete = expr.replace(/\$__rate_interval/g, '1m').replace(/\$__range/g, '1h').replace(/\$instance/g, '.*');
      const r = await query(concrete);
      expect({ expr, status: r.status, error: r.error }).toEqual({ expr, status: 'success', error: undefined });
      const metricNames = concrete
        .replace(/"[^"]*"/g, '""')
        .replace(/\{[^}]*\}/g, '')
        .match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)!
        .filter((w) => /_/.test(w) && !/^(by|without|on|ignoring|group_left|group_right|histogram_quantile|label_values|rate|increase|sum|max|min|avg|count|abs|time|absent|humanize\w*)$/.test(w));
      for (const m of metricNames) {
        const base = m.replace(/_(bucket|count|sum)$/, '');
        if (!elsewhere.test(m) && !names.has(m) && !names.has(`${base}_bucket`)) missing.add(m);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('the services\' real log lines go through the Fluent Bit pipeline: parsed, requests as fields, writes as audit events', () => {
    const fb = loadFluentBit();
    const lines = knowledge.proc.lines.filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(5);
    let audit = 0;
    for (const l of lines) {
      const out = replay(fb, dockerLine(l, { 'ai-opencog.service': 'knowledge' }));
      expect(out.length).toBeGreaterThan(0);
      expect(out[0]!.record).toMatchObject({ service: 'knowledge', level: expect.any(String), time: expect.any(String) });
      expect(out[0]!.record.log).toBeUndefined();
      if (out.some((o) => o.index === 'ai-opencog-audit')) {
        audit++;
        const record = out[0]!.record as Obj;
        expect(record.req?.method === 'GET' && !String(record.req?.url).startsWith('/v1/admin') && ![401, 403].includes(record.res?.statusCode)).toBe(false);
      }
    }
    expect(audit).toBeGreaterThanOrEqual(3);
    expect(existsSync(join(dir, 'copies'))).toBe(true);
  });
});
