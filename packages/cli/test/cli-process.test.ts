import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fixture } from './cli-test-harness';

const MAIN = join(__dirname, '..', 'lib', 'main.js');

/** The installed command, as a separate process: exit statuses and streams as a shell sees them. */
function run(...args: string[]) {
  return spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });
}

describe('the ai-opencog process', () => {
  it('exits 0 and prints counts on stdout', () => {
    const r = run('load', fixture('taxonomy.scm'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('InheritanceLink 3\n');
  });

  it('exits 1 with the error on stderr only', () => {
    const r = run('load', fixture('bad-stv.scm'));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad-stv\.scm:2:20: error: strength must be a number in \[0, 1\], got 2\n$/);
  });

  it('exits 2 on a usage error', () => {
    const r = run('query', '(Get (Variable "$x"))');
    expect(r.status).toBe(2);
  });

  it('--version prints the version', () => {
    const r = run('--version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
