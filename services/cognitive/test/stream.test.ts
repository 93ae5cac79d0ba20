import WebSocket from 'ws';
import { call, startCognitive, StreamProbe, TOKENS, type Cognitive } from './support/harness';

/* The WebSocket stream at /v1/stream: atom changes of the spaces a client subscribes to. */

let cog: Cognitive;
beforeAll(async () => {
  cog = await startCognitive();
  await call(cog.url, 'POST', '/v1/spaces', { body: { name: 'watched' } });
  await call(cog.url, 'POST', '/v1/spaces', { body: { name: 'other' } });
});
afterAll(() => cog.close());

describe('stream of atom changes', () => {
  it('sends atom-added, value-changed and atom-removed for a subscribed space only, in order', async () => {
    const probe = await StreamProbe.open(cog.url);
    expect(await probe.request({ type: 'subscribe-space', space: 'watched' })).toEqual(expect.objectContaining({ type: 'ack' }));
    const added = await call(cog.url, 'POST', '/v1/spaces/watched/atoms', { body: { atomese: '(Inheritance (stv 0.8 0.9) (Concept "a") (Concept "b"))' } });
    await call(cog.url, 'POST', '/v1/spaces/other/atoms', { body: { atomese: '(Concept "elsewhere")' } });
    await call(cog.url, 'POST', '/v1/spaces/watched/atoms', { body: { atomese: '(Concept "a" (stv 0.1 0.2))' } });
    await call(cog.url, 'DELETE', `/v1/spaces/watched/atoms/${added.json.atoms[0].handle}`);
    await probe.waitFor((m) => m.type === 'atom-removed');
    const events = probe.messages.filter((m) => m.type !== 'ack');
    expect(events.map((m) => [m.type, 'space' in m ? m.space : undefined])).toEqual([
      ['atom-added', 'watched'],
      ['atom-added', 'watched'],
      ['atom-added', 'watched'],
      ['value-changed', 'watched'],
      ['value-changed', 'watched'],
      ['atom-removed', 'watched'],
    ]);
    // As the AtomSpace reports it: the link is added, then its truth value is set.
    const { tv, ...structure } = added.json.atoms[0].atom;
    expect(events[2]).toEqual({ type: 'atom-added', space: 'watched', handle: added.json.atoms[0].handle, atom: structure });
    expect(events[3]).toEqual(expect.objectContaining({ type: 'value-changed', handle: added.json.atoms[0].handle, value: { kind: 'tv', ...tv } }));
    expect(events[4]).toEqual(expect.objectContaining({ type: 'value-changed', atom: { type: 'ConceptNode', name: 'a' }, value: { kind: 'tv', type: 'stv', strength: 0.1, confidence: 0.2 } }));

    expect(await probe.request({ type: 'unsubscribe-space', space: 'watched' })).toEqual(expect.objectContaining({ type: 'ack' }));
    const count = probe.messages.length;
    await call(cog.url, 'POST', '/v1/spaces/watched/atoms', { body: { atomese: '(Concept "unseen")' } });
    // The stream is ordered: once the pong is here, an atom-added sent before it would be too.
    expect(await probe.request({ type: 'ping' })).toEqual(expect.objectContaining({ type: 'pong' }));
    expect(probe.messages.slice(count).filter((m) => m.type === 'atom-added')).toEqual([]);
    probe.close();
  });

  it('answers an error message (and stays open) for an unknown space or a bad message', async () => {
    const probe = await StreamProbe.open(cog.url);
    const unknown = await probe.request({ type: 'subscribe-space', space: 'nowhere' });
    expect(unknown).toEqual(expect.objectContaining({ type: 'error', error: expect.objectContaining({ code: 'SPACE_NOT_FOUND' }) }));
    const bad = await probe.request({ type: 'subscribe-space' });
    expect(bad).toEqual(expect.objectContaining({ type: 'error', error: expect.objectContaining({ code: 'VALIDATION_FAILED' }) }));
    expect(probe.socket.readyState).toBe(WebSocket.OPEN);
    probe.close();
  });

  it('refuses a connection without a known token (401), and takes one in the query string', async () => {
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${cog.url.replace('http', 'ws')}/v1/stream`);
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
    });
    expect(refused).toBe(401);
    const socket = new WebSocket(`${cog.url.replace('http', 'ws')}/v1/stream?token=${TOKENS.read}`);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.close();
  });

  it('closes streams with 1001 (going away) when the service stops', async () => {
    const other = await startCognitive();
    const probe = await StreamProbe.open(other.url);
    const closed = new Promise<number>((resolve) => probe.socket.once('close', (code) => resolve(code)));
    await other.close();
    expect(await closed).toBe(1001);
  });
});
