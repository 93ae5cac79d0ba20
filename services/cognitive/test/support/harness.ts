import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TypeRegistry } from '@ai-opencog/atomspace';
import { createLogger, loadConfig, serviceConfigSchema, type Logger } from '@ai-opencog/service-kit';
import type { StreamServerMessage } from '@ai-opencog/protocol';
import type { ChangeBus } from '@ai-opencog/storage';
import WebSocket from 'ws';
import { loadCognitiveConfig, startCognitiveService, type CognitiveService } from '../../src';
import { API_TOKENS, callJson, LogSink, TOKENS } from '../../../../packages/service-kit/test/support/service-test-kit';
import { startFakeKnowledge, type FakeKnowledge } from './fake-knowledge';

/*
 * Real servers for the tests, in this process on 127.0.0.1 with ports the system picks: the
 * cognitive service as main.ts wires it (startCognitiveService), and a knowledge service for it
 * to load from and save to (the stand-in of fake-knowledge.js over protocol's knowledgeRoutes).
 */

export { API_TOKENS, LogSink, TOKENS, type Answer } from '../../../../packages/service-kit/test/support/service-test-kit';

export function testLogger(name: string): { logger: Logger; logs: LogSink } {
  const logs = new LogSink();
  return { logger: createLogger({ service: name, level: 'debug', destination: logs }), logs };
}

/** A knowledge service for the tests, started in this process. */
export interface TestKnowledge {
  url: string;
  /** `real` (services/knowledge, PGlite in a temp folder) or `fake` (fake-knowledge.js). */
  kind: 'real' | 'fake';
  close(): Promise<void>;
}

/** The compiled knowledge service, when services/knowledge has been built. */
const REAL_KNOWLEDGE = join(__dirname, '..', '..', '..', 'knowledge', 'lib', 'knowledge-service.js');

/**
 * Starts the real knowledge service (services/knowledge, built) on PGlite in a temporary folder,
 * or, while it is not built (or with COGNITIVE_TEST_KNOWLEDGE=fake), the stand-in of
 * fake-knowledge.js. `atomTypes` declares user types in it (`Name:Parent ...`).
 */
export async function startKnowledge(options: { atomTypes?: string } = {}): Promise<TestKnowledge> {
  const { logger } = testLogger('knowledge');
  if (process.env.COGNITIVE_TEST_KNOWLEDGE !== 'fake' && existsSync(REAL_KNOWLEDGE)) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { startKnowledgeService } = require(REAL_KNOWLEDGE) as { startKnowledgeService: (o: unknown) => Promise<{ url: string; close(): Promise<void> }> };
    const { knowledgeConfigSchema } = require(join(REAL_KNOWLEDGE, '..', 'config.js')) as { knowledgeConfigSchema: () => Parameters<typeof loadConfig>[0] };
    /* eslint-enable @typescript-eslint/no-require-imports */
    const dir = mkdtempSync(join(tmpdir(), 'cognitive-test-knowledge-'));
    const config = loadConfig(knowledgeConfigSchema(), {
      PORT: '0',
      API_TOKENS,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      DATA_DIR: join(dir, 'pglite'),
      BACKUP_DIR: join(dir, 'backups'),
      ...(options.atomTypes ? { ATOM_TYPES: options.atomTypes } : {}),
    });
    const service = await startKnowledgeService({ config, logger });
    return {
      url: service.url,
      kind: 'real',
      close: async () => {
        await service.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const config = loadConfig(serviceConfigSchema(), { PORT: '0', API_TOKENS, LOG_LEVEL: 'warn' });
  const types = new TypeRegistry();
  for (const entry of (options.atomTypes ?? '').split(/[\s;]+/).filter(Boolean)) {
    const [name, parents] = entry.split(':') as [string, string];
    types.register(name, parents.split(','));
  }
  const fake: FakeKnowledge = await startFakeKnowledge({ config, logger, types });
  return { url: fake.url, kind: 'fake', close: () => fake.close() };
}

export interface Cognitive {
  service: CognitiveService;
  url: string;
  logs: LogSink;
  close(): Promise<void>;
}

export async function startCognitive(
  options: { knowledgeUrl?: string; env?: Record<string, string>; changeBus?: ChangeBus } = {},
): Promise<Cognitive> {
  const config = loadCognitiveConfig({
    PORT: '0',
    API_TOKENS,
    KNOWLEDGE_URL: options.knowledgeUrl ?? 'http://127.0.0.1:9',
    KNOWLEDGE_TOKEN: TOKENS.admin,
    RATE_LIMIT_PER_MINUTE: '0',
    ...options.env,
  });
  const { logger, logs } = testLogger('cognitive');
  const service = await startCognitiveService({
    config,
    logger,
    checkResponses: true,
    ...(options.changeBus ? { changeBus: options.changeBus } : {}),
  });
  return { service, url: service.url, logs, close: () => service.close() };
}

/** fetch with a bearer token (admin unless told; null: none) and a JSON body. */
export const call = callJson;

/** Polls a job until it has finished. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function waitForJob(baseUrl: string, jobId: string, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { json } = await call(baseUrl, 'GET', `/v1/jobs/${jobId}`);
    if (['succeeded', 'failed', 'cancelled'].includes(json.status)) return json;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${json.status} after ${timeoutMs} ms`);
    await sleep(50);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` returns something truthy. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** A WebSocket client of the stream that keeps every message it gets. */
export class StreamProbe {
  readonly messages: StreamServerMessage[] = [];
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.messages.push(JSON.parse(data.toString()) as StreamServerMessage));
  }

  static async open(baseUrl: string, token: string = TOKENS.read): Promise<StreamProbe> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/v1/stream`, { headers: { authorization: `Bearer ${token}` } });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new StreamProbe(socket);
  }

  /** Sends a client message with an id and waits for its reply (ack, pong or error). */
  async request(message: Record<string, unknown>): Promise<StreamServerMessage> {
    const id = `m${Math.random().toString(36).slice(2, 10)}`;
    this.socket.send(JSON.stringify({ ...message, id }));
    return this.waitFor((m) => (m.type === 'ack' || m.type === 'pong' || m.type === 'error') && m.id === id);
  }

  waitFor<T extends StreamServerMessage>(predicate: (m: StreamServerMessage) => boolean, timeoutMs = 10_000): Promise<T> {
    return eventually(() => this.messages.find(predicate), timeoutMs, 'a stream message') as Promise<T>;
  }

  close(): void {
    this.socket.close();
  }
}
