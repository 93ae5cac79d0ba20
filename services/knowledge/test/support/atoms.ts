import { createReadStream } from 'node:fs';
import { AtomSpace, atomFromJson, loadAtomese, parseAtomese, TypeRegistry } from '@ai-opencog/atomspace';
import { storedAtomOf, type StoredAtom } from '@ai-opencog/storage';
import { DATASET_TYPES } from './harness';

/** A type registry with the datasets' user types. */
export function datasetTypes(): TypeRegistry {
  const types = new TypeRegistry();
  for (const entry of DATASET_TYPES.split(' ')) {
    const [name, parents] = entry.split(':') as [string, string];
    types.register(name, parents.split(','));
  }
  return types;
}

/** An Atomese file read by the kernel (streamed). */
export async function spaceOfFile(path: string, types = datasetTypes()): Promise<AtomSpace> {
  const space = new AtomSpace({ types });
  await loadAtomese(space, createReadStream(path, { encoding: 'utf8' }), { file: path });
  return space;
}

/** Atomese text or JSON lines read by the kernel. */
export function spaceOfText(text: string, format: 'atomese' | 'jsonl', types = datasetTypes()): AtomSpace {
  const space = new AtomSpace({ types });
  if (format === 'atomese') parseAtomese(space, text);
  else for (const line of text.split('\n')) if (line.trim() !== '') atomFromJson(space, JSON.parse(line));
  return space;
}

/** Every atom of the space with its values, as a canonical line, by content key. */
export function describeSpace(space: AtomSpace): Map<string, string> {
  const out = new Map<string, string>();
  for (const atom of space.atoms()) {
    const record = storedAtomOf(atom, space);
    out.set(record.key, canonical(record));
  }
  return out;
}

/** Stored atoms (e.g. from a backup or the store) in the same canonical form. */
export function describeRecords(records: Iterable<StoredAtom>): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of records) out.set(r.key, canonical(r));
  return out;
}

function canonical(r: StoredAtom): string {
  const values = r.values && r.values.length > 0 ? [...r.values].map((v) => JSON.stringify(v)).sort() : undefined;
  return JSON.stringify({ type: r.type, name: r.name, outgoing: r.outgoing, tv: r.tv, av: r.av, values });
}

/** Fails with the first few differences (rather than a diff of 100,000 lines) unless both hold the same atoms. */
export function expectSameAtoms(actual: Map<string, string>, expected: Map<string, string>): void {
  const problems: string[] = [];
  for (const [key, line] of expected) {
    const got = actual.get(key);
    if (got === undefined) problems.push(`missing ${line}`);
    else if (got !== line) problems.push(`differs: expected ${line}, got ${got}`);
    if (problems.length >= 5) break;
  }
  for (const [key, line] of actual) {
    if (problems.length >= 10) break;
    if (!expected.has(key)) problems.push(`unexpected ${line}`);
  }
  if (problems.length > 0 || actual.size !== expected.size) {
    throw new Error(`atoms differ (${actual.size} vs ${expected.size} expected):\n${problems.join('\n')}`);
  }
}
