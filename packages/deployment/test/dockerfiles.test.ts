/**
 * docker/{theia,cognitive,knowledge}/Dockerfile: linted with dockerfile-utils, then checked for
 * what the issue asks and a linter does not see: stages (every COPY --from names an earlier
 * stage), the lockfile install of exactly the workspaces the deployable needs, the production
 * prune, a non-root user, the HEALTHCHECK, the OCI labels; and .dockerignore: every file a COPY
 * takes is in the build context, and the context stays small.
 */
import ignore from '@balena/dockerignore';
import { DockerfileParser, type Dockerfile } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { readText, repoPath, ROOT, workspaces } from './support/repo';

const IMAGES = ['theia', 'cognitive', 'knowledge'] as const;
type Image = (typeof IMAGES)[number];

/** The deployable's workspace, and its port and probe path. */
const DEPLOYABLES: Record<Image, { workspace: string; port: number; probe: string }> = {
  theia: { workspace: 'packages/theia-app', port: 3000, probe: '/' },
  cognitive: { workspace: 'services/cognitive', port: 7302, probe: '/healthz' },
  knowledge: { workspace: 'services/knowledge', port: 7301, probe: '/healthz' },
};

interface Stage {
  name: string;
  from: string;
  instructions: { keyword: string; args: string; flags: Record<string, string>; line: number }[];
}

function stagesOf(text: string): Stage[] {
  const df: Dockerfile = DockerfileParser.parse(text);
  const stages: Stage[] = [];
  for (const ins of df.getInstructions()) {
    const keyword = ins.getKeyword();
    const flags: Record<string, string> = {};
    for (const f of (ins as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] }).getFlags?.() ?? []) flags[f.getName()] = f.getValue() ?? '';
    const entry = { keyword, args: ins.getArgumentsContent() ?? '', flags, line: ins.getRange().start.line + 1 };
    if (keyword === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(entry.args.trim());
      stages.push({ name: m?.[2] ?? `#${stages.length}`, from: m?.[1] ?? '', instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1]!.instructions.push(entry);
    }
  }
  return stages;
}

/** Problems of the stage graph: COPY --from and FROM must name an earlier stage (or an image reference). */
export function stageProblems(text: string): string[] {
  const problems: string[] = [];
  const names: string[] = [];
  for (const stage of stagesOf(text)) {
    if (/^[a-z][a-z0-9_-]*$/.test(stage.from) && !stage.from.includes('/') && !names.includes(stage.from) && !stage.from.includes(':')) {
      problems.push(`FROM ${stage.from}: no earlier stage of that name (an image needs a tag)`);
    }
    for (const ins of stage.instructions) {
      const from = ins.flags.from;
      if (ins.keyword === 'COPY' && from !== undefined && !names.includes(from)) problems.push(`line ${ins.line}: COPY --from=${from} names no earlier stage`);
    }
    names.push(stage.name);
  }
  return problems;
}

/** The workspace directories a workspace needs (dependencies; dev ones too for the build), transitively. */
function closure(dir: string, includeDev: boolean): Set<string> {
  const all = workspaces();
  const byName = new Map([...all].map(([d, p]) => [p.name, d]));
  const out = new Set<string>();
  const visit = (d: string, top: boolean) => {
    if (out.has(d)) return;
    out.add(d);
    const p = all.get(d)!;
    const deps = { ...p.dependencies, ...(includeDev && top ? p.devDependencies : {}) };
    for (const name of Object.keys(deps)) if (byName.has(name)) visit(byName.get(name)!, false);
  };
  visit(dir, true);
  return out;
}

function dockerignore() {
  const ig = ignore();
  ig.add(readText('.dockerignore'));
  return ig;
}

/** The build context: every file of the repository that .dockerignore lets through. */
function contextFiles(): { files: string[]; bytes: number } {
  const ig = dockerignore();
  const negated = readText('.dockerignore')
    .split('\n')
    .filter((l) => l.startsWith('!'))
    .map((l) => l.slice(1).trim());
  const files: string[] = [];
  let bytes = 0;
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(ROOT, rel), { withFileTypes: true })) {
      const p = rel ? posix.join(rel, entry.name) : entry.name;
      if (entry.isDirectory()) {
        // A directory that is ignored and holds no re-included path is not entered.
        if (ig.ignores(`${p}/`) && !negated.some((n) => n.startsWith(`${p}/`) || n === p)) continue;
        walk(p);
      } else if (!ig.ignores(p)) {
        files.push(p);
        bytes += statSync(join(ROOT, p)).size;
      }
    }
  };
  walk('');
  return { files, bytes };
}

const context = contextFiles();

describe.each(IMAGES)('docker/%s/Dockerfile', (image) => {
  const text = readText('docker', image, 'Dockerfile');
  const stages = stagesOf(text);
  const final = stages[stages.length - 1]!;
  const { workspace, port, probe } = DEPLOYABLES[image];
  const ins = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);

  it('passes dockerfile-utils with no diagnostic', () => {
    const diagnostics = validate(text, {}).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    expect(diagnostics).toEqual([]);
  });

  it('is multi-stage, and every COPY --from and FROM names an earlier stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(new Set(stages.map((s) => s.name)).size).toBe(stages.length);
    expect(stageProblems(text)).toEqual([]);
    expect(final.name).toBe('runtime');
  });

  it('installs with npm ci from the lockfile, exactly the workspaces the deployable needs', () => {
    const deps = stages.find((s) => s.name === 'deps')!;
    const copied = ins(deps, 'COPY').flatMap((c) => c.args.split(/\s+/).slice(0, -1));
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', '.npmrc']));
    const manifests = new Set(copied.filter((c) => c.endsWith('/package.json')).map((c) => c.replace(/\/package\.json$/, '')));
    expect([...manifests].sort()).toEqual([...closure(workspace, true)].sort());
    const install = ins(deps, 'RUN').map((r) => r.args).join('\n');
    expect(install).toMatch(new RegExp(`npm ci [^\\n]*--workspace ${workspace}`));
    expect(install).not.toMatch(/npm install/);
  });

  it('builds the deployable in a build stage', () => {
    const build = stages.find((s) => s.name === 'build')!;
    const runs = ins(build, 'RUN').map((r) => r.args).join('\n');
    if (image === 'theia') {
      expect(runs).toMatch(/npx tsc -b packages\/ai-opencog/);
      expect(runs).toMatch(/npm run build --workspace packages\/theia-app/);
    } else {
      expect(runs).toMatch(new RegExp(`npx tsc -b ${workspace}`));
    }
    // Every workspace it builds from is copied in.
    const sources = ins(build, 'COPY').map((c) => c.args.split(/\s+/)[0]!.replace(/\/$/, ''));
    for (const w of closure(workspace, true)) expect(sources).toContain(w);
  });

  it('runs with production dependencies only (services), or with the self-contained bundles (the IDE)', () => {
    const copies = ins(final, 'COPY');
    if (image === 'theia') {
      expect(copies.some((c) => c.flags.from === 'build' && /packages\/theia-app\/lib\s+lib$/.test(c.args))).toBe(true);
      expect(copies.some((c) => /node_modules/.test(c.args))).toBe(false);
      return;
    }
    const prod = stages.find((s) => s.name === 'prod-deps')!;
    expect(ins(prod, 'RUN').map((r) => r.args).join('\n')).toMatch(new RegExp(`npm ci --omit=dev [^\\n]*--workspace ${workspace}`));
    const nodeModules = copies.filter((c) => /node_modules/.test(c.args));
    expect(nodeModules.map((c) => c.flags.from)).toEqual(['prod-deps']);
    // The compiled lib and package.json of every runtime workspace, nothing else of the build.
    for (const w of closure(workspace, false)) {
      expect({ w, lib: copies.some((c) => c.flags.from === 'build' && c.args.startsWith(`/app/${w}/lib `)) }).toEqual({ w, lib: true });
      expect({ w, manifest: copies.some((c) => c.flags.from === 'build' && c.args.startsWith(`/app/${w}/package.json `)) }).toEqual({ w, manifest: true });
    }
  });

  it('the final stage is small: the slim Node image, without npm and yarn', () => {
    expect(final.from).toBe('${NODE_IMAGE}');
    expect(text).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(ins(final, 'RUN').map((r) => r.args).join('\n')).toMatch(/rm -rf \/usr\/local\/lib\/node_modules\/npm/);
  });

  it('runs as a non-root user', () => {
    const users = ins(final, 'USER').map((u) => u.args.trim());
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).toBe('node');
    const lastUser = Math.max(...ins(final, 'USER').map((u) => u.line));
    for (const i of final.instructions.filter((x) => x.keyword === 'RUN')) expect(i.line).toBeLessThan(lastUser);
  });

  it(`has a HEALTHCHECK on ${probe}, exposes ${port}, and starts in exec form with the secrets preloaded`, () => {
    const hc = ins(final, 'HEALTHCHECK');
    expect(hc).toHaveLength(1);
    expect(hc[0]!.args).toContain(`["node", "/app/docker/runtime/healthcheck.js", "${probe}"]`);
    expect(hc[0]!.flags).toMatchObject({ interval: expect.any(String), timeout: expect.any(String), 'start-period': expect.any(String), retries: expect.any(String) });
    expect(ins(final, 'EXPOSE').map((e) => e.args.trim())).toEqual([String(port)]);
    expect(text).toMatch(new RegExp(`PORT=${port}`));
    const entry = ins(final, 'ENTRYPOINT')[0]!.args;
    expect(JSON.parse(entry)).toEqual(expect.arrayContaining(['node', '--require', '/app/docker/runtime/env-from-secrets.js']));
    expect(() => JSON.parse(ins(final, 'CMD')[0]!.args)).not.toThrow();
  });

  it('carries the OCI image labels (source, version, revision, created) from build arguments', () => {
    const labels = ins(final, 'LABEL').map((l) => l.args).join(' ');
    for (const [key, arg] of [['source', 'SOURCE'], ['version', 'VERSION'], ['revision', 'REVISION'], ['created', 'CREATED']]) {
      expect(labels).toContain(`org.opencontainers.image.${key}="\${${arg}}"`);
      expect(ins(final, 'ARG').map((a) => a.args.split('=')[0])).toContain(arg);
    }
    expect(labels).toContain(`org.opencontainers.image.title="ai-opencog-${image}"`);
    expect(labels).toContain('org.opencontainers.image.licenses="AGPL-3.0-or-later"');
  });

  it('every file a COPY takes from the context is in the context (.dockerignore)', () => {
    for (const stage of stages) {
      for (const c of ins(stage, 'COPY').filter((x) => x.flags.from === undefined)) {
        for (const src of c.args.split(/\s+/).slice(0, -1)) {
          const path = src.replace(/\/$/, '');
          const inContext = context.files.some((f) => f === path || f.startsWith(`${path}/`));
          expect({ image, src, inContext }).toEqual({ image, src, inContext: true });
        }
      }
    }
  });
});

describe('the stage check itself', () => {
  it('finds a COPY --from of a stage that does not exist, or comes later', () => {
    expect(stageProblems('FROM node:20 AS a\nRUN true\nFROM node:20 AS b\nCOPY --from=c /x /y\nFROM node:20 AS c\n')).toEqual(['line 4: COPY --from=c names no earlier stage']);
    expect(stageProblems('FROM node:20 AS a\nFROM a AS b\nCOPY --from=a /x /y\n')).toEqual([]);
  });
});

describe('.dockerignore', () => {
  it('keeps installs, build output, tests, data, secrets and version control out of the context', () => {
    const ig = dockerignore();
    for (const p of ['node_modules/x', 'packages/atomspace/node_modules/y', 'packages/atomspace/lib/index.js', 'services/knowledge/test/cli.test.ts', 'datasets/opencog/x.scm', '.git/HEAD', 'secrets/postgres_password.txt', 'data/knowledge/x', 'packages/storage/tsconfig.tsbuildinfo', 'k8s/base/theia.yaml', 'docker/prometheus/prometheus.yml']) {
      expect({ p, ignored: ig.ignores(p) }).toEqual({ p, ignored: true });
    }
    for (const p of ['package.json', 'package-lock.json', '.npmrc', 'tsconfig.base.json', 'packages/atomspace/src/index.ts', 'docker/runtime/healthcheck.js', 'scripts/backup/backup-runner.js', 'packages/theia-app/package.json']) {
      expect({ p, ignored: ig.ignores(p) }).toEqual({ p, ignored: false });
    }
  });

  it('the context is small', () => {
    // Measured at the time of writing: ~4 MB in ~600 files (the sources and manifests only).
    expect(context.bytes).toBeLessThan(12 * 1024 * 1024);
    expect(context.files.length).toBeLessThan(2000);
    expect(context.files.filter((f) => /(^|\/)(node_modules|lib|test)\//.test(f))).toEqual([]);
  });

  it('the runtime helpers of the images are there', () => {
    for (const f of ['docker/runtime/healthcheck.js', 'docker/runtime/env-from-secrets.js', 'docker/runtime/ai-opencog-knowledge']) {
      expect(statSync(repoPath(f)).isFile()).toBe(true);
    }
  });
});
