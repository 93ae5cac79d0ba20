import { CognitiveClient, StreamClient, type StreamServerMessage } from '@ai-opencog/protocol';
import { WebSocket } from 'ws';
import { ServiceError } from '@ai-opencog/protocol';
import { topics, type StreamMessageHandler } from '../src';
import { sleep } from './support/demo-service';
import { startDemo, TOKENS, type Running } from './support/harness';

/** A raw ws client that queues what it receives. */
class TestSocket {
  readonly received: StreamServerMessage[] = [];
  private waiters: (() => void)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.received.push(JSON.parse(data.toString()));
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static open(url: string, options: ConstructorParameters<typeof WebSocket>[2] = {}): Promise<TestSocket> {
    const ws = new WebSocket(url, options);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new TestSocket(ws)));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c));
        res.on('end', () => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode, body: JSON.parse(body) })));
      });
      ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next message not yet taken. */
  async next(): Promise<StreamServerMessage> {
    while (this.received.length === 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.received.shift()!;
  }

  closed(): Promise<number> {
    return new Promise((resolve) => this.ws.once('close', (code) => resolve(code)));
  }
}

/** The demo's own message handler: spaces `scratch` exists, others do not. */
const spaces: StreamMessageHandler = (connection, message) => {
  if (message.type === 'subscribe-space') {
    if (message.space !== 'scratch') throw new ServiceError('SPACE_NOT_FOUND', `no space ${message.space}`);
    connection.subscribe(topics.space(message.space));
  } else if (message.type === 'unsubscribe-space') {
    connection.unsubscribe(topics.space(message.space));
  }
};

// Integration: the demo service on 127.0.0.1:0 with the kit's stream at /v1/stream; clients are the ws package.
describe('the WebSocket stream', () => {
  let running: Running;
  let url: string;
  beforeEach(async () => {
    running = await startDemo({ stream: { onMessage: spaces } });
    url = running.baseUrl.replace('http', 'ws') + '/v1/stream';
  });
  afterEach(() => running.close());

  it('refuses an upgrade without a known token with 401 and the error body', async () => {
    await expect(TestSocket.open(url)).rejects.toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    await expect(TestSocket.open(`${url}?token=wrong-token-1234567890`)).rejects.toMatchObject({ status: 401 });
    await expect(TestSocket.open(`${running.baseUrl.replace('http', 'ws')}/v1/elsewhere?token=${TOKENS.read}`)).rejects.toMatchObject({ status: 404 });
  });

  it('takes the token from ?token= (browsers) or the Authorization header', async () => {
    const byQuery = await TestSocket.open(`${url}?token=${TOKENS.read}`);
    const byHeader = await TestSocket.open(url, { headers: { authorization: `Bearer ${TOKENS.read}` } });
    expect(running.stream!.size).toBe(2);
    byQuery.ws.close();
    byHeader.ws.close();
  });

  it('answers bad messages with an error message and keeps the connection', async () => {
    const s = await TestSocket.open(`${url}?token=${TOKENS.read}`);
    s.send('{not json');
    expect(await s.next()).toEqual({ type: 'error', error: { code: 'BAD_REQUEST', message: 'the message is not JSON' } });
    s.send({ type: 'subscribe-space', id: 'm1', space: 'bad name!' });
    const invalid = await s.next();
    expect(invalid).toMatchObject({ type: 'error', id: 'm1', error: { code: 'VALIDATION_FAILED' } });
    expect((invalid as unknown as { error: { details: { issues: unknown[] } } }).error.details.issues).toEqual([
      expect.objectContaining({ location: 'message', path: ['space'] }),
    ]);
    s.send({ type: 'teleport', id: 'm2' });
    expect(await s.next()).toMatchObject({ type: 'error', id: 'm2', error: { code: 'VALIDATION_FAILED', message: expect.stringContaining("Expected 'subscribe-space'") } });
    s.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await s.next()).toMatchObject({ type: 'error', error: { code: 'BAD_REQUEST' } });
    s.send({ type: 'ping', id: 'p1' });
    expect(await s.next()).toEqual({ type: 'pong', id: 'p1' });
  });

  it('subscribes to a space through the service handler and receives what is published', async () => {
    const s = await TestSocket.open(`${url}?token=${TOKENS.read}`);
    s.send({ type: 'subscribe-space', id: 'a', space: 'nowhere' });
    expect(await s.next()).toMatchObject({ type: 'error', id: 'a', error: { code: 'SPACE_NOT_FOUND' } });
    s.send({ type: 'subscribe-space', id: 'b', space: 'scratch' });
    expect(await s.next()).toEqual({ type: 'ack', id: 'b' });
    const event = { type: 'atom-added', space: 'scratch', handle: '7', atom: { type: 'ConceptNode', name: 'cat' } } as const;
    expect(running.stream!.publish(topics.space('scratch'), event)).toBe(1);
    expect(running.stream!.publish(topics.space('other'), { ...event, space: 'other' })).toBe(0);
    expect(await s.next()).toEqual(event);
    s.send({ type: 'unsubscribe-space', id: 'c', space: 'scratch' });
    expect(await s.next()).toEqual({ type: 'ack', id: 'c' });
    expect(running.stream!.publish(topics.space('scratch'), event)).toBe(0);
  });

  it('streams a job\'s progress and end; a finished job tells its end at once; unknown jobs are JOB_NOT_FOUND', async () => {
    const s = await TestSocket.open(`${url}?token=${TOKENS.read}`);
    const jobId = running.jobs.start('work', async ({ progress }) => {
      await sleep(30);
      progress(1, 2, 'half');
      await sleep(10);
      progress(2, 2);
      return { ok: true };
    });
    s.send({ type: 'subscribe-job', id: 'j', jobId });
    expect(await s.next()).toEqual({ type: 'ack', id: 'j' });
    expect(await s.next()).toEqual({ type: 'job-progress', jobId, kind: 'work', progress: { done: 1, total: 2, message: 'half' } });
    expect(await s.next()).toEqual({ type: 'job-progress', jobId, kind: 'work', progress: { done: 2, total: 2 } });
    expect(await s.next()).toEqual({ type: 'job-finished', jobId, kind: 'work', result: { ok: true } });

    s.send({ type: 'subscribe-job', id: 'again', jobId });
    expect(await s.next()).toEqual({ type: 'ack', id: 'again' });
    expect(await s.next()).toEqual({ type: 'job-finished', jobId, kind: 'work', result: { ok: true } });

    s.send({ type: 'subscribe-job', id: 'x', jobId: 'no-such-job' });
    expect(await s.next()).toMatchObject({ type: 'error', id: 'x', error: { code: 'JOB_NOT_FOUND' } });
  });

  it('tells subscribers when a job fails or is cancelled', async () => {
    const s = await TestSocket.open(`${url}?token=${TOKENS.read}`);
    const failing = running.jobs.start('work', async () => {
      await sleep(20);
      throw new ServiceError('INVALID_QUERY', 'bad pattern');
    });
    const cancelled = running.jobs.start('work', ({ signal }) => sleep(5_000, signal));
    s.send({ type: 'subscribe-job', jobId: failing });
    s.send({ type: 'subscribe-job', jobId: cancelled });
    expect(await s.next()).toEqual({ type: 'ack' });
    expect(await s.next()).toEqual({ type: 'ack' });
    running.jobs.cancel(cancelled);
    expect(await s.next()).toEqual({ type: 'job-cancelled', jobId: cancelled, kind: 'work' });
    expect(await s.next()).toEqual({ type: 'job-failed', jobId: failing, kind: 'work', error: { code: 'INVALID_QUERY', message: 'bad pattern' } });
  });

  it('closes every client with 1001 on close()', async () => {
    const s = await TestSocket.open(`${url}?token=${TOKENS.read}`);
    const closed = s.closed();
    await running.stream!.close();
    expect(await closed).toBe(1001);
  });

  it('works with the protocol\'s StreamClient: wait for a job over the stream', async () => {
    const client = new CognitiveClient({ baseUrl: running.baseUrl, token: TOKENS.write });
    const stream = new StreamClient({ baseUrl: running.baseUrl, token: TOKENS.read, WebSocket, tokenIn: 'header' });
    stream.connect();
    const { jobId } = (await fetch(`${running.baseUrl}/v1/work`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.write}`, 'content-type': 'application/json' },
      body: JSON.stringify({ steps: 3, stepMs: 20 }),
    }).then((r) => r.json())) as { jobId: string };
    const progress: number[] = [];
    const result = await stream.waitForJob(jobId, (m) => progress.push(m.progress.done));
    expect(result).toEqual({ steps: 3 });
    // Progress events are throttled (and the first may come before the subscription); the last one always comes.
    expect(progress[progress.length - 1]).toBe(3);
    expect((await client.getJob(jobId)).status).toBe('succeeded');
    await expect(stream.waitForJob('no-such-job')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
    stream.close();
  });
});

// Integration: heartbeats with a short interval.
describe('stream heartbeats', () => {
  it('drops a client that stops answering pings', async () => {
    const running = await startDemo({ stream: { heartbeatMs: 40 } });
    const url = `${running.baseUrl.replace('http', 'ws')}/v1/stream?token=${TOKENS.read}`;
    const alive = await TestSocket.open(url);
    const dead = await TestSocket.open(url, { autoPong: false });
    const code = await dead.closed();
    expect(code).toBe(1006);
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
    while (running.stream!.size > 1) await sleep(5);
    alive.ws.close();
    await running.close();
  });
});
