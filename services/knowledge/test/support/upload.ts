import { request } from 'node:http';

export interface Upload {
  /** The job's id, from the answer (sent before the upload ends). */
  jobId: Promise<string>;
  /** Resolves when the upload ends: sent completely, or cut by the service (`error` set). */
  done: Promise<{ bytes: number; error?: Error }>;
  /** Bytes written so far. */
  readonly bytes: number;
  /** Stops sending (the request is destroyed). */
  abort(): void;
}

/**
 * Streams a body to an import route with node:http, a chunk at a time, pausing between chunks,
 * so that a test can act while the upload is under way (fetch would not let it read the answer
 * before the body is sent). Chunked encoding unless `contentLength` is given.
 */
export function upload(
  url: string,
  token: string,
  contentType: string,
  chunks: AsyncIterable<string> | Iterable<string>,
  options: { pauseMs?: number; contentLength?: number } = {},
): Upload {
  let bytes = 0;
  let resolveJob!: (id: string) => void;
  let rejectJob!: (e: Error) => void;
  const jobId = new Promise<string>((resolve, reject) => {
    resolveJob = resolve;
    rejectJob = reject;
  });
  jobId.catch(() => undefined);
  const req = request(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': contentType,
      ...(options.contentLength !== undefined ? { 'content-length': String(options.contentLength) } : {}),
    },
  });
  req.on('response', (res) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      text += chunk;
      try {
        const body = JSON.parse(text) as { jobId?: string; error?: { code: string; message: string } };
        if (body.jobId) resolveJob(body.jobId);
        else rejectJob(Object.assign(new Error(body.error?.message ?? text), { code: body.error?.code, status: res.statusCode }));
      } catch {
        // not all of it yet
      }
    });
    res.on('error', () => undefined);
  });
  const done = (async () => {
    try {
      for await (const chunk of chunks) {
        if (req.destroyed) break;
        bytes += Buffer.byteLength(chunk);
        if (!req.write(chunk)) {
          await new Promise<void>((resolve) => {
            const go = () => {
              req.off('drain', go).off('close', go);
              resolve();
            };
            req.on('drain', go).on('close', go);
          });
        }
        // Let the rest of this process run (the test's own requests) while the upload goes on.
        await new Promise((resolve) => (options.pauseMs ? setTimeout(resolve, options.pauseMs) : setImmediate(resolve)));
      }
      if (req.destroyed) return { bytes, error: new Error('the service closed the connection') };
      req.end();
      await new Promise<void>((resolve, reject) => {
        req.once('close', resolve);
        req.once('error', reject);
      });
      return { bytes };
    } catch (error) {
      return { bytes, error: error as Error };
    }
  })();
  req.on('error', (e) => rejectJob(e));
  return {
    jobId,
    done,
    get bytes() {
      return bytes;
    },
    abort: () => req.destroy(),
  };
}

/** `n` top-level InheritanceLinks with truth values between numbered concepts, one a line. */
export function* inheritanceLines(n: number, perChunk = 500, prefix = 'c'): Iterable<string> {
  for (let i = 0; i < n; i += perChunk) {
    let text = '';
    for (let j = i; j < Math.min(n, i + perChunk); j++) text += `(InheritanceLink (stv 0.8 0.9) (ConceptNode "${prefix}${j}") (ConceptNode "${prefix}-kind${j % 100}"))\n`;
    yield text;
  }
}
