/**
 * scripts/build-images.sh and push-images.sh (dry runs: the docker commands they would run),
 * docker/generate-secrets.sh, and the images' runtime helpers (secrets preload, healthcheck).
 */
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath, run } from './support/repo';

const dry = (script: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  run('bash', [repoPath('scripts', script), ...args], { env: { ...process.env, DRY_RUN: '1', REGISTRY: '', TAG: '', EXTRA_TAGS: '', ...env } });

describe('build-images.sh', () => {
  it('builds every image from its Dockerfile, tagged with the git revision by default, with the label arguments', () => {
    const revision = run('git', ['rev-parse', 'HEAD']).stdout.trim();
    const r = dry('build-images.sh', []);
    expect(r.status).toBe(0);
    const builds = r.stdout.split('\n').filter((l) => l.startsWith('docker build'));
    expect(builds).toHaveLength(3);
    for (const [i, name] of ['theia', 'cognitive', 'knowledge'].entries()) {
      expect(builds[i]).toContain(`--file docker/${name}/Dockerfile --tag ai-opencog/${name}:${revision.slice(0, 12)}`);
      expect(builds[i]).toContain(`--build-arg REVISION=${revision}`);
      expect(builds[i]).toMatch(/--build-arg VERSION=\d+\.\d+\.\d+/);
      expect(builds[i]).toMatch(/--build-arg SOURCE=https:\/\//);
      expect(builds[i]).toMatch(/--build-arg CREATED=\d{4}-\d\d-\d\dT/);
      expect(builds[i]).toMatch(/ \.$/);
    }
    expect(r.stdout).toContain(`cognitive ai-opencog/cognitive:${revision.slice(0, 12)}`);
  });

  it('takes a registry prefix, a tag and more tags; refuses unknown images and bad tags', () => {
    const r = dry('build-images.sh', ['knowledge'], { REGISTRY: 'ghcr.io/acme/', TAG: '1.2.3', EXTRA_TAGS: 'latest' });
    expect(r.stdout).toContain('--tag ghcr.io/acme/ai-opencog-knowledge:1.2.3 ');
    expect(r.stdout).toContain('--tag ghcr.io/acme/ai-opencog-knowledge:latest');
    expect(dry('build-images.sh', ['nope']).status).toBe(1);
    expect(dry('build-images.sh', [], { TAG: 'bad tag!' }).status).toBe(1);
  });
});

describe('push-images.sh', () => {
  it('pushes every tag of every image to the registry', () => {
    const r = dry('push-images.sh', [], { REGISTRY: 'ghcr.io/acme', TAG: 'abc123', EXTRA_TAGS: '0.1.0' });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('docker push'))).toEqual([
      'docker push ghcr.io/acme/ai-opencog-theia:abc123',
      'docker push ghcr.io/acme/ai-opencog-theia:0.1.0',
      'docker push ghcr.io/acme/ai-opencog-cognitive:abc123',
      'docker push ghcr.io/acme/ai-opencog-cognitive:0.1.0',
      'docker push ghcr.io/acme/ai-opencog-knowledge:abc123',
      'docker push ghcr.io/acme/ai-opencog-knowledge:0.1.0',
    ]);
  });

  it('needs a registry; logs in with the password on stdin, never on the command line', () => {
    expect(dry('push-images.sh', []).status).toBe(1);
    const r = dry('push-images.sh', ['theia'], { REGISTRY: 'ghcr.io/acme', REGISTRY_USER: 'bot', REGISTRY_PASSWORD: 's3cret-value' });
    expect(r.stdout).toContain('docker login ghcr.io --username bot --password-stdin');
    expect(r.stdout + r.stderr).not.toContain('s3cret-value');
  });
});

describe('generate-secrets.sh', () => {
  it('makes every secret compose names, keeps them on a second run, in a folder only its owner enters', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ai-opencog-secrets-'));
    try {
      const out = join(dir, 's');
      expect(run('bash', [repoPath('docker/generate-secrets.sh'), out]).status).toBe(0);
      const first = readFileSync(join(out, 'postgres_password.txt'), 'utf8');
      expect(first.trim()).toMatch(/^[0-9a-f]{48}$/);
      expect(readFileSync(join(out, 'neo4j_auth.txt'), 'utf8')).toMatch(/^neo4j\/[0-9a-f]{48}\n$/);
      expect(statSync(out).mode & 0o777).toBe(0o700);
      const again = run('bash', [repoPath('docker/generate-secrets.sh'), out]);
      expect(again.stdout).toMatch(/kept/);
      expect(readFileSync(join(out, 'postgres_password.txt'), 'utf8')).toBe(first);
      const tokens = readFileSync(join(out, 'api_tokens.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
      expect(tokens.map((l) => l.split(':')[0] + ':' + l.split(':')[2])).toEqual(['ide:write', 'cognitive:admin', 'backup:admin', 'operator:admin']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the images\' runtime helpers', () => {
  const preload = repoPath('docker/runtime/env-from-secrets.js');
  const envAfterPreload = (env: NodeJS.ProcessEnv) =>
    run(process.execPath, ['--require', preload, '-e', 'process.stdout.write(JSON.stringify(process.env))'], { env: { PATH: process.env.PATH, ...env } });

  it('env-from-secrets: *_FILE secrets, DATABASE_URL and REDIS_URL with encoded passwords, the chosen backend only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ai-opencog-preload-'));
    try {
      writeFileSync(join(dir, 'pg'), 'p@ss:w/rd\n');
      writeFileSync(join(dir, 'redis'), 'r#1');
      writeFileSync(join(dir, 'neo4j'), 'neo4j/n3o');
      writeFileSync(join(dir, 'token'), 'tok-0123456789abcdef\n');
      const r = envAfterPreload({
        DATABASE_HOST: 'postgres', DATABASE_PASSWORD_FILE: join(dir, 'pg'), REDIS_HOST: 'redis', REDIS_PASSWORD_FILE: join(dir, 'redis'),
        NEO4J_URL: 'bolt://neo4j:7687', NEO4J_AUTH_FILE: join(dir, 'neo4j'), KNOWLEDGE_TOKEN_FILE: join(dir, 'token'), STORAGE_BACKEND: 'postgres',
      });
      expect(r.status).toBe(0);
      const env = JSON.parse(r.stdout);
      expect(env.DATABASE_URL).toBe('postgres://aiopencog:p%40ss%3Aw%2Frd@postgres:5432/aiopencog');
      expect(env.REDIS_URL).toBe('redis://:r%231@redis:6379');
      expect(env.KNOWLEDGE_TOKEN).toBe('tok-0123456789abcdef');
      expect(env.NEO4J_URL).toBeUndefined();
      expect(env.NEO4J_PASSWORD).toBe('n3o');
      const neo = JSON.parse(envAfterPreload({ DATABASE_URL: 'postgres://x@y/z', NEO4J_URL: 'bolt://n:7687', STORAGE_BACKEND: 'neo4j' }).stdout);
      expect([neo.DATABASE_URL, neo.NEO4J_URL]).toEqual([undefined, 'bolt://n:7687']);
      const missing = envAfterPreload({ DATABASE_PASSWORD_FILE: join(dir, 'absent') });
      expect(missing.status).toBe(2);
      expect(missing.stderr).toMatch(/cannot read DATABASE_PASSWORD_FILE/);
      expect(envAfterPreload({ STORAGE_BACKEND: 'mysql' }).status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('healthcheck: 0 on a 2xx answer, 1 on an error status or no answer', async () => {
    const server = createServer((req, res) => {
      res.statusCode = req.url === '/healthz' ? 200 : 503;
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    try {
      const check = (path: string, p: number) =>
        new Promise<number | null>((resolve) => {
          const { spawn } = require('node:child_process') as typeof import('node:child_process');
          spawn(process.execPath, [repoPath('docker/runtime/healthcheck.js'), path, String(p)], { stdio: 'ignore' }).on('exit', resolve);
        });
      expect(await check('/healthz', port)).toBe(0);
      expect(await check('/readyz', port)).toBe(1);
      server.close();
      expect(await check('/healthz', port)).toBe(1);
    } finally {
      server.close();
    }
  });
});
