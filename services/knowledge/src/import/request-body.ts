import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { Transform, pipeline, addAbortSignal, type Readable } from 'node:stream';
import { isJobFinished, ServiceError } from '@ai-opencog/protocol';
import type { JobManager, RawRequest } from '@ai-opencog/service-kit';
import type { Response } from 'express';

/**
 * A streamed request body read by a job. The body is piped at once into a bounded buffer (so that
 * Node does not discard it once the request is answered), limited in size, and read by the job at
 * its own pace (the client's upload waits while the job is queued or busy).
 *
 * The answer (`202 {jobId}`) is sent at once but ended only once the whole body has arrived (or
 * the job has ended): HTTP clients such as fetch stop sending a body as soon as its answer has
 * ended. A client that wants to follow the job during the upload reads the answer as it comes.
 * When the job ends early (a parse error, a cancel) the answer is ended and the request dropped,
 * so that the client stops sending.
 */
export class StreamedBody {
  private readonly stream: Transform;
  /** The request's connection (an http.IncomingMessage's), taken now: Node detaches it once the request is destroyed. */
  private readonly socket: Socket | undefined;

  constructor(
    private readonly raw: RawRequest,
    readonly limitBytes: number,
  ) {
    this.socket = (raw.stream as Partial<IncomingMessage>).socket ?? undefined;
    if (raw.length !== undefined && raw.length > limitBytes) throw tooLarge(limitBytes);
    let size = 0;
    this.stream = new Transform({
      highWaterMark: 1 << 20,
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > limitBytes) done(tooLarge(limitBytes));
        else done(null, chunk);
      },
    });
    // Errors reach the job through the buffer (destroyed with them); nothing to do here.
    pipeline(raw.stream, this.stream, () => undefined);
  }

  /** The body's chunks, for the job; aborting the signal stops the read (and the upload). */
  async *chunks(signal: AbortSignal): AsyncIterable<Buffer> {
    addAbortSignal(signal, this.stream);
    try {
      for await (const chunk of this.stream as AsyncIterable<Buffer>) yield chunk;
    } catch (e) {
      if (signal.aborted) throw signal.reason;
      if (e instanceof ServiceError) throw e;
      throw new ServiceError('BAD_REQUEST', `the request body could not be read to its end: ${(e as Error).message}`);
    }
  }

  /**
   * Answers `202 {jobId}` now and ends the answer when the body has all arrived or the job has
   * ended; a job that ended before reading all of it has the request dropped.
   */
  answer(res: Response, jobs: JobManager, jobId: string): void {
    res.status(202);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.write(JSON.stringify({ jobId }));
    const end = () => {
      if (!res.writableEnded) res.end();
    };
    this.raw.stream.once('end', end);
    const stop = jobs.subscribe((event) => {
      if (event.jobId === jobId && event.type !== 'job-progress') release();
    });
    const release = () => {
      stop();
      end();
      // Destroying the request alone leaves its connection open (Node detaches it): cut it, so that the client stops sending.
      if (!this.raw.stream.readableEnded) res.once('finish', () => this.drop());
    };
    const job = jobs.get(jobId);
    if (job && isJobFinished(job.status)) release();
  }

  private drop(): void {
    const socket = this.socket;
    this.stream.destroy();
    socket?.destroy();
  }
}

/** A readable body's chunks with a size limit, for synchronous uploads. */
export function limitedChunks(stream: Readable, limitBytes: number, signal: AbortSignal): AsyncIterable<Buffer> {
  return new StreamedBody({ contentType: '', stream }, limitBytes).chunks(signal);
}

function tooLarge(limit: number): ServiceError {
  return new ServiceError('PAYLOAD_TOO_LARGE', `the request body is larger than ${limit} bytes (STREAM_BODY_LIMIT)`, { limit });
}
