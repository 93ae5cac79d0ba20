import { ServiceError } from '@ai-opencog/protocol';

/**
 * Keeps only some bases of a backup's text (storage's backup format): their sections pass, the
 * others are dropped, and the header and end record count the bases kept, so that storage's
 * restore sees a whole backup of just those bases. A base asked for that the backup lacks is
 * BASE_NOT_FOUND, thrown before the end record (so the restore changes nothing). `onAtom` is
 * called for each atom line that passes.
 */
export async function* selectBases(
  chunks: AsyncIterable<string>,
  wanted: readonly string[] | undefined,
  onAtom: () => void,
): AsyncIterable<string> {
  const keep = wanted && new Set(wanted);
  const seen = new Set<string>();
  let passing = true;
  let rest = '';
  const control = (line: string): string | undefined => {
    const record = JSON.parse(line) as Record<string, unknown>;
    if ('format' in record && keep) return `${JSON.stringify({ ...record, bases: keep.size })}\n`;
    if ('base' in record) {
      const name = (record.base as { name?: unknown } | null)?.name;
      passing = !keep || (typeof name === 'string' && keep.has(name));
      if (passing && typeof name === 'string') seen.add(name);
      return passing ? `${line}\n` : undefined;
    }
    if ('baseEnd' in record) {
      const pass = passing;
      passing = true;
      return pass ? `${line}\n` : undefined;
    }
    if ('end' in record && keep) {
      const missing = [...keep].filter((n) => !seen.has(n));
      if (missing.length > 0) throw new ServiceError('BASE_NOT_FOUND', `the backup holds no knowledge base ${missing.join(', ')}`);
      return `${JSON.stringify({ end: { bases: keep.size } })}\n`;
    }
    return `${line}\n`;
  };
  const pass = (line: string): string | undefined => {
    if (line.startsWith('{"atom":')) {
      if (!passing) return undefined;
      onAtom();
      return `${line}\n`;
    }
    if (line.trim() === '') return undefined;
    try {
      return control(line);
    } catch (e) {
      if (e instanceof ServiceError) throw e;
      // Not JSON: let storage's restore report it with its line.
      return `${line}\n`;
    }
  };
  for await (const chunk of chunks) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    const out = lines.map(pass).filter((x): x is string => x !== undefined);
    if (out.length > 0) yield out.join('');
  }
  if (rest !== '') {
    const last = pass(rest);
    if (last !== undefined) yield last;
  }
}
