import { z } from 'zod';
import { codeForStatus, errorBodySchema, ServiceError } from './errors';
import { healthSchema, OPERATIONAL_PATHS, readinessSchema, type Health, type Readiness } from './health';
import { isJobFinished, jobRoutes, type Job } from './jobs';
import {
  CONTENT_TYPES,
  fillPath,
  type RouteBodyInput,
  type RouteDef,
  type RouteParamsInput,
  type RouteQueryInput,
  type RouteResponse,
} from './route';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ClientOptions {
  /** Where the service listens, e.g. `http://127.0.0.1:8081` (a path prefix is kept). */
  baseUrl: string;
  /** Bearer token sent with every request. */
  token?: string;
  /** Defaults to the global `fetch` (browsers, Node 20). */
  fetch?: FetchLike;
  /** Time limit of each call in milliseconds (none by default). */
  timeoutMs?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface WaitOptions extends CallOptions {
  /** Polling interval (default 500 ms). */
  intervalMs?: number;
}

/** A streamed (non-JSON) body, for requests and responses. */
export interface RawBody {
  contentType: string;
  body: string | Uint8Array | Blob | ReadableStream<Uint8Array>;
}

/** A streamed response: read it once, whole (`text`) or a line at a time (`lines`). */
export class BodyStream {
  constructor(private readonly response: Response) {}

  get contentType(): string {
    return this.response.headers.get('content-type') ?? '';
  }

  get body(): ReadableStream<Uint8Array> {
    if (!this.response.body) throw new TypeError('the response has no body');
    return this.response.body;
  }

  text(): Promise<string> {
    return this.response.text();
  }

  /** The body's lines without their line ends; works in browsers, where streams are not iterable. */
  async *lines(): AsyncGenerator<string> {
    const reader = this.body.getReader();
    const decoder = new TextDecoder();
    let pending = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          pending += decoder.decode();
          if (pending !== '') yield pending.replace(/\r$/, '');
          return;
        }
        pending += decoder.decode(value, { stream: true });
        for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
          yield pending.slice(0, end).replace(/\r$/, '');
          pending = pending.slice(end + 1);
        }
      }
    } finally {
      reader.releaseLock();
    }
  }
}

interface CallInput<R extends RouteDef> {
  params?: RouteParamsInput<R>;
  query?: RouteQueryInput<R>;
  body?: RouteBodyInput<R>;
  /** A streamed body in place of the JSON one. */
  raw?: RawBody;
}

type JobResultSchemas = Record<string, z.ZodType>;

/**
 * What both service clients share: calling a route of the table (URL from the path and params,
 * bearer token, JSON in and out, the response validated by the route's schema), error bodies
 * thrown as ServiceError, jobs, health and readiness. Network failures are ServiceError
 * `UNAVAILABLE` with status 0; an exceeded `timeoutMs` is `TIMEOUT` with status 0; a caller's
 * abort rejects with the signal's reason, as fetch does.
 */
export abstract class ServiceClient<Results extends JobResultSchemas> {
  private readonly baseUrl: string;
  private readonly token: string | undefined;
  private readonly fetchImpl: FetchLike;
  private readonly timeoutMs: number | undefined;

  protected constructor(
    private readonly jobResults: Results,
    options: ClientOptions,
  ) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.timeoutMs = options.timeoutMs;
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') throw new TypeError('no fetch: pass options.fetch');
    // Global fetch must be called unbound from its owner, or browsers throw "Illegal invocation".
    this.fetchImpl = (input, init) => fetchImpl(input, init);
  }

  listJobs(query: RouteQueryInput<typeof jobRoutes.listJobs> = {}, options?: CallOptions) {
    return this.call(jobRoutes.listJobs, { query }, options);
  }

  getJob(jobId: string, options?: CallOptions) {
    return this.call(jobRoutes.getJob, { params: { jobId } }, options);
  }

  cancelJob(jobId: string, options?: CallOptions) {
    return this.call(jobRoutes.cancelJob, { params: { jobId } }, options);
  }

  /** Polls the job until it has finished (succeeded, failed or cancelled), and returns it. */
  async waitForJob(jobId: string, options: WaitOptions = {}): Promise<Job> {
    for (;;) {
      const job = await this.getJob(jobId, options);
      if (isJobFinished(job.status)) return job;
      await abortableDelay(options.intervalMs ?? 500, options.signal);
    }
  }

  /**
   * Waits for a job of `kind` and returns its result, validated by the kind's schema. A failed
   * job throws its error as ServiceError; a cancelled one throws `QUERY_ABORTED`.
   */
  async waitForResult<K extends keyof Results & string>(jobId: string, kind: K, options: WaitOptions = {}): Promise<z.output<Results[K]>> {
    const job = await this.waitForJob(jobId, options);
    if (job.kind !== kind) throw new ServiceError('BAD_REQUEST', `job ${jobId} is a ${job.kind} job, not ${kind}`);
    if (job.status === 'failed') throw ServiceError.fromInfo(job.error ?? { code: 'INTERNAL', message: 'job failed' });
    if (job.status === 'cancelled') throw new ServiceError('QUERY_ABORTED', `job ${jobId} was cancelled`);
    return this.validated(this.jobResults[kind]!, job.result, `result of job ${jobId}`, 200) as z.output<Results[K]>;
  }

  async health(options?: CallOptions): Promise<Health> {
    const response = await this.send('GET', OPERATIONAL_PATHS.health, {}, options);
    return this.validated(healthSchema, await this.json(response), 'GET /healthz', response.status);
  }

  /** The readiness report, also when the service answers 503 (not ready). */
  async readiness(options?: CallOptions): Promise<Readiness> {
    const response = await this.send('GET', OPERATIONAL_PATHS.ready, {}, options, [503]);
    return this.validated(readinessSchema, await this.json(response), 'GET /readyz', response.status);
  }

  /** Calls a JSON route and returns its validated response. */
  protected async call<R extends RouteDef>(route: R, input: CallInput<R>, options?: CallOptions): Promise<RouteResponse<R>> {
    const response = await this.open(route, input, options);
    if (!route.response || response.status === 204) {
      await response.body?.cancel();
      return undefined as RouteResponse<R>;
    }
    const body = await this.json(response);
    return this.validated(route.response, body, `${route.method} ${route.path}`, response.status) as RouteResponse<R>;
  }

  /** Calls a route whose response is streamed. */
  protected async stream<R extends RouteDef>(route: R, input: CallInput<R>, options?: CallOptions): Promise<BodyStream> {
    return new BodyStream(await this.open(route, input, options));
  }

  private open<R extends RouteDef>(route: R, input: CallInput<R>, options?: CallOptions): Promise<Response> {
    const path = fillPath(route.path, (input.params ?? {}) as Record<string, string>);
    return this.send(route.method, path + queryString(input.query), input, options);
  }

  /** One request; a non-2xx status (other than `alsoOk`) is thrown as ServiceError. */
  private async send(
    method: string,
    pathAndQuery: string,
    { body, raw }: { body?: unknown; raw?: RawBody },
    options: CallOptions = {},
    alsoOk: number[] = [],
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: CONTENT_TYPES.json };
    if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
    const init: RequestInit & { duplex?: 'half' } = { method, headers };
    if (raw !== undefined) {
      headers['content-type'] = raw.contentType;
      init.body = raw.body as BodyInit;
      // Node's fetch needs to be told that a streamed request body is sent while reading the response.
      if (typeof ReadableStream !== 'undefined' && raw.body instanceof ReadableStream) init.duplex = 'half';
    } else if (body !== undefined) {
      headers['content-type'] = CONTENT_TYPES.json;
      init.body = JSON.stringify(body);
    }
    const url = this.baseUrl + pathAndQuery;
    const { signal, timedOut, done } = this.deadline(options.signal);
    init.signal = signal;
    let response: Response;
    try {
      response = await this.fetchImpl(url, init);
    } catch (error) {
      done();
      if (timedOut()) throw new ServiceError('TIMEOUT', `${method} ${url} took longer than ${this.timeoutMs} ms`, undefined, 0);
      if (options.signal?.aborted) throw options.signal.reason;
      throw new ServiceError('UNAVAILABLE', `cannot reach ${url}: ${errorMessage(error)}`, undefined, 0);
    }
    done();
    if (response.ok || alsoOk.includes(response.status)) return response;
    throw await errorFrom(response);
  }

  private deadline(signal: AbortSignal | undefined): { signal: AbortSignal | undefined; timedOut: () => boolean; done: () => void } {
    if (this.timeoutMs === undefined) return { signal, timedOut: () => false, done: () => undefined };
    const controller = new AbortController();
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      controller.abort(new Error('timeout'));
    }, this.timeoutMs);
    const forward = () => controller.abort(signal?.reason);
    if (signal?.aborted) forward();
    signal?.addEventListener('abort', forward, { once: true });
    return {
      signal: controller.signal,
      timedOut: () => expired,
      done: () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', forward);
      },
    };
  }

  private async json(response: Response): Promise<unknown> {
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new ServiceError('INTERNAL', `the service answered ${response.status} with a body that is not JSON`, undefined, response.status);
    }
  }

  private validated<S extends z.ZodType>(schema: S, value: unknown, what: string, status: number): z.output<S> {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new ServiceError(
      'INTERNAL',
      `unexpected ${what} from the service: ${z.prettifyError(parsed.error)}`,
      { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
      status,
    );
  }
}

function queryString(query: unknown): string {
  if (query === undefined || query === null) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value !== undefined) search.append(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** The ServiceError of an error response: from its error body, else from its status. */
async function errorFrom(response: Response): Promise<ServiceError> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) return ServiceError.fromInfo(parsed.data.error, response.status);
  const message = text.trim().slice(0, 200) || response.statusText || `HTTP ${response.status}`;
  return new ServiceError(codeForStatus(response.status), message, undefined, response.status);
}

function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it is aborted. */
export function abortableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
