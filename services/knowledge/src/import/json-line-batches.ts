import { AtomeseError, AtomSpace, AtomSpaceError, atomFromJson, type AtomJson } from '@ai-opencog/atomspace';
import type { BatchOptions, ParsedBatch } from './atomese-batches';
import { jsonErrorOffset } from './json-error-offset';

/** The longest line taken: a line this long without its end is refused rather than buffered. */
export const MAX_JSON_LINE = 16 * 1024 * 1024;
const MAX_DEPTH = 256;

/**
 * Reads JSON lines (`application/x-ndjson`), one atom in the kernel's JSON form per line (blank
 * lines are skipped), and yields them in batches. Every line is checked as the kernel adds it
 * (types from the registry, shape, values); a bad line is an AtomeseError (PARSE_ERROR) with the
 * file, the line and the column where the JSON breaks (1 when the JSON is well formed but is not
 * an atom), so that both import formats report errors alike.
 */
export async function* jsonLineBatches(chunks: AsyncIterable<string>, options: BatchOptions): AsyncIterable<ParsedBatch> {
  const space = new AtomSpace({ types: options.types, name: 'import' });
  let batch: AtomJson[] = [];
  let rest = '';
  let line = 0;
  const take = (): ParsedBatch => {
    const out = { atoms: batch, read: batch.length };
    batch = [];
    space.clear();
    return out;
  };
  const accept = (text: string) => {
    line++;
    const atom = parseLine(text, line, options.file, space);
    if (atom) batch.push(atom);
  };
  for await (const chunk of chunks) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const part of parts) accept(part);
    if (rest.length > MAX_JSON_LINE) {
      throw new AtomeseError(`the line is longer than ${MAX_JSON_LINE} characters`, options.file, line + 1, 1);
    }
    if (batch.length >= options.batchSize) yield take();
  }
  if (rest !== '') accept(rest);
  if (batch.length > 0) yield take();
}

function parseLine(raw: string, line: number, file: string, space: AtomSpace): AtomJson | undefined {
  const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const offset = jsonErrorOffset(text);
    const reason = (e as Error).message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    throw new AtomeseError(`not JSON: ${reason}`, file, line, offset + 1);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new AtomeseError('a line must hold one atom as a JSON object, like {"type":"ConceptNode","name":"cat"}', file, line, 1);
  }
  if (depthOf(json) > MAX_DEPTH) throw new AtomeseError(`the atom is nested deeper than ${MAX_DEPTH} levels`, file, line, 1);
  try {
    atomFromJson(space, json);
  } catch (e) {
    if (e instanceof AtomSpaceError) throw new AtomeseError(e.message, file, line, 1);
    throw e;
  }
  return json as AtomJson;
}

/** Nesting depth of a JSON value, without recursion, stopping past the limit. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}
