import type { Atom } from '../atoms/atom';
import type { AtomSpace } from '../atoms/atomspace';
import { AtomSpaceError } from '../errors';
import type { Value } from '../values/value';
import { AtomeseInterpreter } from './atomese-interpreter';
import { DEFAULT_MAX_DEPTH, SExprParser, type SExpr } from './sexpr-parser';

export interface ReadOptions {
  /** Name used in error messages; `<input>` by default. */
  file?: string;
  /** Symbols bound by `(define ...)`, shared between the files of one session. */
  definitions?: Map<string, Atom>;
  /** Deepest nesting accepted (default 1000). */
  maxDepth?: number;
}

/** Called with each top-level atom or value read, and the line where it starts. */
export type ItemListener = (item: Atom | Value, line: number) => void;

/**
 * Streaming Atomese reader: push text in chunks of any size; each complete top-level expression
 * is added to the AtomSpace as soon as it is read. Errors are {@link AtomeseError}s with file,
 * line and column.
 */
export class AtomeseReader {
  private readonly parser: SExprParser;
  private readonly interpreter: AtomeseInterpreter;
  private forms = 0;

  constructor(space: AtomSpace, options: ReadOptions = {}, onItem?: ItemListener) {
    const file = options.file ?? '<input>';
    this.interpreter = new AtomeseInterpreter(space, file, options.definitions);
    this.parser = new SExprParser(
      (d: SExpr) => {
        this.forms++;
        const item = this.interpreter.evaluate(d);
        if (item !== undefined && onItem) onItem(item, d.line);
      },
      file,
      options.maxDepth ?? DEFAULT_MAX_DEPTH,
    );
  }

  push(chunk: string): void {
    this.parser.push(chunk);
  }

  /** Ends the input: fails if a list or string is left open. */
  end(): void {
    this.parser.end();
  }

  /** Top-level expressions read so far. */
  get formCount(): number {
    return this.forms;
  }

  get definitions(): Map<string, Atom> {
    return this.interpreter.definitions;
  }
}

/** Reads a whole Atomese text into `space` and returns its top-level atoms and values, in order. */
export function parseAtomese(space: AtomSpace, text: string, options: ReadOptions = {}): (Atom | Value)[] {
  const items: (Atom | Value)[] = [];
  const reader = new AtomeseReader(space, options, (item) => items.push(item));
  reader.push(text);
  reader.end();
  return items;
}

/** Reads exactly one atom from `text` (a query, a rule): anything else is an error. */
export function parseAtom(space: AtomSpace, text: string, options: ReadOptions = {}): Atom {
  const items = parseAtomese(space, text, options);
  const file = options.file ?? '<input>';
  if (items.length !== 1 || (items[0] as Atom).isAtom !== true) {
    throw new AtomSpaceError('PARSE_ERROR', `${file}: expected exactly one atom, got ${items.length} items`);
  }
  return items[0] as Atom;
}

export interface LoadOptions extends ReadOptions {
  /** Called after each chunk with the characters read so far. */
  onProgress?: (charsRead: number) => void;
  /** Stops the load between chunks with an AtomSpaceError('QUERY_ABORTED'). */
  signal?: AbortSignal;
  /**
   * All or nothing: read into a child frame and commit it to `space` only when the whole input
   * was read without error, so a bad file leaves `space` (and `definitions`) unchanged.
   */
  atomic?: boolean;
}

export interface LoadSummary {
  /** Top-level expressions read. */
  forms: number;
  /** Atoms that were new to the space. */
  atomsAdded: number;
}

/**
 * Loads Atomese from a stream of text chunks (for example a file read stream with utf8
 * encoding) into `space`, a chunk at a time, so that files larger than memory allows as one
 * string still load.
 */
export async function loadAtomese(
  space: AtomSpace,
  chunks: AsyncIterable<string> | Iterable<string>,
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const before = space.size;
  const target = options.atomic ? space.createChild('load') : space;
  const reader = new AtomeseReader(target, options);
  const definitionsBefore = target !== space ? new Map(reader.definitions) : undefined;
  let chars = 0;
  try {
    for await (const chunk of chunks) {
      if (options.signal?.aborted) {
        throw new AtomSpaceError('QUERY_ABORTED', `loading ${options.file ?? '<input>'} was cancelled`);
      }
      reader.push(chunk);
      chars += chunk.length;
      options.onProgress?.(chars);
    }
    reader.end();
    if (target !== space) {
      // Names bound to atoms of the frame must name their copies in `space` once it is committed.
      const moved = [...reader.definitions].filter(([, atom]) => atom.owner === target);
      target.commitToParent();
      for (const [name, atom] of moved) reader.definitions.set(name, space.get(atom)!);
    }
  } catch (e) {
    if (definitionsBefore) {
      // All or nothing: the frame goes, and so do the names the failed load bound.
      target.dispose();
      reader.definitions.clear();
      for (const [name, atom] of definitionsBefore) reader.definitions.set(name, atom);
    }
    throw e;
  }
  return { forms: reader.formCount, atomsAdded: space.size - before };
}
