import {
  AtomSpace,
  AtomSpaceError,
  executeQuery,
  isAtomValue,
  parseAtom,
  parseAtomese,
  type Atom,
  type AtomSpaceErrorCode,
  type QueryOptions,
  type QueryResult,
} from '../../src';

/** A space holding the atoms of `text`. */
export function spaceWith(text = ''): AtomSpace {
  const space = new AtomSpace();
  parseAtomese(space, text);
  return space;
}

/** The atoms of `text`, written in full form and sorted: the expected side of a comparison. */
export function sorted(text: string): string[] {
  return parseAtomese(new AtomSpace(), text)
    .filter(isAtomValue)
    .map(String)
    .sort();
}

/** The members of a query result (SetLink members or LinkValue items), as sorted strings. */
export function members(result: QueryResult): string[] {
  if (result.kind === 'set') return result.atom.outgoing.map(String).sort();
  if (result.kind === 'value') return result.value.items.map(String).sort();
  throw new Error(`expected a set or value result, got a truth value ${result.tv}`);
}

/** Reads the query `text` into `space`, executes it and returns its results as sorted strings. */
export function run(space: AtomSpace, text: string, options?: QueryOptions): string[] {
  return members(executeQuery(space, parseAtom(space, text), options));
}

/** Runs `f`, expects an AtomSpaceError with `code`, and returns its message. */
export function errorOf(code: AtomSpaceErrorCode, f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof AtomSpaceError && e.code === code) return e.message;
    throw new Error(`expected ${code}, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  throw new Error(`expected ${code}, but nothing was thrown`);
}

/** The error message of executing the query `text` in `space`. */
export function queryError(code: AtomSpaceErrorCode, space: AtomSpace, text: string, options?: QueryOptions): string {
  const query: Atom = parseAtom(space, text);
  return errorOf(code, () => executeQuery(space, query, options));
}
