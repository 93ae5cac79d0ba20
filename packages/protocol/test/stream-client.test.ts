import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { ServiceError, StreamClient, type StreamClientMessage, type StreamServerMessage } from '../src';

/**
 * A plain `ws` server on 127.0.0.1:0 speaking the stream protocol the simple way: it acks every
 * subscription (or refuses unknown spaces) and lets a test push messages and cut connections.
 */
class FakeStream {
  readonly wss: WebSocketServer;
  readonly received: StreamClientMessage[] = [];
  readonly urls: string[] = [];
  readonly authorizations: (string | undefined)[] = [];
  sockets: WebSocket[] = [];

  private constructor(wss: WebSocketServer) {
    this.wss = wss;
    wss.on('connection', (ws, req) => {
      this.sockets.push(ws);
      this.urls.push(req.url!);
      this.authorizations.push(req.headers.authorization);
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as StreamClientMessage;
        this.received.push(message);
        const id = message.id;
        if (message.type === 'ping') return this.send({ type: 'pong', id }, ws);
        if (message.type === 'subscribe-space' && message.space === 'nowhere') {
          return this.send({ type: 'error', id, error: { code: 'SPACE_NOT_FOUND', message: 'no space nowhere' } }, ws);
        }
        this.send({ type: 'ack', id }, ws);
      });
    });
  }

  static async start(): Promise<FakeStream> {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => wss.once('listening', resolve));
    return new FakeStream(wss);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  send(message: StreamServerMessage | string, ws?: WebSocket): void {
    for (const socket of ws ? [ws] : this.sockets) socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  dropAll(): void {
    for (const socket of this.sockets) socket.terminate();
    this.sockets = [];
  }

  close(): Promise<void> {
    for (const socket of this.wss.clients) socket.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

const atomAdded = { type: 'atom-added', space: 'scratch', handle: '1', atom: { type: 'ConceptNode', name: 'cat' } } as const;

// Integration: StreamClient against a plain ws server on 127.0.0.1:0.
describe('StreamClient', () => {
  let fake: FakeStream;
  let client: StreamClient | undefined;
  beforeEach(async () => {
    fake = await FakeStream.start();
  });
  afterEach(async () => {
    client?.close();
    client = undefined;
    await fake.close();
  });

  it('sends the token in the query by default, or in the Authorization header', async () => {
    client = new StreamClient({ baseUrl: fake.baseUrl, token: 'a b', WebSocket });
    client.connect();
    await until(() => client!.connected);
    const header = new StreamClient({ baseUrl: fake.baseUrl.replace('http', 'ws'), token: 'secret', WebSocket, tokenIn: 'header' });
    header.connect();
    await until(() => header.connected);
    expect(fake.urls).toEqual(['/v1/stream?token=a%20b', '/v1/stream']);
    expect(fake.authorizations).toEqual([undefined, 'Bearer secret']);
    header.close();
  });

  it('subscribes (ready settles with the reply), delivers typed events, and unsubscribes', async () => {
    client = new StreamClient({ baseUrl: fake.baseUrl, WebSocket });
    const events: StreamServerMessage[] = [];
    const subscription = client.subscribeSpace('scratch', (m) => events.push(m));
    client.connect();
    await subscription.ready;
    expect(fake.received).toEqual([{ type: 'subscribe-space', space: 'scratch', id: 'c1' }]);
    fake.send(atomAdded);
    fake.send({ ...atomAdded, space: 'other' });
    await until(() => events.length === 1);
    expect(events).toEqual([atomAdded]);
    subscription.unsubscribe();
    await until(() => fake.received.length === 2);
    expect(fake.received[1]).toMatchObject({ type: 'unsubscribe-space', space: 'scratch' });
    await client.ping();
  });

  it('rejects ready when the service refuses the subscription', async () => {
    client = new StreamClient({ baseUrl: fake.baseUrl, WebSocket });
    client.connect();
    const refused = client.subscribeSpace('nowhere', () => undefined);
    await expect(refused.ready).rejects.toMatchObject({ code: 'SPACE_NOT_FOUND', message: 'no space nowhere' });
  });

  it('reconnects with backoff and subscribes again', async () => {
    client = new StreamClient({ baseUrl: fake.baseUrl, WebSocket, reconnect: { initialDelayMs: 10, maxDelayMs: 40 } });
    const closes: number[] = [];
    client.on('close', (e) => closes.push(e.code));
    const events: StreamServerMessage[] = [];
    client.connect();
    await client.subscribeSpace('scratch', (m) => events.push(m)).ready;
    fake.dropAll();
    await until(() => closes.length === 1 && client!.connected && fake.received.length === 2);
    expect(fake.received.map((m) => m.type)).toEqual(['subscribe-space', 'subscribe-space']);
    fake.send(atomAdded);
    await until(() => events.length === 1);
  });

  it('waits for a job: progress, then the result; failures and cancels reject', async () => {
    client = new StreamClient({ baseUrl: fake.baseUrl, WebSocket });
    client.connect();
    const progress: number[] = [];
    const result = client.waitForJob('j1', (m) => progress.push(m.progress.done));
    await until(() => fake.received.length === 1);
    fake.send({ type: 'job-progress', jobId: 'j1', kind: 'mine', progress: { done: 5, total: 10 } });
    fake.send({ type: 'job-finished', jobId: 'j1', kind: 'mine', result: { patterns: [] } });
    expect(await result).toEqual({ patterns: [] });
    expect(progress).toEqual([5]);

    const failed = client.waitForJob('j2');
    await until(() => fake.received.length === 2);
    fake.send({ type: 'job-failed', jobId: 'j2', kind: 'mine', error: { code: 'QUERY_TIMEOUT', message: 'too slow' } });
    await expect(failed).rejects.toEqual(expect.objectContaining({ code: 'QUERY_TIMEOUT', status: 504 }));

    const cancelled = client.waitForJob('j3');
    await until(() => fake.received.length === 3);
    fake.send({ type: 'job-cancelled', jobId: 'j3', kind: 'mine' });
    await expect(cancelled).rejects.toBeInstanceOf(ServiceError);
  });

  it('reports messages that break the protocol as errors and goes on', async () => {
    client = new StreamClient({ baseUrl: fake.baseUrl, WebSocket });
    const errors: Error[] = [];
    client.on('error', (e) => errors.push(e));
    const events: StreamServerMessage[] = [];
    client.subscribeSpace('scratch', (m) => events.push(m));
    client.connect();
    await until(() => client!.connected);
    fake.send('{"type":"atom-added"}');
    fake.send('not json');
    fake.send(atomAdded);
    await until(() => events.length === 1);
    expect(errors.map((e) => (e as ServiceError).code)).toEqual(['INTERNAL', 'INTERNAL']);
  });

  it('ping rejects when not connected; close stops reconnecting', async () => {
    client = new StreamClient({ baseUrl: fake.baseUrl, WebSocket, reconnect: { initialDelayMs: 5 } });
    await expect(client.ping()).rejects.toMatchObject({ code: 'UNAVAILABLE', status: 0 });
    client.connect();
    await until(() => client!.connected);
    client.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.connected).toBe(false);
    expect(fake.urls).toHaveLength(1);
  });
});
