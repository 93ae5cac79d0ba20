/**
 * docker/: Prometheus (promtool check config / check rules / test rules), Alertmanager (amtool
 * check-config and routing), the blackbox exporter, Grafana's provisioning and dashboards,
 * Fluent Bit (replayed on pino lines) and Elasticsearch's retention policies.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { dockerLine, loadFluentBit, replay, timeFormatRegex } from './support/fluent-bit';
import { listFiles, readText, readYaml, repoPath, run, tool } from './support/repo';

type Obj = Record<string, any>;

const promtool = tool('promtool', 'prometheus');
const amtool = tool('amtool', 'prometheus-alertmanager');
const blackbox = tool('prometheus-blackbox-exporter', 'prometheus-blackbox-exporter');

const rules = readYaml<Obj>('docker/prometheus/rules/ai-opencog.yml');
const alerts = rules.groups.flatMap((g: Obj) => g.rules.filter((r: Obj) => r.alert));
const runbook = readText('docs/restore-runbook.md');

describe('Prometheus', () => {
  it('promtool check config: the scrape config with the rule files it loads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ai-opencog-prom-'));
    try {
      const config = readYaml<Obj>('docker/prometheus/prometheus.yml');
      config.rule_files = [repoPath('docker/prometheus/rules/*.yml')];
      writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
      const r = run(promtool, ['check', 'config', join(dir, 'prometheus.yml')]);
      expect(r.stdout + r.stderr).toMatch(/SUCCESS: 1 rule files found/);
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('promtool check rules: every rule file parses, with no duplicate', () => {
    const files = listFiles('docker/prometheus/rules', (f) => f.endsWith('.yml'));
    expect(files.length).toBeGreaterThan(0);
    const r = run(promtool, ['check', 'rules', ...files]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('promtool test rules: the alert unit tests pass', () => {
    const tests = listFiles('docker/prometheus/tests', (f) => f.endsWith('.test.yml'));
    const r = run(promtool, ['test', 'rules', ...tests], { cwd: repoPath('.') });
    expect(r.stdout + r.stderr).toMatch(/SUCCESS/);
    expect(r.status).toBe(0);
  });

  it('alerts for service down, error rate, p99 latency, job failures, storage errors and backup age, each unit-tested', () => {
    const names = alerts.map((a: Obj) => a.alert);
    expect(names).toEqual(expect.arrayContaining(['ServiceDown', 'HighErrorRate', 'HighLatencyP99', 'JobsFailing', 'StorageErrors', 'BackupTooOld']));
    const tested = readText('docker/prometheus/tests/ai-opencog.test.yml');
    for (const a of ['ServiceDown', 'ServiceAbsent', 'IdeDown', 'HighErrorRate', 'HighLatencyP99', 'JobsFailing', 'StorageErrors', 'BackupTooOld', 'NoBackupYet', 'BackupFailed']) {
      expect({ a, tested: tested.includes(`alertname: ${a}\n`) }).toEqual({ a, tested: true });
    }
  });

  it('every alert has a severity, a summary, a description and a runbook section that exists', () => {
    const anchors = new Set(
      [...runbook.matchAll(/^#+ (.+)$/gm)].map((m) => m[1]!.toLowerCase().replace(/[^a-z0-9 -]/g, '').trim().replace(/ /g, '-')),
    );
    for (const a of alerts) {
      expect({ a: a.alert, severity: ['page', 'ticket'].includes(a.labels?.severity) }).toEqual({ a: a.alert, severity: true });
      expect(a.annotations.summary).toBeTruthy();
      expect(a.annotations.description).toBeTruthy();
      const [file, anchor] = String(a.annotations.runbook_url).split('#');
      expect(file).toBe('docs/restore-runbook.md');
      expect({ a: a.alert, anchor, exists: anchors.has(anchor!) }).toEqual({ a: a.alert, anchor, exists: true });
    }
  });
});

describe('Alertmanager', () => {
  const config = 'docker/alertmanager/alertmanager.yml';

  it('amtool check-config', () => {
    const r = run(amtool, ['check-config', config]);
    expect(r.stdout).toMatch(/SUCCESS/);
    expect(r.status).toBe(0);
  });

  it.each([
    ['severity=page alertname=ServiceDown', 'on-call'],
    ['severity=ticket alertname=HighLatencyP99', 'team-tickets'],
    ['alertname=SomethingElse', 'team-tickets'],
  ])('routes %s to %s', (labels, receiver) => {
    const r = run(amtool, ['config', 'routes', 'test', `--config.file=${config}`, ...labels.split(' ')]);
    expect(r.stdout.trim()).toBe(receiver);
  });

  it('every severity the rules use has a route; the webhook is a secret file', () => {
    const am = readYaml<Obj>(config);
    const routed = am.route.routes.flatMap((r: Obj) => r.matchers.map((m: string) => m.replace(/\s/g, '')));
    for (const s of new Set(alerts.map((a: Obj) => a.labels.severity))) expect(routed).toContain(`severity="${s}"`);
    expect(am.global.slack_api_url_file).toBe('/run/secrets/alertmanager_slack_webhook');
    expect(readText(config)).not.toMatch(/hooks\.slack\.com|api_url:/);
  });
});

describe('blackbox exporter', () => {
  it('its configuration checks, and has the module the theia job asks for', () => {
    const r = run(blackbox, ['--config.check', '--config.file=docker/blackbox/blackbox.yml']);
    expect(r.stderr).toMatch(/Config file is ok/);
    expect(r.status).toBe(0);
    const job = readYaml<Obj>('docker/prometheus/prometheus.yml').scrape_configs.find((j: Obj) => j.job_name === 'theia');
    expect(Object.keys(readYaml<Obj>('docker/blackbox/blackbox.yml').modules)).toContain(job.params.module[0]);
  });
});

describe('Grafana provisioning', () => {
  const datasources = readYaml<Obj>('docker/grafana/provisioning/datasources/prometheus.yml');
  const providers = readYaml<Obj>('docker/grafana/provisioning/dashboards/ai-opencog.yml');
  const compose = readYaml<Obj>('compose.yaml');
  const dashboards = readdirSync(repoPath('docker/grafana/dashboards'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: f, d: JSON.parse(readText('docker/grafana/dashboards', f)) as Obj }));

  it('the datasources point at the compose services, and the dashboards folder is the one compose mounts', () => {
    expect(datasources.apiVersion).toBe(1);
    const prom = datasources.datasources.find((d: Obj) => d.type === 'prometheus');
    expect(prom).toMatchObject({ uid: 'prometheus', url: 'http://prometheus:9090', isDefault: true });
    expect(datasources.datasources.find((d: Obj) => d.type === 'alertmanager').url).toBe('http://alertmanager:9093');
    const mounts: string[] = compose.services.grafana.volumes;
    expect(mounts).toContain(`./docker/grafana/dashboards:${providers.providers[0].options.path}:ro`);
    expect(mounts).toContain('./docker/grafana/provisioning:/etc/grafana/provisioning:ro');
  });

  it('one dashboard per service and an overview, with unique uids', () => {
    expect(dashboards.map((x) => x.d.uid).sort()).toEqual(['ai-opencog-backup', 'ai-opencog-cognitive', 'ai-opencog-knowledge', 'ai-opencog-overview', 'ai-opencog-theia']);
    expect(compose.services.grafana.environment.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH).toBe('/var/lib/grafana/dashboards/overview.json');
  });

  it('every panel queries a provisioned datasource, with unique ids and no overlap', () => {
    const uids = new Set(datasources.datasources.map((d: Obj) => d.uid));
    for (const { file, d } of dashboards) {
      expect(d.schemaVersion).toBeGreaterThanOrEqual(36);
      const ids = d.panels.map((p: Obj) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      const cells = new Set<string>();
      for (const p of d.panels) {
        expect({ file, panel: p.title, ds: uids.has(p.datasource.uid) }).toEqual({ file, panel: p.title, ds: true });
        expect(p.targets.length).toBeGreaterThan(0);
        for (const t of p.targets) expect(t.expr.trim()).not.toBe('');
        for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
          for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
            const cell = `${x},${y}`;
            expect({ file, panel: p.title, cell, free: !cells.has(cell) }).toEqual({ file, panel: p.title, cell, free: true });
            cells.add(cell);
          }
        }
        expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      }
    }
  });

  it('the overview shows request rate, errors, latency, atoms, inferences, jobs, cache, storage and backups', () => {
    const exprs = dashboards.find((x) => x.file === 'overview.json')!.d.panels.flatMap((p: Obj) => p.targets.map((t: Obj) => t.expr)).join('\n');
    for (const needle of ['http_requests_total', 'status=~"5..', 'http_request_duration_seconds_bucket', 'atomspace_atoms', 'knowledge_base_atoms', 'inference_duration_seconds', 'jobs_running', 'jobs_finished_total', 'cache_hit_ratio', 'storage_operation_duration_seconds', 'backup_age_seconds']) {
      expect({ needle, shown: exprs.includes(needle) }).toEqual({ needle, shown: true });
    }
  });
});

describe('Fluent Bit', () => {
  const fb = loadFluentBit();
  const labels = { 'ai-opencog.service': 'knowledge' };
  const pino = (fields: Obj) => JSON.stringify({ level: 'info', time: '2026-01-02T03:04:05.678Z', service: 'knowledge', version: '0.1.0', ...fields });

  it('every parser an input or filter names is defined; time formats match pino\'s and Docker\'s times', () => {
    const defined = new Set(fb.parsers.map((p) => p.name));
    for (const x of [...fb.pipeline.inputs, ...fb.pipeline.filters]) if (x.parser) expect(defined.has(x.parser)).toBe(true);
    const pinoParser = fb.parsers.find((p) => p.name === 'pino')!;
    expect(timeFormatRegex(pinoParser.time_format!).test(new Date().toISOString())).toBe(true);
    expect(timeFormatRegex(fb.parsers.find((p) => p.name === 'docker_json')!.time_format!).test('2026-01-02T03:04:05.123456789Z')).toBe(true);
  });

  it('a request line is parsed into fields and shipped to the logs index', () => {
    const out = replay(fb, dockerLine(pino({ requestId: 'r-1', req: { method: 'GET', url: '/v1/bases' }, res: { statusCode: 200 }, responseTime: 3, msg: 'GET /v1/bases 200 3ms' }), labels));
    expect(out.map((o) => o.index)).toEqual(['ai-opencog-logs']);
    expect(out[0]!.record).toMatchObject({ service: 'knowledge', requestId: 'r-1', level: 'info', 'container.ai-opencog.service': 'knowledge' });
    expect(out[0]!.record.log).toBeUndefined();
  });

  it.each([
    ['a write', { req: { method: 'POST', url: '/v1/bases/zoo/atoms' }, res: { statusCode: 200 } }],
    ['an admin route', { req: { method: 'GET', url: '/v1/admin/backups' }, res: { statusCode: 200 } }],
    ['a refused token', { req: { method: 'GET', url: '/v1/bases' }, res: { statusCode: 401 } }],
  ])('%s is an audit event too', (_what, fields) => {
    const out = replay(fb, dockerLine(pino({ requestId: 'r-2', ...fields, msg: 'x' }), labels));
    expect(out.map((o) => o.index).sort()).toEqual(['ai-opencog-audit', 'ai-opencog-logs']);
  });

  it('the backup service\'s lines are audit events; lines of other containers are dropped; plain text is kept', () => {
    const backup = replay(fb, dockerLine(JSON.stringify({ level: 'info', time: '2026-01-02T03:04:05.678Z', service: 'backup', msg: 'backup written' }), { 'ai-opencog.service': 'backup' }));
    expect(backup.map((o) => o.index).sort()).toEqual(['ai-opencog-audit', 'ai-opencog-logs']);
    expect(replay(fb, dockerLine(pino({ msg: 'x' }), {}))).toEqual([]);
    const text = replay(fb, dockerLine('2026-01-02 03:04:05.678 UTC [1] LOG:  database system is ready', { 'ai-opencog.service': 'postgres' }));
    expect(text).toHaveLength(1);
    expect(text[0]!.record).toMatchObject({ service: 'postgres' });
    expect(String(text[0]!.record.log)).toMatch(/database system is ready/);
  });

  it('ships with the password from the environment (set from the secret by start.sh)', () => {
    for (const o of fb.pipeline.outputs) {
      expect(o).toMatchObject({ name: 'es', host: 'elasticsearch', http_user: 'fluent-bit', http_passwd: '${ES_PASSWORD}', logstash_format: 'on' });
    }
    expect(readText('docker/fluent-bit/start.sh')).toMatch(/ES_PASSWORD="\$\(cat /);
  });
});

describe('Elasticsearch retention', () => {
  const setup = readText('docker/elasticsearch/setup.sh');
  const fb = loadFluentBit();

  it.each([
    ['logs', 'ai-opencog-logs', '14d'],
    ['audit', 'ai-opencog-audit', '365d'],
  ])('the %s indices are deleted after their retention by an ILM policy their template attaches', (kind, prefix, days) => {
    const policy = JSON.parse(readText(`docker/elasticsearch/ilm-${kind}.json`));
    expect(policy.policy.phases.delete).toEqual({ min_age: days, actions: { delete: {} } });
    const template = JSON.parse(readText(`docker/elasticsearch/template-${kind}.json`));
    expect(template.index_patterns).toEqual([`${prefix}-*`]);
    expect(template.template.settings['index.lifecycle.name']).toBe(prefix);
    expect(setup).toContain(`PUT /_ilm/policy/${prefix} --data-binary "@$DIR/ilm-${kind}.json"`);
    expect(setup).toContain(`PUT /_index_template/${prefix} --data-binary "@$DIR/template-${kind}.json"`);
    expect(fb.pipeline.outputs.map((o) => o.logstash_prefix)).toContain(prefix);
  });
});
