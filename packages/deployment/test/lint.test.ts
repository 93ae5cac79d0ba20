/** shellcheck on every shell script of the deployment; yamllint on every YAML file of it. */
import { readFileSync } from 'node:fs';
import { listFiles, repoPath, run, tool } from './support/repo';

const shellcheck = tool('shellcheck', 'shellcheck');
const yamllint = tool('yamllint', 'yamllint');

/** Shell scripts: *.sh, and files whose first line is a sh/bash shebang. */
function shellScripts(): string[] {
  const candidates = [
    ...listFiles('docker'),
    ...listFiles('scripts/backup'),
    'scripts/build-images.sh',
    'scripts/push-images.sh',
  ];
  return candidates.filter((f) => f.endsWith('.sh') || /^#!.*\b(ba)?sh\b/.test(readFileSync(repoPath(f), 'utf8').split('\n', 1)[0]!));
}

function yamlFiles(): string[] {
  return [
    'compose.yaml',
    'compose.dev.yaml',
    ...listFiles('k8s', (f) => /\.ya?ml$/.test(f)),
    ...listFiles('docker', (f) => /\.ya?ml$/.test(f)),
    ...listFiles('.github/workflows', (f) => /\.ya?ml$/.test(f)),
    'packages/deployment/yamllint.yml',
  ];
}

describe('shellcheck', () => {
  const scripts = shellScripts();

  it('finds the scripts', () => {
    expect(scripts).toEqual(expect.arrayContaining(['scripts/build-images.sh', 'scripts/push-images.sh', 'docker/generate-secrets.sh', 'docker/elasticsearch/setup.sh', 'docker/runtime/ai-opencog-knowledge']));
  });

  it('passes on every shell script (all severities, following sourced files)', () => {
    const r = run(shellcheck, ['--external-sources', '--severity=style', '--format=gcc', ...scripts]);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('reports a real problem (the check is live)', () => {
    const r = run(shellcheck, ['-'], { input: '#!/bin/sh\nrm -rf $1/*\n' });
    expect(r.status).not.toBe(0);
  });
});

describe('yamllint', () => {
  const files = yamlFiles();

  it(`passes on every YAML file of the deployment`, () => {
    expect(files.length).toBeGreaterThan(20);
    const r = run(yamllint, ['--strict', '-f', 'parsable', '-c', 'packages/deployment/yamllint.yml', ...files]);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('reports a real problem (the check is live)', () => {
    const r = run(yamllint, ['-c', 'packages/deployment/yamllint.yml', '-'], { input: 'a: 1\na: 2\n' });
    expect(r.status).not.toBe(0);
  });
});
