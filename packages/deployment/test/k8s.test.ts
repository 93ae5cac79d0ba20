/**
 * k8s/: each overlay (dev, prod) rendered with a real kustomize (`kubectl kustomize`, offline),
 * every object validated against the Kubernetes schemas (types, required fields, enums) with
 * unknown fields refused; then the cross-references and the properties the issue asks for.
 */
import { readText, parseYamlDocuments, run, tool } from './support/repo';
import { schemaErrors, unknownFields, type K8sObject } from './support/k8s-validate';

const kubectl = tool('kubectl', 'kubernetes-client');

function render(path: string): K8sObject[] {
  const r = run(kubectl, ['kustomize', path]);
  if (r.status !== 0) throw new Error(`kubectl kustomize ${path} failed: ${r.stderr}`);
  return parseYamlDocuments(r.stdout, path).filter(Boolean) as K8sObject[];
}

const templates = parseYamlDocuments(readText('k8s/secrets.template.yaml'), 'k8s/secrets.template.yaml') as K8sObject[];

const OVERLAYS = [
  { name: 'prod', path: 'k8s/overlays/prod', namespace: 'ai-opencog-prod' },
  { name: 'dev', path: 'k8s/overlays/dev', namespace: 'ai-opencog-dev' },
];

function podSpec(o: K8sObject): any {
  if (o.kind === 'CronJob') return o.spec.jobTemplate.spec.template.spec;
  return o.spec?.template?.spec;
}
function podLabels(o: K8sObject): Record<string, string> {
  if (o.kind === 'CronJob') return o.spec.jobTemplate.spec.template.metadata.labels;
  return o.spec.template.metadata.labels;
}
const matches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels?.[k] === v);

describe('the secret templates', () => {
  it('are valid Secrets with no value in them', () => {
    for (const s of templates) {
      expect(schemaErrors(s)).toEqual([]);
      expect(unknownFields(s)).toEqual([]);
      expect(s.kind).toBe('Secret');
      expect(s.data).toBeUndefined();
      for (const [k, v] of Object.entries(s.stringData ?? {})) expect({ secret: s.metadata.name, k, v }).toEqual({ secret: s.metadata.name, k, v: '' });
    }
  });
});

describe('the validators', () => {
  const deployment = (): K8sObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'x' },
    spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
  });
  it('accept a good object', () => {
    expect(schemaErrors(deployment())).toEqual([]);
    expect(unknownFields(deployment())).toEqual([]);
  });
  it('refuse a bad enum, a wrong type, a missing required field and an unknown field', () => {
    const badEnum = deployment();
    badEnum.spec.template.spec.containers[0].imagePullPolicy = 'Sometimes';
    expect(schemaErrors(badEnum)).not.toEqual([]);
    const badType = deployment();
    badType.spec.replicas = 'two';
    expect(schemaErrors(badType)).not.toEqual([]);
    const missing = deployment();
    delete missing.spec.selector;
    expect(schemaErrors(missing)).not.toEqual([]);
    const unknown = deployment();
    unknown.spec.template.spec.containers[0].readinesProbe = { httpGet: { path: '/readyz', port: 80 } };
    expect(unknownFields(unknown)).toEqual(['Deployment/x.spec.template.spec.containers[0].readinesProbe: unknown field of V1Container']);
  });
});

describe.each(OVERLAYS)('k8s overlay $name', ({ path, namespace, name: overlay }) => {
  const objects = render(path);
  const all = (kind: string) => objects.filter((o) => o.kind === kind);
  const one = (kind: string, name: string) => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`${path}: no ${kind}/${name}`);
    return found;
  };
  const workloads = objects.filter((o) => ['Deployment', 'StatefulSet', 'CronJob'].includes(o.kind));
  const containers = workloads.flatMap((w) => podSpec(w).containers.map((c: any) => ({ w, c })));

  it('every object is valid against the Kubernetes schemas, with no unknown field', () => {
    expect(objects.length).toBeGreaterThan(25);
    expect(objects.flatMap(schemaErrors)).toEqual([]);
    expect(objects.flatMap(unknownFields)).toEqual([]);
  });

  it(`everything is in namespace ${namespace}`, () => {
    expect(all('Namespace').map((n) => n.metadata.name)).toEqual([namespace]);
    for (const o of objects.filter((x) => x.kind !== 'Namespace')) expect({ o: `${o.kind}/${o.metadata.name}`, ns: o.metadata.namespace }).toEqual({ o: `${o.kind}/${o.metadata.name}`, ns: namespace });
  });

  it('has the workloads, services, ingress, configuration, storage, autoscaling, budgets and policies', () => {
    const names = (kind: string) => all(kind).map((o) => o.metadata.name).sort();
    expect(names('Deployment')).toEqual(['cognitive', 'knowledge', 'theia']);
    expect(names('StatefulSet')).toEqual(['neo4j', 'postgres', 'redis']);
    expect(names('Service')).toEqual(['cognitive', 'knowledge', 'neo4j', 'postgres', 'redis', 'theia']);
    expect(names('Ingress')).toEqual(['ai-opencog']);
    expect(names('ConfigMap')).toEqual(['ai-opencog-config', 'redis-config']);
    expect(names('ServiceAccount')).toEqual(['ai-opencog']);
    expect(names('PersistentVolumeClaim')).toEqual(['backups', 'theia-workspace']);
    expect(names('HorizontalPodAutoscaler')).toEqual(['cognitive', 'theia']);
    expect(names('PodDisruptionBudget')).toEqual(['cognitive', 'knowledge', 'neo4j', 'postgres', 'redis', 'theia']);
    expect(names('NetworkPolicy')).toEqual(['backend', 'default-deny-ingress', 'frontend', 'monitoring']);
    expect(names('CronJob')).toEqual(['knowledge-backup']);
    expect(all('Secret')).toEqual([]);
    for (const s of all('StatefulSet')) expect(s.spec.volumeClaimTemplates.map((v: any) => v.metadata.name)).toEqual(['data']);
  });

  it('probes: liveness on /healthz and readiness on /readyz for the services; every container has probes, resources and a securityContext', () => {
    for (const svc of ['cognitive', 'knowledge']) {
      const c = podSpec(one('Deployment', svc)).containers[0];
      expect(c.livenessProbe.httpGet.path).toBe('/healthz');
      expect(c.readinessProbe.httpGet.path).toBe('/readyz');
      expect(c.startupProbe.httpGet.path).toBe('/healthz');
    }
    for (const { w, c } of containers) {
      const id = `${w.kind}/${w.metadata.name}/${c.name}`;
      if (w.kind !== 'CronJob') expect({ id, probes: Boolean(c.livenessProbe && c.readinessProbe) }).toEqual({ id, probes: true });
      expect({ id, requests: Object.keys(c.resources?.requests ?? {}).sort(), limits: Object.keys(c.resources?.limits ?? {}).sort() }).toEqual({ id, requests: ['cpu', 'memory'], limits: ['cpu', 'memory'] });
      expect({ id, noEscalation: c.securityContext?.allowPrivilegeEscalation, drop: c.securityContext?.capabilities?.drop }).toEqual({ id, noEscalation: false, drop: ['ALL'] });
      // Read-only root file systems wherever the image allows (Neo4j's entrypoint writes its configuration).
      expect({ id, readOnly: c.securityContext?.readOnlyRootFilesystem }).toEqual({ id, readOnly: w.metadata.name !== 'neo4j' });
    }
    for (const w of workloads) {
      const sc = podSpec(w).securityContext;
      expect({ w: w.metadata.name, nonRoot: sc.runAsNonRoot, seccomp: sc.seccompProfile?.type }).toEqual({ w: w.metadata.name, nonRoot: true, seccomp: 'RuntimeDefault' });
      expect(sc.runAsUser).toBeGreaterThan(0);
      expect(podSpec(w).serviceAccountName).toBe('ai-opencog');
      expect(podSpec(w).automountServiceAccountToken).toBe(false);
    }
  });

  it('every Service, HPA, PDB and NetworkPolicy selects pods that exist; every port name resolves', () => {
    const pods = workloads.map((w) => ({ w, labels: podLabels(w) }));
    for (const s of all('Service')) {
      const targets = pods.filter((p) => matches(s.spec.selector, p.labels));
      expect({ service: s.metadata.name, targets: targets.length }).toEqual({ service: s.metadata.name, targets: 1 });
      const ports = podSpec(targets[0]!.w).containers.flatMap((c: any) => c.ports.map((p: any) => p.name));
      for (const p of s.spec.ports) expect({ service: s.metadata.name, targetPort: p.targetPort, found: ports.includes(p.targetPort) }).toEqual({ service: s.metadata.name, targetPort: p.targetPort, found: true });
    }
    for (const h of all('HorizontalPodAutoscaler')) one(h.spec.scaleTargetRef.kind, h.spec.scaleTargetRef.name);
    for (const b of all('PodDisruptionBudget')) expect({ pdb: b.metadata.name, pods: pods.filter((p) => matches(b.spec.selector.matchLabels, p.labels)).length }).toEqual({ pdb: b.metadata.name, pods: 1 });
    for (const n of all('NetworkPolicy').filter((x) => x.metadata.name !== 'default-deny-ingress')) {
      expect({ policy: n.metadata.name, pods: pods.filter((p) => matches(n.spec.podSelector.matchLabels, p.labels)).length > 0 }).toEqual({ policy: n.metadata.name, pods: true });
    }
    const ing = one('Ingress', 'ai-opencog');
    const backend = ing.spec.rules[0].http.paths[0].backend.service;
    expect(one('Service', backend.name).spec.ports.map((p: any) => p.name)).toContain(backend.port.name);
  });

  it('every ConfigMap, Secret and claim a pod uses exists (Secrets: in k8s/secrets.template.yaml, with the key)', () => {
    const secretKeys = new Map(templates.map((s) => [s.metadata.name, Object.keys(s.stringData ?? {})]));
    const configMaps = new Map(all('ConfigMap').map((c) => [c.metadata.name, Object.keys(c.data ?? {})]));
    const claims = new Set(all('PersistentVolumeClaim').map((p) => p.metadata.name));
    for (const w of workloads) {
      const spec = podSpec(w);
      for (const v of spec.volumes ?? []) {
        if (v.secret) {
          expect({ w: w.metadata.name, secret: v.secret.secretName, known: secretKeys.has(v.secret.secretName) }).toEqual({ w: w.metadata.name, secret: v.secret.secretName, known: true });
          for (const item of v.secret.items ?? []) expect(secretKeys.get(v.secret.secretName)).toContain(item.key);
        }
        if (v.configMap) expect(configMaps.has(v.configMap.name)).toBe(true);
        if (v.persistentVolumeClaim) expect({ claim: v.persistentVolumeClaim.claimName, known: claims.has(v.persistentVolumeClaim.claimName) }).toEqual({ claim: v.persistentVolumeClaim.claimName, known: true });
      }
      for (const c of spec.containers) {
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.configMapKeyRef;
          if (ref) expect({ cm: ref.name, key: ref.key, known: configMaps.get(ref.name)?.includes(ref.key) }).toEqual({ cm: ref.name, key: ref.key, known: true });
          const sref = e.valueFrom?.secretKeyRef;
          if (sref) expect(secretKeys.get(sref.name)).toContain(sref.key);
          if (/PASSWORD$|TOKEN$/.test(e.name)) throw new Error(`${w.metadata.name}: ${e.name} in plain env: use a *_FILE from a Secret volume`);
        }
        for (const f of c.envFrom ?? []) if (f.configMapRef) expect(configMaps.has(f.configMapRef.name)).toBe(true);
        const mounts = new Set((spec.volumes ?? []).map((v: any) => v.name));
        for (const m of c.volumeMounts ?? []) {
          const vct = (w.spec.volumeClaimTemplates ?? []).map((t: any) => t.metadata.name);
          expect({ w: w.metadata.name, mount: m.name, known: mounts.has(m.name) || vct.includes(m.name) }).toEqual({ w: w.metadata.name, mount: m.name, known: true });
        }
      }
    }
    expect(secretKeys.has('ai-opencog-tls')).toBe(true);
  });

  it('the Ingress: TLS through cert-manager, and sticky sessions for the IDE\'s WebSocket', () => {
    const ing = one('Ingress', 'ai-opencog');
    const a = ing.metadata.annotations!;
    expect(a['cert-manager.io/cluster-issuer']).toBe(overlay === 'prod' ? 'letsencrypt-prod' : 'letsencrypt-staging');
    expect(ing.spec.tls[0].secretName).toBe('ai-opencog-tls');
    expect(ing.spec.tls[0].hosts).toEqual([ing.spec.rules[0].host]);
    expect(a['nginx.ingress.kubernetes.io/affinity']).toBe('cookie');
    expect(a['nginx.ingress.kubernetes.io/session-cookie-name']).toBeTruthy();
    expect(Number(a['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(3600);
  });

  it('autoscaling of cognitive and theia on CPU and request rate', () => {
    for (const name of ['cognitive', 'theia']) {
      const h = one('HorizontalPodAutoscaler', name);
      const types = h.spec.metrics.map((m: any) => (m.type === 'Resource' ? `cpu:${m.resource.name}` : m.type));
      expect(types).toContain('cpu:cpu');
      const rate = h.spec.metrics.find((m: any) => m.type !== 'Resource');
      expect(rate.pods?.metric.name ?? rate.object?.metric.name).toMatch(/requests_per_second/);
      expect(h.spec.maxReplicas).toBeGreaterThanOrEqual(h.spec.minReplicas);
    }
  });

  it('network policies match the three compose networks', () => {
    const label = (w: K8sObject) => Object.keys(podLabels(w)).filter((k) => k.startsWith('ai-opencog/net-')).sort();
    expect(label(one('Deployment', 'theia'))).toEqual(['ai-opencog/net-backend', 'ai-opencog/net-frontend', 'ai-opencog/net-monitoring']);
    for (const s of ['cognitive', 'knowledge']) expect(label(one('Deployment', s))).toEqual(['ai-opencog/net-backend', 'ai-opencog/net-monitoring']);
    for (const s of ['postgres', 'neo4j', 'redis']) expect(label(one('StatefulSet', s))).toEqual(['ai-opencog/net-backend']);
    expect(label(one('CronJob', 'knowledge-backup'))).toEqual(['ai-opencog/net-backend']);
    const deny = one('NetworkPolicy', 'default-deny-ingress');
    expect(deny.spec.podSelector).toEqual({});
    expect(deny.spec.policyTypes).toEqual(['Ingress']);
    const monitoringPorts = one('NetworkPolicy', 'monitoring').spec.ingress[0].ports.map((p: any) => p.port).sort();
    for (const s of ['cognitive', 'knowledge']) {
      expect(monitoringPorts).toContain(Number(podTemplateAnnotations(one('Deployment', s))['prometheus.io/port']));
    }
  });

  it('Prometheus scrape annotations on the services', () => {
    for (const [s, port] of [['cognitive', '7302'], ['knowledge', '7301']] as const) {
      expect(podTemplateAnnotations(one('Deployment', s))).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': port, 'prometheus.io/path': '/metrics' });
    }
  });

  it('the backup CronJob runs the backup runner into the backups claim, one at a time', () => {
    const cj = one('CronJob', 'knowledge-backup');
    expect(cj.spec.concurrencyPolicy).toBe('Forbid');
    const c = podSpec(cj).containers[0];
    expect(c.args).toEqual(['scripts/backup/backup-runner.js', 'once']);
    expect(c.image).toBe(podSpec(one('Deployment', 'knowledge')).containers[0].image);
    expect(c.volumeMounts.find((m: any) => m.mountPath === '/backups').name).toBe('backups');
  });

  it('images come from the registry, with a tag', () => {
    for (const { c } of containers) {
      expect(c.image).toMatch(/^[a-z0-9.-]+(\/[a-z0-9._-]+)*:[A-Za-z0-9._-]+$/);
      if (overlay === 'prod') expect(c.image).not.toMatch(/:latest$/);
    }
    expect(podSpec(one('Deployment', 'cognitive')).containers[0].image).toMatch(/^ghcr\.io\/ai-opencog\/ai-opencog-cognitive:/);
  });
});

function podTemplateAnnotations(o: K8sObject): Record<string, string> {
  return o.spec.template.metadata.annotations ?? {};
}
