/**
 * Atomese loading: a generated file of 100,000 InheritanceLinks with truth values, and the real
 * OpenCog knowledge bases in datasets/opencog. Each file is read as a stream.
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AtomSpace, loadAtomese, TypeRegistry, SeededRandom } from '../lib';
import { report, rssBytes, settle } from '@ai-opencog/bench-kit';

const LINKS = 100_000;
const CONCEPTS = 10_000;

function generate(path: string): void {
  const rnd = new SeededRandom(11);
  const lines: string[] = [];
  for (let i = 0; i < LINKS; i++) {
    const s = (rnd.int(1000) / 1000).toFixed(3);
    const c = (rnd.int(1000) / 1000).toFixed(3);
    lines.push(
      `(InheritanceLink (stv ${s} ${c}) (ConceptNode "c${rnd.int(CONCEPTS)}") (ConceptNode "c${rnd.int(CONCEPTS)}"))`,
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

async function loadFile(op: string, path: string, types = new TypeRegistry()): Promise<void> {
  settle();
  const before = rssBytes();
  const space = new AtomSpace({ types });
  const t0 = performance.now();
  const summary = await loadAtomese(space, createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), { file: path });
  const ms = performance.now() - t0;
  settle();
  report({
    op,
    n: summary.forms,
    atoms: space.size,
    ms,
    opsPerSec: Math.round((summary.forms / ms) * 1000),
    mbPerSec: statSync(path).size / 1e6 / (ms / 1000),
    rssBytesPerAtom: Math.round((rssBytes() - before) / space.size),
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ai-opencog-bench-'));
  try {
    const file = join(dir, 'inheritance-100k.scm');
    generate(file);
    await loadFile('load .scm of 100,000 InheritanceLinks with stv', file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const datasets = resolve(__dirname, '../../../datasets/opencog');
  for (const name of ['dpedia.scm', 'Mid-level-ontology.scm', 'sample_dataset.scm']) {
    const path = join(datasets, name);
    const types = new TypeRegistry();
    types.register('GeneNode', ['ConceptNode']);
    types.register('MoleculeNode', ['ConceptNode']);
    types.register('PredictiveImplicationLink', ['OrderedLink']);
    await loadFile(`load ${name}`, path, types);
  }
}

void main();
