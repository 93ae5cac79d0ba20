import { randomBytes } from 'node:crypto';
import { AtomeseReader, atomToJson, rootAtoms } from '@ai-opencog/atomspace';
import {
  CONTENT_TYPES,
  isJobFinished,
  ServiceError,
  type Job,
  type KnowledgeClient,
  type LoadResult,
  type RawBody,
  type SaveResult,
} from '@ai-opencog/protocol';
import type { JobContext } from '@ai-opencog/service-kit';
import type { Space } from '../spaces/space';
import type { WorkingMemory } from '../spaces/working-memory';

/** How often a save polls the knowledge service's import job. */
const POLL_MS = 200;
/** Root atoms per chunk of the JSON lines sent to the knowledge service. */
const LINES_PER_CHUNK = 500;

/**
 * Loading spaces from knowledge bases and saving them back, through the knowledge service's
 * HTTP API (protocol's KnowledgeClient); each runs as a job of the cognitive service.
 */
export class KnowledgeSync {
  constructor(
    private readonly client: KnowledgeClient,
    private readonly memory: WorkingMemory,
  ) {}

  /**
   * Streams the base's export (Atomese) through the kernel's streaming reader into a frame over
   * the space, and commits the frame once all of it was read: a base that fails to read (an
   * unknown type, say), a cancel or a space limit leaves the space as it was. Resolves with the
   * number of atoms the space holds afterwards.
   */
  async load(space: Space, base: string, job: JobContext): Promise<LoadResult> {
    const { signal } = job;
    const info = await this.client.getBase(base, { signal });
    const body = await this.client.exportAtoms(base, { format: 'atomese' }, { signal });
    const frame = space.atoms.createChild(`load ${base}`);
    try {
      const reader = new AtomeseReader(frame, { file: `${base}.scm` });
      let lines = 0;
      for await (const line of body.lines()) {
        if (signal.aborted) throw stopped(signal);
        reader.push(line);
        reader.push('\n');
        if (++lines % 1_000 === 0) {
          this.memory.checkRoom(space, frame.ownSize);
          job.progress(frame.ownSize, info.atomCount, `${frame.ownSize} new atoms read`);
        }
      }
      reader.end();
      if (signal.aborted) throw stopped(signal);
      this.requireHeld(space);
      this.memory.checkRoom(space, frame.ownSize);
      frame.commitToParent();
    } catch (error) {
      frame.dispose();
      throw error;
    }
    space.setLoadedFrom({ base });
    job.progress(info.atomCount, info.atomCount, 'loaded');
    return { base, atomCount: space.size };
  }

  /**
   * Sends the space's atoms (each atom not inside another, as a JSON line with its values and
   * those of the atoms inside it) to the knowledge service's import, as one atomic import job,
   * and waits for it.
   * - `merge`: into the base; atoms it holds already get the space's values.
   * - `replace`: the base is to hold exactly the space's atoms. The knowledge service's routes
   *   cannot remove atoms from a base, so the atoms go into a new base, which then takes the
   *   name: the base as it was is renamed `<base>.previous-<time>` (with its snapshots and
   *   journal), never deleted. A failed import leaves the base as it was.
   */
  async save(space: Space, request: { base: string; mode: 'merge' | 'replace'; createBase: boolean }, job: JobContext): Promise<SaveResult> {
    const { signal } = job;
    const exists = await this.baseExists(request.base, signal);
    if (!exists && !request.createBase) throw new ServiceError('BASE_NOT_FOUND', `no knowledge base named ${request.base} (set createBase to create it)`);
    if (request.mode === 'merge' || !exists) {
      if (!exists) await this.client.createBase({ name: request.base }, { signal });
      const atomCount = await this.importInto(request.base, space, job);
      return { base: request.base, atomCount };
    }
    const staging = derivedName(request.base, `staging-${randomBytes(3).toString('hex')}`);
    await this.client.createBase({ name: staging, description: `atoms of space ${space.name} on their way to ${request.base}` }, { signal });
    let atomCount: number;
    try {
      atomCount = await this.importInto(staging, space, job);
    } catch (error) {
      await this.client.deleteBase(staging).catch(() => undefined); // needs the admin role; else it stays, empty or partial
      throw error;
    }
    const previous = derivedName(request.base, `previous-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`);
    await this.client.updateBase(request.base, { name: previous });
    try {
      await this.client.updateBase(staging, { name: request.base });
    } catch (error) {
      // Put the base back as it was rather than leave its name free.
      await this.client.updateBase(previous, { name: request.base }).catch(() => undefined);
      throw error;
    }
    return { base: request.base, atomCount };
  }

  private async baseExists(base: string, signal: AbortSignal): Promise<boolean> {
    try {
      await this.client.getBase(base, { signal });
      return true;
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'BASE_NOT_FOUND') return false;
      throw error;
    }
  }

  /** Imports the space's root atoms as JSON lines, atomically, and waits for the import job; returns the base's atom count. */
  private async importInto(base: string, space: Space, job: JobContext): Promise<number> {
    const roots = rootAtoms(space.atoms);
    let next = 0;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        if (job.signal.aborted) return controller.error(stopped(job.signal));
        if (next >= roots.length) return controller.close();
        const chunk = roots.slice(next, next + LINES_PER_CHUNK);
        next += chunk.length;
        controller.enqueue(encoder.encode(chunk.map((a) => `${JSON.stringify(atomToJson(a, { space: space.atoms }))}\n`).join('')));
        job.progress(next, roots.length * 2, `${next} of ${roots.length} atoms sent`);
      },
    });
    const { jobId } = await this.client.importAtoms(
      base,
      { contentType: CONTENT_TYPES.jsonLines, body: body as unknown as RawBody['body'] },
      { atomic: true, file: `space ${space.name}` },
      { signal: job.signal },
    );
    const done = await this.follow(jobId, roots.length, job);
    if (done.status === 'failed') throw ServiceError.fromInfo(done.error ?? { code: 'INTERNAL', message: 'the import failed' });
    if (done.status === 'cancelled') throw new ServiceError('QUERY_ABORTED', `the knowledge service's import job ${jobId} was cancelled`);
    const result = done.result as { atomCount?: unknown } | undefined;
    return typeof result?.atomCount === 'number' ? result.atomCount : roots.length;
  }

  /** Polls a knowledge job to its end, reporting its progress as the second half of ours; cancels it if we are cancelled. */
  private async follow(jobId: string, sent: number, job: JobContext): Promise<Job> {
    for (;;) {
      if (job.signal.aborted) {
        await this.client.cancelJob(jobId).catch(() => undefined);
        throw stopped(job.signal);
      }
      const remote = await this.client.getJob(jobId, { signal: job.signal }).catch((error: unknown) => {
        if (job.signal.aborted) return undefined;
        throw error;
      });
      if (remote && isJobFinished(remote.status)) return remote;
      const p = remote?.progress;
      if (p && p.total > 0) job.progress(sent + (sent * p.done) / p.total, sent * 2, 'the knowledge service is storing the atoms');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private requireHeld(space: Space): void {
    if (this.memory.get(space.name) !== space) throw new ServiceError('SPACE_NOT_FOUND', `space ${space.name} was dropped`);
  }
}

/** `<base>.<suffix>`, the base's name shortened so that the whole stays a valid name (64 characters). */
function derivedName(base: string, suffix: string): string {
  return `${base.slice(0, 64 - suffix.length - 1)}.${suffix}`;
}

function stopped(signal: AbortSignal): ServiceError {
  return signal.reason instanceof ServiceError ? signal.reason : new ServiceError('QUERY_ABORTED', 'the job was stopped');
}
