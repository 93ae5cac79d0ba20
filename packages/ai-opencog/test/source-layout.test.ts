import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/* Theia's layout: src/common imports nothing from browser or node; browser and node not each other. */

const SRC = join(__dirname, '..', 'src');

function importsOf(dir: string): { file: string; spec: string }[] {
  const out: { file: string; spec: string }[] = [];
  for (const entry of readdirSync(join(SRC, dir), { withFileTypes: true })) {
    if (entry.isDirectory() || !/\.tsx?$/.test(entry.name)) continue;
    const text = readFileSync(join(SRC, dir, entry.name), 'utf8');
    for (const m of text.matchAll(/from '([^']+)'/g)) out.push({ file: `${dir}/${entry.name}`, spec: m[1] });
  }
  return out;
}

describe('source layout', () => {
  it('keeps common free of browser and node code', () => {
    const bad = importsOf('common').filter(({ spec }) => /\/(browser|node)(\/|$)|^node:|^\.\.\/(browser|node)/.test(spec));
    expect(bad).toEqual([]);
  });

  it('keeps browser and node apart', () => {
    expect(importsOf('browser').filter(({ spec }) => /^\.\.\/node\/|^node:|\/lib\/node\//.test(spec))).toEqual([]);
    expect(importsOf('node').filter(({ spec }) => /^\.\.\/browser\/|\/lib\/browser\//.test(spec))).toEqual([]);
  });

  it('binds everything in one frontend and one backend module', () => {
    expect(readdirSync(join(SRC, 'browser')).filter((f) => f.endsWith('-module.ts'))).toEqual(['ai-opencog-frontend-module.ts']);
    expect(readdirSync(join(SRC, 'node')).filter((f) => f.endsWith('-module.ts'))).toEqual(['ai-opencog-backend-module.ts']);
  });
});
