import { z } from 'zod';
import { ServiceError } from './errors';
import {
  STREAM_PATH,
  streamServerMessageSchema,
  type AtomEventMessage,
  type JobEventMessage,
  type StreamClientMessage,
  type StreamServerMessage,
} from './stream-messages';

/* eslint-disable @typescript-eslint/no-explicit-any -- the browser's and ws's event classes differ; the client reads only `data`, `code` and `reason`. */
/** The part of a WebSocket the client uses: the browser's and the `ws` package's both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: any) => void) | null;
  onmessage: ((event: any) => void) | null;
  onclose: ((event: any) => void) | null;
  onerror: ((event: any) => void) | null;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export type WebSocketConstructor = new (url: string, options?: { headers: Record<string, string> }) => WebSocketLike;

export interface ReconnectOptions {
  /** First delay after a lost connection (default 500 ms); it doubles up to `maxDelayMs`. */
  initialDelayMs?: number;
  /** Default 30 s. */
  maxDelayMs?: number;
}

export interface StreamClientOptions {
  /** The service's base URL (`http(s)://` or `ws(s)://`); the stream is at `/v1/stream` below it. */
  baseUrl: string;
  token?: string;
  /** Default: the global WebSocket (browsers, Node 22). In Node 20 pass the `ws` package's class. */
  WebSocket?: WebSocketConstructor;
  /**
   * How the token travels: `query` (`?token=`, the only way in browsers) or `header`
   * (`Authorization`, which needs the `ws` package). Default `query`.
   */
  tokenIn?: 'query' | 'header';
  /** `false`: do not reconnect. */
  reconnect?: ReconnectOptions | false;
  /** How long an acknowledgement may take (default 10 s). */
  replyTimeoutMs?: number;
}

/** A subscription: `ready` settles with the service's reply; `unsubscribe` ends it. */
export interface Subscription {
  readonly ready: Promise<void>;
  unsubscribe(): void;
}

export interface StreamClientEvents {
  open: void;
  close: { code: number; reason: string };
  message: StreamServerMessage;
  error: Error;
}

type Listener<T> = (value: T) => void;

interface Topic {
  subscribe: StreamClientMessage;
  unsubscribe: StreamClientMessage;
  listeners: Set<Listener<StreamServerMessage>>;
  ready: Deferred;
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
  settled: boolean;
}

const OPEN = 1;
const JOB_END = new Set(['job-finished', 'job-failed', 'job-cancelled']);

/**
 * A client of the `/v1/stream` WebSocket: typed messages, subscriptions to spaces and jobs that
 * survive reconnects (it subscribes again after each one), replies matched to requests by id,
 * and reconnection with exponential backoff and jitter.
 */
export class StreamClient {
  private socket: WebSocketLike | undefined;
  private closedByUser = true;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  private readonly topics = new Map<string, Topic>();
  private readonly pending = new Map<string, { deferred: Deferred; timer: ReturnType<typeof setTimeout> }>();
  private readonly listeners: { [K in keyof StreamClientEvents]: Set<Listener<StreamClientEvents[K]>> } = {
    open: new Set(),
    close: new Set(),
    message: new Set(),
    error: new Set(),
  };
  private readonly WebSocketClass: WebSocketConstructor;

  constructor(private readonly options: StreamClientOptions) {
    const ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!ctor) throw new TypeError('no WebSocket class: pass options.WebSocket (e.g. the ws package)');
    this.WebSocketClass = ctor;
  }

  get connected(): boolean {
    return this.socket?.readyState === OPEN;
  }

  /** Opens the connection (and keeps it open, reconnecting) until `close()`. */
  connect(): void {
    if (!this.closedByUser) return;
    this.closedByUser = false;
    this.open();
  }

  /** Closes the connection for good; subscriptions are dropped. */
  close(): void {
    this.closedByUser = true;
    clearTimeout(this.reconnectTimer);
    this.socket?.close(1000, 'client closed');
    this.socket = undefined;
    this.failPending(new ServiceError('UNAVAILABLE', 'the stream client was closed', undefined, 0));
    for (const topic of this.topics.values()) settle(topic.ready, new ServiceError('UNAVAILABLE', 'the stream client was closed', undefined, 0));
    this.topics.clear();
  }

  on<K extends keyof StreamClientEvents>(event: K, listener: Listener<StreamClientEvents[K]>): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  /** Atom added/removed/value-changed events of a space (cognitive service). */
  subscribeSpace(space: string, listener: Listener<AtomEventMessage>): Subscription {
    return this.subscribe(
      `space:${space}`,
      { type: 'subscribe-space', space },
      { type: 'unsubscribe-space', space },
      listener as Listener<StreamServerMessage>,
    );
  }

  /** Progress and the end (finished, failed or cancelled) of a job; ends by itself with the job. */
  subscribeJob(jobId: string, listener: Listener<JobEventMessage>): Subscription {
    return this.subscribe(
      `job:${jobId}`,
      { type: 'subscribe-job', jobId },
      { type: 'unsubscribe-job', jobId },
      listener as Listener<StreamServerMessage>,
    );
  }

  /** The job's result once it finishes; a failed job rejects with its error, a cancelled one with QUERY_ABORTED. */
  waitForJob(jobId: string, onProgress?: (message: JobEventMessage & { type: 'job-progress' }) => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const subscription = this.subscribeJob(jobId, (message) => {
        if (message.type === 'job-progress') onProgress?.(message);
        else if (message.type === 'job-finished') resolve(message.result);
        else if (message.type === 'job-failed') reject(ServiceError.fromInfo(message.error));
        else reject(new ServiceError('QUERY_ABORTED', `job ${jobId} was cancelled`));
      });
      subscription.ready.catch(reject);
    });
  }

  /** Round trip to the service; rejects when not connected. */
  ping(): Promise<void> {
    return this.request({ type: 'ping' });
  }

  private subscribe(
    key: string,
    subscribe: StreamClientMessage,
    unsubscribe: StreamClientMessage,
    listener: Listener<StreamServerMessage>,
  ): Subscription {
    let topic = this.topics.get(key);
    if (!topic) {
      topic = { subscribe, unsubscribe, listeners: new Set(), ready: deferred() };
      this.topics.set(key, topic);
      if (this.connected) this.sendSubscribe(key, topic);
    }
    const current = topic;
    current.listeners.add(listener);
    return {
      ready: current.ready.promise,
      unsubscribe: () => {
        current.listeners.delete(listener);
        if (current.listeners.size > 0 || this.topics.get(key) !== current) return;
        this.topics.delete(key);
        if (this.connected) this.request(current.unsubscribe).catch((e: Error) => this.emit('error', e));
      },
    };
  }

  private sendSubscribe(key: string, topic: Topic): void {
    this.request(topic.subscribe).then(
      () => settle(topic.ready),
      (error: Error) => {
        // A refused subscription (unknown space or job) ends; a lost connection is retried on reconnect.
        if (error instanceof ServiceError && error.status === 0) return;
        if (this.topics.get(key) === topic) this.topics.delete(key);
        if (topic.ready.settled) this.emit('error', error);
        else settle(topic.ready, error);
      },
    );
  }

  private request(message: StreamClientMessage): Promise<void> {
    if (!this.connected) return Promise.reject(new ServiceError('UNAVAILABLE', 'the stream is not connected', undefined, 0));
    const id = `c${this.nextId++}`;
    const d = deferred();
    const timer = setTimeout(() => {
      this.pending.delete(id);
      settle(d, new ServiceError('TIMEOUT', `no reply to ${message.type} in time`, undefined, 0));
    }, this.options.replyTimeoutMs ?? 10_000);
    this.pending.set(id, { deferred: d, timer });
    this.socket!.send(JSON.stringify({ ...message, id }));
    return d.promise;
  }

  private open(): void {
    const socket = new this.WebSocketClass(this.url(), this.socketOptions());
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.emit('open', undefined);
      for (const [key, topic] of this.topics) this.sendSubscribe(key, topic);
    };
    socket.onmessage = (event: { data: unknown }) => this.receive(event.data);
    socket.onerror = () => this.emit('error', new ServiceError('UNAVAILABLE', 'stream connection error', undefined, 0));
    socket.onclose = (event: { code: number; reason: string }) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.failPending(new ServiceError('UNAVAILABLE', `the stream closed (${event.code})`, undefined, 0));
      this.emit('close', { code: event.code, reason: event.reason });
      if (!this.closedByUser && this.options.reconnect !== false) this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    const { initialDelayMs = 500, maxDelayMs = 30_000 } = this.options.reconnect || {};
    const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** this.attempt++);
    // Jitter spreads the reconnects of many clients after a restart.
    const wait = ceiling / 2 + Math.random() * (ceiling / 2);
    this.reconnectTimer = setTimeout(() => {
      if (!this.closedByUser) this.open();
    }, wait);
  }

  private receive(data: unknown): void {
    let message: StreamServerMessage;
    try {
      const text = typeof data === 'string' ? data : new TextDecoder().decode(data as ArrayBuffer | Uint8Array);
      const parsed = streamServerMessageSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
      message = parsed.data;
    } catch (error) {
      this.emit('error', new ServiceError('INTERNAL', `unexpected stream message: ${(error as Error).message}`, undefined, 0));
      return;
    }
    this.emit('message', message);
    if (message.type === 'ack' || message.type === 'pong' || message.type === 'error') {
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (waiting) {
        this.pending.delete(message.id!);
        clearTimeout(waiting.timer);
        settle(waiting.deferred, message.type === 'error' ? ServiceError.fromInfo(message.error) : undefined);
      } else if (message.type === 'error') {
        this.emit('error', ServiceError.fromInfo(message.error));
      }
      return;
    }
    const key = 'space' in message ? `space:${message.space}` : `job:${message.jobId}`;
    const topic = this.topics.get(key);
    if (!topic) return;
    if (JOB_END.has(message.type)) this.topics.delete(key);
    for (const listener of topic.listeners) listener(message);
  }

  private url(): string {
    const base = this.options.baseUrl.replace(/\/+$/, '').replace(/^http/, 'ws');
    const token = this.options.token;
    if (token === undefined || this.options.tokenIn === 'header') return base + STREAM_PATH;
    return `${base}${STREAM_PATH}?token=${encodeURIComponent(token)}`;
  }

  private socketOptions(): { headers: Record<string, string> } | undefined {
    if (this.options.token === undefined || this.options.tokenIn !== 'header') return undefined;
    return { headers: { authorization: `Bearer ${this.options.token}` } };
  }

  private failPending(error: Error): void {
    for (const { deferred: d, timer } of this.pending.values()) {
      clearTimeout(timer);
      settle(d, error);
    }
    this.pending.clear();
  }

  private emit<K extends keyof StreamClientEvents>(event: K, value: StreamClientEvents[K]): void {
    for (const listener of this.listeners[event]) listener(value);
  }
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A subscription nobody awaits must not become an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject, settled: false };
}

function settle(d: Deferred, error?: Error): void {
  if (d.settled) return;
  d.settled = true;
  if (error) d.reject(error);
  else d.resolve();
}
