import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  ServiceError,
  STREAM_CLOSE_CODES,
  STREAM_PATH,
  streamClientMessageSchema,
  type StreamClientMessage,
  type StreamServerMessage,
} from '@ai-opencog/protocol';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { Authenticator, Principal } from './auth';
import { logFailure } from './errors';
import type { JobManager } from './jobs';
import { requestIdOf } from './logger';
import { parseOrThrow } from './validation';

/** Topic names of the stream's subscriptions. */
export const topics = {
  space: (space: string) => `space:${space}`,
  job: (jobId: string) => `job:${jobId}`,
};

/** One client of the stream. */
export interface StreamConnection {
  readonly id: string;
  readonly principal: Principal;
  readonly log: Logger;
  send(message: StreamServerMessage): void;
  subscribe(topic: string): void;
  unsubscribe(topic: string): void;
  isSubscribed(topic: string): boolean;
}

/** Client messages the service handles itself (the kit handles ping and, given `jobs`, the job ones). */
export type StreamMessageHandler = (connection: StreamConnection, message: StreamClientMessage) => Promise<void> | void;

export interface StreamServerOptions {
  authenticator: Authenticator;
  logger: Logger;
  /** Default /v1/stream. */
  path?: string;
  /** Ping interval; a client that has not answered the previous ping is dropped. Default 30 s. */
  heartbeatMs?: number;
  /** Largest client frame (default 64 KiB). */
  maxPayload?: number;
  /** Bytes waiting to be sent to one client beyond which it is dropped as too slow (default 8 MiB). */
  maxBufferedBytes?: number;
  /** Serves subscribe-job/unsubscribe-job and forwards the jobs' events to their subscribers. */
  jobs?: JobManager;
  /** For the other client messages; throw a ServiceError to answer with an error message. */
  onMessage?: StreamMessageHandler;
  onClose?: (connection: StreamConnection) => void;
}

class Connection implements StreamConnection {
  readonly topics = new Set<string>();
  alive = true;

  constructor(
    readonly id: string,
    readonly principal: Principal,
    readonly log: Logger,
    readonly socket: WebSocket,
    private readonly maxBufferedBytes: number,
  ) {}

  send(message: StreamServerMessage): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.log.warn({ bufferedBytes: this.socket.bufferedAmount }, 'stream client too slow; dropped');
      this.socket.close(STREAM_CLOSE_CODES.tryAgainLater, 'too slow');
      return;
    }
    this.socket.send(JSON.stringify(message));
  }

  subscribe(topic: string): void {
    this.topics.add(topic);
  }

  unsubscribe(topic: string): void {
    this.topics.delete(topic);
  }

  isSubscribed(topic: string): boolean {
    return this.topics.has(topic);
  }
}

/**
 * The WebSocket stream of a service, on its HTTP server at one path. Upgrades are authenticated
 * (any role; token in `Authorization: Bearer` or `?token=`) and refused with 401 otherwise.
 * Client messages are validated with the protocol's schema; a bad one is answered with an
 * `error` message and the connection stays open. Good ones are answered `ack` (or `pong`).
 */
export class StreamServer {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly stopJobEvents: (() => void) | undefined;
  private readonly path: string;

  constructor(
    server: Server,
    private readonly options: StreamServerOptions,
  ) {
    this.path = options.path ?? STREAM_PATH;
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? 64 * 1024 });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
    this.stopJobEvents = options.jobs?.subscribe((event) => this.publish(topics.job(event.jobId), event));
  }

  get size(): number {
    return this.connections.size;
  }

  /** Sends to every client subscribed to `topic`; returns how many. */
  publish(topic: string, message: StreamServerMessage): number {
    let sent = 0;
    for (const connection of this.connections) {
      if (connection.topics.has(topic)) {
        connection.send(message);
        sent++;
      }
    }
    return sent;
  }

  /** Sends to every client. */
  broadcast(message: StreamServerMessage): void {
    for (const connection of this.connections) connection.send(message);
  }

  /** Closes every connection (1001: going away) and stops; clients that do not answer are cut after a second. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.stopJobEvents?.();
    const closed = [...this.connections].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.socket.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            c.socket.terminate();
            resolve();
          }, 1_000);
          c.socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          c.socket.close(STREAM_CLOSE_CODES.goingAway, 'server shutting down');
        }),
    );
    await Promise.all(closed);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== this.path) return refuse(socket, new ServiceError('NOT_FOUND', `no stream at ${path}`));
    let principal: Principal;
    try {
      principal = this.options.authenticator.authorize(req, 'read', { allowQueryToken: true });
    } catch (error) {
      return refuse(socket, error as ServiceError);
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const id = randomUUID();
      const log = this.options.logger.child({ requestId: requestIdOf(req), connectionId: id });
      const connection = new Connection(id, principal, log, ws, this.options.maxBufferedBytes ?? 8 * 1024 * 1024);
      this.connections.add(connection);
      log.info({ principal: principal.name }, 'stream client connected');
      ws.on('pong', () => (connection.alive = true));
      ws.on('message', (data: RawData, isBinary: boolean) => void this.receive(connection, data, isBinary));
      ws.on('error', (error) => log.warn({ err: error }, 'stream client error'));
      ws.on('close', (code: number) => {
        this.connections.delete(connection);
        log.info({ code }, 'stream client disconnected');
        this.options.onClose?.(connection);
      });
    });
  }

  private async receive(connection: Connection, data: RawData, isBinary: boolean): Promise<void> {
    let id: string | undefined;
    try {
      if (isBinary) throw new ServiceError('BAD_REQUEST', 'send JSON text frames, not binary ones');
      let value: unknown;
      try {
        value = JSON.parse(data.toString());
      } catch {
        throw new ServiceError('BAD_REQUEST', 'the message is not JSON');
      }
      if (typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string') {
        id = (value as { id: string }).id.slice(0, 64);
      }
      const message = parseOrThrow(streamClientMessageSchema, value, 'message');
      await this.dispatch(connection, message);
    } catch (error) {
      const serviceError = logFailure(connection.log, error, 'stream message failed');
      connection.send({ type: 'error', ...(id !== undefined ? { id } : {}), error: serviceError.toInfo() });
    }
  }

  private async dispatch(connection: Connection, message: StreamClientMessage): Promise<void> {
    const reply = message.id !== undefined ? { id: message.id } : {};
    const jobs = this.options.jobs;
    if (message.type === 'ping') return connection.send({ type: 'pong', ...reply });
    if (jobs && message.type === 'subscribe-job') {
      const job = jobs.require(message.jobId);
      connection.subscribe(topics.job(job.id));
      connection.send({ type: 'ack', ...reply });
      // A job that has already ended will send nothing more: tell its end now.
      const base = { jobId: job.id, kind: job.kind };
      if (job.status === 'succeeded') connection.send({ type: 'job-finished', ...base, result: job.result });
      else if (job.status === 'failed') connection.send({ type: 'job-failed', ...base, error: job.error! });
      else if (job.status === 'cancelled') connection.send({ type: 'job-cancelled', ...base });
      return;
    }
    if (jobs && message.type === 'unsubscribe-job') {
      connection.unsubscribe(topics.job(message.jobId));
      return connection.send({ type: 'ack', ...reply });
    }
    if (!this.options.onMessage) throw new ServiceError('BAD_REQUEST', `${message.type} is not served by this service`);
    await this.options.onMessage(connection, message);
    connection.send({ type: 'ack', ...reply });
  }

  private beat(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        connection.log.info('stream client did not answer the ping; dropped');
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }
}

/** Attaches the stream to a service's HTTP server. */
export function attachStream(server: Server, options: StreamServerOptions): StreamServer {
  return new StreamServer(server, options);
}

/** Answers a refused upgrade with the error body over plain HTTP, then closes. */
function refuse(socket: Duplex, error: ServiceError): void {
  const body = JSON.stringify(error.toBody());
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[error.status as 401 | 403 | 404] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${error.status} ${reason}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      (error.status === 401 ? 'WWW-Authenticate: Bearer realm="ai-opencog"\r\n' : '') +
      'Connection: close\r\n\r\n' +
      body,
  );
}
