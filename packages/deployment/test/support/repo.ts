/** Paths of the repository and small helpers shared by the deployment checks. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';

export const ROOT = resolve(__dirname, '../../../..');

export function repoPath(...parts: string[]): string {
  return join(ROOT, ...parts);
}

export function readText(...parts: string[]): string {
  return readFileSync(repoPath(...parts), 'utf8');
}

/** One YAML document (errors and warnings throw: a file that does not parse cleanly fails). */
export function readYaml<T = unknown>(...parts: string[]): T {
  const doc = parseDocument(readText(...parts), { merge: true });
  if (doc.errors.length > 0) throw new Error(`${parts.join('/')}: ${doc.errors.map((e) => e.message).join('; ')}`);
  return doc.toJS({ maxAliasCount: 1000 }) as T;
}

/** Every document of a multi-document YAML text. */
export function parseYamlDocuments(text: string, name: string): unknown[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${name}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS();
  });
}

/** Files under a folder of the repository (relative paths), recursively, skipping node_modules and build output. */
export function listFiles(dir: string, accept: (path: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (['node_modules', 'lib', 'lib-bench', 'lib-test', '.git', 'test-artifacts', 'coverage', 'data', 'secrets'].includes(entry.name)) continue;
      const p = join(abs, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (accept(relative(ROOT, p))) out.push(relative(ROOT, p));
    }
  };
  if (existsSync(repoPath(dir))) walk(repoPath(dir));
  return out.sort();
}

export function isFile(...parts: string[]): boolean {
  const p = repoPath(...parts);
  return existsSync(p) && statSync(p).isFile();
}

/** Runs a program to completion. */
export function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    input: options.input,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * The path of a program the checks need, or a failure naming the package that brings it
 * (.ci/run installs them: prometheus, prometheus-alertmanager, prometheus-blackbox-exporter,
 * shellcheck, yamllint; kubectl is on the machine image).
 */
export function tool(name: string, debianPackage: string): string {
  const found = run('sh', ['-c', `command -v ${name}`]);
  if (found.status !== 0) {
    throw new Error(`${name} is not installed: apt-get install -y ${debianPackage} (.ci/run installs it)`);
  }
  return found.stdout.trim();
}

/** The workspace packages: directory -> package.json. */
export function workspaces(): Map<string, { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string>; private?: boolean }> {
  const out = new Map();
  for (const group of ['packages', 'services']) {
    for (const entry of readdirSync(repoPath(group), { withFileTypes: true })) {
      if (entry.isDirectory() && isFile(group, entry.name, 'package.json')) {
        out.set(`${group}/${entry.name}`, JSON.parse(readText(group, entry.name, 'package.json')));
      }
    }
  }
  return out;
}
