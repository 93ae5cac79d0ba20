import { AtomeseReader, AtomSpace, atomToJson, type Atom, type AtomJson, type TypeRegistry } from '@ai-opencog/atomspace';

/** A batch of top-level atoms read from an import's input, as the kernel's nested JSON. */
export interface ParsedBatch {
  atoms: AtomJson[];
  /** Top-level atoms read for this batch (an atom read twice counts twice). */
  read: number;
}

export interface BatchOptions {
  types: TypeRegistry;
  /** The name parse errors report. */
  file: string;
  /** Distinct top-level atoms per batch. */
  batchSize: number;
}

/**
 * Reads Atomese text chunks (split anywhere) with the kernel's streaming reader and yields the
 * top-level atoms in batches, each atom with its values as they stand once the batch is complete
 * (so `cog-set-tv!` on an atom read earlier in the batch is in it). Between batches the scratch
 * AtomSpace is emptied, so memory holds one batch, never the whole input; atoms bound by
 * `(define name ATOM)` are kept for later expressions. A syntax error is the kernel's
 * AtomeseError (PARSE_ERROR with file, line and column).
 *
 * The nested atoms of a batch carry the values the input gave them in that batch; an atom that
 * appears again in a later batch without values keeps the ones stored (the kernel's add merges).
 */
export async function* atomeseBatches(chunks: AsyncIterable<string>, options: BatchOptions): AsyncIterable<ParsedBatch> {
  const space = new AtomSpace({ types: options.types, name: 'import' });
  let pending = new Set<Atom>();
  let read = 0;
  const reader = new AtomeseReader(space, { file: options.file }, (item) => {
    if ((item as Atom).isAtom !== true) return;
    pending.add(item as Atom);
    read++;
  });
  const take = (): ParsedBatch => {
    const batch = { atoms: [...pending].map((a) => atomToJson(a, { space })), read };
    pending = new Set();
    read = 0;
    space.clear();
    // Names bound to atoms of the emptied space name their copies from now on.
    for (const [name, atom] of reader.definitions) reader.definitions.set(name, space.add(atom));
    return batch;
  };
  for await (const chunk of chunks) {
    reader.push(chunk);
    if (pending.size >= options.batchSize) yield take();
  }
  reader.end();
  if (pending.size > 0 || read > 0) yield take();
}
