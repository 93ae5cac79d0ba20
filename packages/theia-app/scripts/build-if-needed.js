#!/usr/bin/env node
/*
 * The app's build, as `npm run build` (lerna) runs it: `theia build --mode production` when the
 * bundles are missing or older than what goes into them (this package.json, the ai-opencog
 * extension's lib/, the installed Theia), else nothing. `--force` (or THEIA_FORCE_BUILD=1)
 * builds anyway; `--mode development` builds unminified, with source maps.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const APP = join(__dirname, '..');
const args = process.argv.slice(2);
const mode = args.includes('--mode') ? args[args.indexOf('--mode') + 1] : 'production';
const force = args.includes('--force') || process.env.THEIA_FORCE_BUILD === '1';

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

const outputs = ['lib/frontend/index.html', 'lib/frontend/bundle.js', 'lib/backend/main.js'].map((p) => join(APP, p));
const extension = dirname(require.resolve('@ai-opencog/ai-opencog/package.json', { paths: [APP] }));
const inputs = [
  join(APP, 'package.json'),
  join(extension, 'package.json'),
  join(extension, 'lib'),
  join(extension, 'src', 'browser', 'style'),
  require.resolve('@theia/core/package.json', { paths: [APP] }),
];
const stamp = join(APP, 'lib', '.build-mode');
const builtMode = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
const built = outputs.every(existsSync) && builtMode === mode ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0;
const changed = Math.max(...inputs.map(newest));

if (!force && built > changed) {
  process.stdout.write(`theia-app: up to date (${mode === 'production' ? '' : `${mode}; `}--force to build again)\n`);
  process.exit(0);
}
const theia = require.resolve('@theia/cli/bin/theia.js', { paths: [APP] });
const started = Date.now();
const result = spawnSync(process.execPath, [theia, 'build', '--mode', mode], { cwd: APP, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stamp, `${mode}\n`);
process.stdout.write(`theia-app: built (${mode}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
