import { StringDecoder } from 'node:string_decoder';
import type { AtomJson, TypeRegistry } from '@ai-opencog/atomspace';
import { ServiceError, type ImportResult } from '@ai-opencog/protocol';
import type { JobContext, Logger } from '@ai-opencog/service-kit';
import { yieldToEventLoop } from '../event-loop';
import type { KnowledgeMetrics } from '../knowledge-metrics';
import { atomeseBatches, type ParsedBatch } from './atomese-batches';
import { checkJsonAtoms } from './json-atoms';
import { jsonLineBatches } from './json-line-batches';
import { inTurn, StagedImport, type StagingDeps } from './staging';

/** What to import: streamed Atomese or JSON lines, or the atoms of a JSON body. */
export type ImportInput =
  | { format: 'atomese' | 'jsonl'; chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>; totalBytes?: number }
  | { format: 'json'; atoms: readonly AtomJson[] };

export interface ImportRequest {
  base: string;
  input: ImportInput;
  /** The name parse errors report. */
  file: string;
  /** All or nothing (staged, then committed); else batches are stored as they are read. */
  atomic: boolean;
}

export interface ImporterDeps extends StagingDeps {
  types: TypeRegistry;
  metrics?: KnowledgeMetrics;
  log: Logger;
}

/**
 * Runs an import as a job. Progress: `done`/`total` are bytes of input read / its length (0 when
 * not known), and the message says what is stored:
 *   `reading: R atoms read, S stored`       (atomic=false: the first S top-level atoms of the
 *                                            input are in the base, durably)
 *   `reading: R atoms read, S staged`       (atomic: nothing is in the base yet)
 *   `committing: C of T atoms stored`       (atomic: the input was good; the import happens)
 * The result is `{count, atomCount}`: top-level atoms read, atoms in the base afterwards.
 */
export class Importer {
  constructor(private readonly deps: ImporterDeps) {}

  async run(request: ImportRequest, job: JobContext): Promise<ImportResult> {
    const { deps } = this;
    const started = performance.now();
    const format = request.input.format;
    const totalBytes = request.input.format === 'json' ? 0 : (request.input.totalBytes ?? 0);
    let bytes = 0;
    let read = 0;
    let stored = 0;
    let outcome: 'succeeded' | 'failed' | 'cancelled' = 'failed';
    const staged = request.atomic ? await StagedImport.begin(deps, await deps.store.getBase(request.base)) : undefined;
    const reading = () => job.progress(bytes, totalBytes, `reading: ${read} atoms read, ${stored} ${staged ? 'staged' : 'stored'}`);
    try {
      const batches = this.batches(request, (n) => {
        bytes += n;
      });
      for await (const batch of batches) {
        checkNotCancelled(job.signal);
        read += batch.read;
        if (staged) await staged.add(batch.atoms);
        else await inTurn(deps, () => deps.store.upsertAtoms(request.base, batch.atoms));
        stored += batch.read;
        reading();
        await yieldToEventLoop();
      }
      checkNotCancelled(job.signal);
      reading();
      if (staged) {
        await staged.commit((done, total) => job.progress(bytes, totalBytes, `committing: ${done} of ${total} atoms stored`));
      }
      const info = await deps.store.getBase(request.base);
      outcome = 'succeeded';
      return { count: read, atomCount: info.atomCount };
    } catch (e) {
      if (job.signal.aborted) outcome = 'cancelled';
      await staged?.discard(job.log);
      throw job.signal.aborted && !(e instanceof ServiceError) ? job.signal.reason : e;
    } finally {
      deps.metrics?.importFinished(format, outcome, read, bytes, (performance.now() - started) / 1000);
    }
  }

  private batches(request: ImportRequest, onBytes: (n: number) => void): AsyncIterable<ParsedBatch> {
    const { input } = request;
    const options = { types: this.deps.types, file: request.file, batchSize: this.deps.batchSize };
    if (input.format === 'json') return jsonAtomBatches(input.atoms, this.deps.types, this.deps.batchSize);
    const text = decodeUtf8(input.chunks, onBytes);
    return input.format === 'atomese' ? atomeseBatches(text, options) : jsonLineBatches(text, options);
  }
}

/** Text of UTF-8 chunks (characters split between chunks are joined), counting the bytes. */
async function* decodeUtf8(chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, onBytes: (n: number) => void): AsyncIterable<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      onBytes(Buffer.byteLength(chunk));
      yield chunk;
    } else {
      onBytes(chunk.length);
      const text = decoder.write(chunk);
      if (text !== '') yield text;
    }
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

async function* jsonAtomBatches(atoms: readonly AtomJson[], types: TypeRegistry, batchSize: number): AsyncIterable<ParsedBatch> {
  checkJsonAtoms(atoms, types);
  for (let i = 0; i < atoms.length; i += batchSize) {
    const slice = atoms.slice(i, i + batchSize);
    yield { atoms: slice, read: slice.length };
  }
}

function checkNotCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new ServiceError('QUERY_ABORTED', 'the import was cancelled');
}
