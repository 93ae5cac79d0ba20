import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { loadAtomese, type Atom, type AtomSpace } from '@ai-opencog/atomspace';
import type { CliIo } from './cli-io';
import { InputError } from './cli-errors';
import { ProgressBar } from '@ai-opencog/terminal';

/** Files smaller than this load too fast for a progress bar to be worth drawing. */
const PROGRESS_MIN_BYTES = 1 << 20;

/**
 * Loads Atomese files into one AtomSpace, in order, streaming each file in 1 MiB chunks.
 * `(define ...)` names carry over from one file to the next, as in one Guile session.
 */
export async function loadKnowledgeBases(space: AtomSpace, files: readonly string[], io: CliIo): Promise<void> {
  const definitions = new Map<string, Atom>();
  for (const file of files) {
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a regular file');
      size = st.size;
    } catch (e) {
      throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
    const bar = new ProgressBar(io.stderr, basename(file), size);
    const showProgress = bar.enabled && size >= PROGRESS_MIN_BYTES;
    try {
      await loadAtomese(space, stream as AsyncIterable<string>, {
        file,
        definitions,
        signal: io.signal,
        onProgress: showProgress ? () => bar.update(stream.bytesRead) : undefined,
      });
    } finally {
      stream.destroy();
      bar.finish();
    }
  }
}
