/**
 * .github/workflows/: validated offline against GitHub's workflow schema (@action-validator/core,
 * the action-validator project's WebAssembly build), then what the issue asks of them.
 */
import { validateWorkflow } from '@action-validator/core';
import { listFiles, readText, readYaml } from './support/repo';

type Obj = Record<string, any>;

const files = listFiles('.github/workflows', (f) => /\.ya?ml$/.test(f));

describe('workflow files', () => {
  it.each(files)('%s is valid against GitHub\'s workflow schema', (file) => {
    const result = validateWorkflow(readText(file)) as { errors: unknown[] };
    expect(result.errors).toEqual([]);
  });

  it('the validator refuses a broken workflow (the check is live)', () => {
    const result = validateWorkflow('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: true\n') as { errors: unknown[] };
    expect(result.errors.length).toBeGreaterThan(0);
  });
});

describe('ci.yml', () => {
  const ci = readYaml<Obj>('.github/workflows/ci.yml');
  const job = ci.jobs.test;

  it('runs on pull requests and on main', () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    expect(ci.on.push.branches).toEqual(['main']);
  });

  it('has PostgreSQL, Redis and Neo4j as job services, their URLs in the TEST_* variables', () => {
    expect(Object.keys(job.services).sort()).toEqual(['neo4j', 'postgres', 'redis']);
    expect(job.services.neo4j.image).toMatch(/^neo4j:5\.26/);
    expect(job.env.TEST_DATABASE_URL).toMatch(/^postgres:\/\/.*:5432\//);
    expect(job.env.TEST_REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(job.env.TEST_NEO4J_URL).toBe('bolt://127.0.0.1:7687');
  });

  it('installs with npm ci on Node 20, builds and runs the test suite (with the deployment checks\' tools)', () => {
    const steps: Obj[] = job.steps;
    const runs = steps.map((s) => s.run ?? '').join('\n');
    expect(steps.find((s) => String(s.uses).startsWith('actions/setup-node'))!.with['node-version']).toBe('20');
    expect(runs).toMatch(/npm ci/);
    expect(runs).toMatch(/npm test/);
    for (const pkg of ['prometheus', 'prometheus-alertmanager', 'prometheus-blackbox-exporter', 'shellcheck', 'yamllint']) expect(runs).toContain(pkg);
  });
});

describe('images.yml', () => {
  const wf = readYaml<Obj>('.github/workflows/images.yml');
  const job = wf.jobs.image;
  const step = (uses: string) => job.steps.find((s: Obj) => String(s.uses ?? '').startsWith(uses));

  it('runs on main and on version tags; registry and credentials are inputs and secrets', () => {
    expect(wf.on.push.branches).toEqual(['main']);
    expect(wf.on.push.tags).toEqual(['v*']);
    expect(Object.keys(wf.on.workflow_dispatch.inputs)).toEqual(expect.arrayContaining(['registry']));
    expect(Object.keys(wf.on.workflow_call.secrets)).toEqual(['REGISTRY_USERNAME', 'REGISTRY_PASSWORD']);
    expect(job.env.REGISTRY).toContain("'ghcr.io'");
    expect(step('docker/login-action').with.password).toContain('secrets.REGISTRY_PASSWORD');
    expect(wf.permissions.packages).toBe('write');
  });

  it('builds every image from its Dockerfile', () => {
    expect(job.strategy.matrix.image).toEqual(['theia', 'cognitive', 'knowledge']);
    expect(step('docker/build-push-action').with.file).toBe('docker/${{ matrix.image }}/Dockerfile');
    expect(step('docker/build-push-action').with.context).toBe('.');
  });

  it('tags with the version and the revision, and passes the OCI labels\' build arguments', () => {
    const tags: string = step('docker/metadata-action').with.tags;
    expect(tags).toMatch(/type=semver,pattern=\{\{version\}\}/);
    expect(tags).toMatch(/type=sha/);
    const args: string = step('docker/build-push-action').with['build-args'];
    for (const a of ['VERSION=', 'REVISION=${{ github.sha }}', 'SOURCE=', 'CREATED=']) expect(args).toContain(a);
    // The same build arguments the Dockerfiles declare for their labels.
    for (const image of ['theia', 'cognitive', 'knowledge']) {
      for (const a of ['VERSION', 'REVISION', 'SOURCE', 'CREATED']) expect(readText('docker', image, 'Dockerfile')).toMatch(new RegExp(`^ARG ${a}=`, 'm'));
    }
  });
});
