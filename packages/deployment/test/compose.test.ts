/**
 * compose.yaml and compose.dev.yaml: the current compose-spec JSON schema (shipped in the npm
 * package dclint) for both files and their merge, then what a schema cannot see: references,
 * networks, healthchecks, published ports, secrets, volumes, limits.
 */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mergeCompose } from './support/compose-merge';
import { isFile, readText, readYaml, repoPath } from './support/repo';

type Obj = Record<string, any>;

function composeValidator() {
  const schema = JSON.parse(readFileSync(join(dirname(require.resolve('dclint/package.json')), 'schemas/compose.schema.json'), 'utf8'));
  delete schema.$schema; // draft-07, which Ajv 8 knows without the meta-schema reference
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(schema);
}

const validate = composeValidator();
const base = readYaml<Obj>('compose.yaml');
const dev = readYaml<Obj>('compose.dev.yaml');
const merged: Obj = mergeCompose(base, dev);

/** One-shot services: others wait for them to complete; they need no healthcheck. */
function oneShots(c: Obj): Set<string> {
  return new Set(Object.entries(c.services).filter(([, s]: [string, any]) => s.restart === 'no').map(([n]) => n));
}

function networksOf(s: Obj): string[] {
  return Array.isArray(s.networks) ? s.networks : Object.keys(s.networks ?? {});
}

interface PublishedPort {
  service: string;
  hostIp: string;
  published: string;
  target: string;
}

function publishedPorts(c: Obj): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const [service, s] of Object.entries<any>(c.services)) {
    for (const p of s.ports ?? []) {
      if (typeof p === 'string') {
        const parts = p.replace(/\$\{[^}]+:-([^}]+)\}/g, '$1').split(':');
        const [hostIp, published, target] = parts.length === 3 ? parts : ['0.0.0.0', ...parts];
        out.push({ service, hostIp: hostIp!, published: published!, target: target! });
      } else {
        out.push({ service, hostIp: p.host_ip ?? '0.0.0.0', published: String(p.published), target: String(p.target) });
      }
    }
  }
  return out;
}

describe('compose files against the compose-spec JSON schema', () => {
  it.each([
    ['compose.yaml', base],
    ['compose.dev.yaml', dev],
    ['compose.yaml + compose.dev.yaml (merged)', merged],
  ])('%s is valid', (_name, doc) => {
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema refuses what compose refuses (a misspelt key, a bad condition)', () => {
    const bad = JSON.parse(JSON.stringify(base));
    bad.services.knowledge.healthchek = bad.services.knowledge.healthcheck;
    expect(validate(bad)).toBe(false);
    const bad2 = JSON.parse(JSON.stringify(base));
    bad2.services.theia.depends_on.cognitive.condition = 'service_ready';
    expect(validate(bad2)).toBe(false);
  });

  it('the merge keeps the base and applies the overrides', () => {
    expect(merged.services.knowledge.healthcheck.test).toEqual(base.services.knowledge.healthcheck.test);
    expect(merged.services.knowledge.healthcheck.start_period).toBe('120s');
    expect(merged.services.knowledge.environment.LOG_LEVEL).toBe('${LOG_LEVEL:-debug}');
    expect(merged.services.knowledge.environment.DATABASE_PASSWORD_FILE).toBe('/run/secrets/postgres_password');
    expect(merged.services.cognitive.command[0]).toMatch(/tsc -b services\/cognitive/);
    expect(merged.services.cognitive.secrets).toEqual(base.services.cognitive.secrets);
  });
});

describe.each([
  ['compose.yaml', base],
  ['merged with compose.dev.yaml', merged],
])('cross-references of %s', (_name, c: Obj) => {
  const services = c.services as Record<string, Obj>;
  const once = oneShots(c);

  it('every depends_on target is a service, waited for until healthy (or completed, for one-shot jobs)', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const [target, dep] of Object.entries<any>(s.depends_on ?? {})) {
        expect({ service: name, target, declared: target in services }).toEqual({ service: name, target, declared: true });
        const expected = once.has(target) ? 'service_completed_successfully' : 'service_healthy';
        expect({ service: name, target, condition: dep.condition }).toEqual({ service: name, target, condition: expected });
        if (!once.has(target)) expect({ target, healthcheck: Boolean(services[target]!.healthcheck?.test) }).toEqual({ target, healthcheck: true });
      }
    }
  });

  it('every network, named volume and secret a service uses is declared', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const n of networksOf(s)) expect({ service: name, network: n, declared: n in (c.networks ?? {}) }).toEqual({ service: name, network: n, declared: true });
      for (const v of s.volumes ?? []) {
        const source = typeof v === 'string' ? v.split(':')[0] : v.source;
        if (!source || source.startsWith('.') || source.startsWith('/')) continue;
        expect({ service: name, volume: source, declared: source in (c.volumes ?? {}) }).toEqual({ service: name, volume: source, declared: true });
      }
      for (const sec of s.secrets ?? []) {
        const source = typeof sec === 'string' ? sec : sec.source;
        expect({ service: name, secret: source, declared: source in (c.secrets ?? {}) }).toEqual({ service: name, secret: source, declared: true });
      }
    }
  });

  it('every file a service mounts from the repository exists', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const v of s.volumes ?? []) {
        const source = typeof v === 'string' ? v.split(':')[0] : v.source;
        if (source?.startsWith('./') && source !== './secrets') {
          expect({ service: name, source, exists: require('node:fs').existsSync(repoPath(source)) }).toEqual({ service: name, source, exists: true });
        }
      }
      if (s.build) expect({ service: name, dockerfile: isFile(s.build.dockerfile) }).toEqual({ service: name, dockerfile: true });
    }
  });

  it('every long-running service has a healthcheck and resource limits', () => {
    for (const [name, s] of Object.entries(services)) {
      if (!once.has(name)) {
        expect({ service: name, healthcheck: Array.isArray(s.healthcheck?.test) && s.healthcheck.disable !== true }).toEqual({ service: name, healthcheck: true });
      }
      const limits = s.deploy?.resources?.limits ?? {};
      expect({ service: name, cpus: Boolean(limits.cpus), memory: Boolean(limits.memory) }).toEqual({ service: name, cpus: true, memory: true });
    }
  });

  it('the services that must be monitored are on the monitoring network, and every scrape target is such a service', () => {
    const monitored = ['cognitive', 'knowledge', 'backup', 'prometheus', 'alertmanager', 'grafana', 'node-exporter', 'cadvisor', 'blackbox-exporter'];
    for (const m of monitored) expect({ service: m, monitoring: networksOf(services[m]!).includes('monitoring') }).toEqual({ service: m, monitoring: true });
    const prom = readYaml<Obj>('docker/prometheus/prometheus.yml');
    const hosts = new Set<string>();
    for (const job of prom.scrape_configs) {
      for (const sc of job.static_configs ?? []) for (const t of sc.targets) hosts.add(String(t).replace(/^https?:\/\//, '').split(/[:/]/)[0]!);
      for (const d of job.dns_sd_configs ?? []) for (const n of d.names) hosts.add(n);
      for (const r of job.relabel_configs ?? []) if (r.target_label === '__address__') hosts.add(String(r.replacement).split(':')[0]!);
    }
    hosts.delete('localhost');
    for (const h of hosts) {
      expect({ host: h, service: h in services }).toEqual({ host: h, service: true });
      // theia is probed through the blackbox exporter, which shares the frontend network with it.
      if (h !== 'theia') expect({ host: h, monitoring: networksOf(services[h]!).includes('monitoring') }).toEqual({ host: h, monitoring: true });
    }
    expect(networksOf(services['blackbox-exporter']!)).toContain('frontend');
  });

  it('networks: the IDE on frontend (and backend, to call the services); stores on backend only; backend is internal', () => {
    expect(networksOf(services.theia!)).toEqual(expect.arrayContaining(['frontend', 'backend']));
    for (const store of ['postgres', 'redis', 'neo4j']) expect({ store, networks: networksOf(services[store]!) }).toEqual({ store, networks: ['backend'] });
    for (const svc of ['cognitive', 'knowledge']) expect(networksOf(services[svc]!)).not.toContain('frontend');
    expect(c.networks.backend.internal).toBe(true);
    expect(c.networks.frontend.internal).toBeFalsy();
  });

  it('every store keeps its data in a named volume', () => {
    const stores: Record<string, string> = {
      postgres: '/var/lib/postgresql/data',
      neo4j: '/data',
      redis: '/data',
      knowledge: '/data',
      backup: '/backups',
      prometheus: '/prometheus',
      alertmanager: '/alertmanager',
      grafana: '/var/lib/grafana',
      elasticsearch: '/usr/share/elasticsearch/data',
    };
    for (const [svc, target] of Object.entries(stores)) {
      const mount = (services[svc]!.volumes ?? []).find((v: string) => typeof v === 'string' && v.split(':')[1] === target);
      expect({ svc, target, named: Boolean(mount) && mount.split(':')[0] in c.volumes }).toEqual({ svc, target, named: true });
    }
  });

  it('no password or token is written in the file: every one comes from a secret', () => {
    for (const [name, s] of Object.entries(services)) {
      const env = Array.isArray(s.environment) ? Object.fromEntries(s.environment.map((e: string) => e.split('='))) : (s.environment ?? {});
      for (const [k, v] of Object.entries<any>(env)) {
        if (/PASSWORD|PASSWD|TOKEN|SECRET|API_KEY/i.test(k) && !/_FILE$|__FILE$/.test(k)) {
          throw new Error(`${name}: ${k}=${String(v).slice(0, 3)}... is a credential written in the compose file`);
        }
        if (typeof v === 'string' && /:\/\/[^/\s:@]+:[^@\s$]+@/.test(v)) throw new Error(`${name}: ${k} holds a URL with a password`);
      }
    }
    for (const [name, sec] of Object.entries<any>(c.secrets)) expect({ name, file: sec.file }).toEqual({ name, file: `./secrets/${name}.txt` });
    expect(readText('docker/generate-secrets.sh')).toEqual(expect.stringContaining('put postgres_password'));
    for (const name of Object.keys(c.secrets)) {
      if (name !== 'api_tokens') expect({ name, generated: readText('docker/generate-secrets.sh').includes(`put ${name} `) }).toEqual({ name, generated: true });
    }
  });

  it('cognitive can be scaled: no container name, no fixed host port in the base file', () => {
    expect(base.services.cognitive.container_name).toBeUndefined();
    expect(base.services.cognitive.ports).toBeUndefined();
    for (const p of publishedPorts(c).filter((x) => x.service === 'cognitive')) expect(p.published).toMatch(/^\d+-\d+$/);
  });
});

describe('published ports', () => {
  it('compose.yaml publishes the IDE, and the monitoring and logging UIs on 127.0.0.1 only', () => {
    const ports = publishedPorts(base).map((p) => `${p.service} ${p.hostIp}:${p.published}->${p.target}`).sort();
    expect(ports).toEqual([
      'alertmanager 127.0.0.1:9093->9093',
      'grafana 127.0.0.1:3001->3000',
      'kibana 127.0.0.1:5601->5601',
      'prometheus 127.0.0.1:9090->9090',
      'theia 0.0.0.0:3000->3000',
    ]);
  });

  it('compose.dev.yaml adds the services, debuggers and stores, on 127.0.0.1 only', () => {
    const added = publishedPorts(dev);
    expect(added.length).toBeGreaterThan(0);
    for (const p of added) expect({ service: p.service, hostIp: p.hostIp }).toEqual({ service: p.service, hostIp: '127.0.0.1' });
    const targets = added.map((p) => `${p.service}:${p.target}`).sort();
    expect(targets).toEqual([
      'cognitive:7302', 'cognitive:9229', 'knowledge:7301', 'knowledge:9229', 'neo4j:7474', 'neo4j:7687', 'postgres:5432', 'redis:6379', 'theia:9228',
    ]);
    // No two services claim the same host port.
    const hostPorts = publishedPorts(merged).flatMap((p) => {
      const [a, b] = p.published.split('-').map(Number);
      return Array.from({ length: (b ?? a!) - a! + 1 }, (_, i) => `${p.hostIp}:${a! + i}`);
    });
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });
});

describe('the stack as the issue describes it', () => {
  it('has every service, the logging profile and the backup service', () => {
    expect(Object.keys(base.services).sort()).toEqual(
      ['alertmanager', 'backup', 'blackbox-exporter', 'cadvisor', 'cognitive', 'elasticsearch', 'es-setup', 'fluent-bit', 'grafana', 'kibana', 'knowledge', 'neo4j', 'node-exporter', 'postgres', 'prometheus', 'redis', 'theia'].sort(),
    );
    for (const s of ['elasticsearch', 'es-setup', 'fluent-bit', 'kibana']) expect(base.services[s].profiles).toEqual(['logging']);
    for (const s of Object.keys(base.services).filter((n) => !['elasticsearch', 'es-setup', 'fluent-bit', 'kibana'].includes(n))) expect(base.services[s].profiles).toBeUndefined();
    expect(base.services.backup.command).toEqual(['scripts/backup/backup-runner.js', 'schedule']);
    expect(base.services.backup.image).toBe(base.services.knowledge.image);
    expect(base.services.backup.environment.BACKUP_INTERVAL).toMatch(/6h/);
  });

  it('logs every container as JSON lines with its service label, which Fluent Bit filters on', () => {
    for (const [name, s] of Object.entries<any>(base.services)) {
      expect({ name, driver: s.logging?.driver, labels: s.logging?.options?.labels }).toEqual({ name, driver: 'json-file', labels: 'ai-opencog.service' });
      expect({ name, label: s.labels?.['ai-opencog.service'] }).toEqual({ name, label: name });
    }
    expect(base.services['fluent-bit'].volumes).toEqual(expect.arrayContaining(['/var/lib/docker/containers:/var/lib/docker/containers:ro']));
  });

  it('the services and the IDE run read-only, as the image user', () => {
    for (const s of ['theia', 'cognitive', 'knowledge', 'backup']) {
      expect({ s, readOnly: base.services[s].read_only, tmpfs: base.services[s].tmpfs }).toEqual({ s, readOnly: true, tmpfs: ['/tmp'] });
      expect(base.services[s].user).toBeUndefined();
    }
  });

  it('compose.dev.yaml: hot reload, debug ports, a test runner and dev defaults', () => {
    for (const s of ['theia', 'cognitive', 'knowledge']) {
      const watch = dev.services[s].develop.watch as { action: string; path: string; target?: string }[];
      expect(watch.some((w) => w.action === 'sync+restart')).toBe(true);
      expect(watch.some((w) => w.action === 'rebuild')).toBe(true);
      for (const w of watch) expect({ s, path: w.path, exists: require('node:fs').existsSync(repoPath(w.path)) }).toEqual({ s, path: w.path, exists: true });
      for (const w of watch.filter((x) => x.action.startsWith('sync'))) expect(w.target).toBe(`/app/${w.path.replace(/^\.\//, '')}`);
      expect(dev.services[s].build.target).toBe('build');
      expect(dev.services[s].command[0]).toMatch(/--inspect=0\.0\.0\.0:92\d\d/);
    }
    expect(dev.services['test-runner'].profiles).toEqual(['test']);
    expect(dev.services['test-runner'].command[0]).toMatch(/npm test/);
    expect(dev['x-dev-environment'].LOG_LEVEL).toBe('${LOG_LEVEL:-debug}');
    // The build stage every dev service runs from exists in its Dockerfile.
    for (const s of ['theia', 'cognitive', 'knowledge']) expect(readText(dev.services[s].build.dockerfile)).toMatch(/^FROM .* AS build$/m);
  });
});
