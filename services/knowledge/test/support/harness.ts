import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeClient, StreamClient, ServiceError } from '@ai-opencog/protocol';
import { createLogger, loadConfig } from '@ai-opencog/service-kit';
import { WebSocket } from 'ws';
import { knowledgeConfigSchema } from '../../src/config';
import { startKnowledgeService, type KnowledgeService } from '../../src/knowledge-service';
import { API_TOKENS, LogSink, TOKENS } from '../../../../packages/service-kit/test/support/service-test-kit';

export { API_TOKENS, LogSink, TOKENS } from '../../../../packages/service-kit/test/support/service-test-kit';

/** The user types the OpenCog datasets need (datasets/opencog/README.md). */
export const DATASET_TYPES = 'GeneNode:ConceptNode MoleculeNode:ConceptNode PredictiveImplicationLink:OrderedLink';

/** A temporary folder, removed by `remove()`. */
export function tempDir(prefix = 'knowledge-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestService {
  service: KnowledgeService;
  url: string;
  /** Clients with a read, a write and an admin token. */
  read: KnowledgeClient;
  write: KnowledgeClient;
  admin: KnowledgeClient;
  logs: LogSink;
  dir: string;
  /** A connected stream client (admin token); closed with the service. */
  stream(): StreamClient;
  /** fetch with the admin token (or `token`), for what the typed client does not do. */
  fetch(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  close(): Promise<void>;
}

export interface TestServiceOptions {
  /** Environment of the service (besides PORT=0, HOST, tokens, DATA_DIR, BACKUP_DIR). */
  env?: Record<string, string>;
  /** Keep the data folder here (e.g. to restart on it); default a fresh temporary one. */
  dir?: string;
}

/** The service's environment in tests: 127.0.0.1 on a free port, the test tokens, PGlite in `dir`. */
export function testServiceEnv(dir: string): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    API_TOKENS,
    DATA_DIR: join(dir, 'data'),
    BACKUP_DIR: join(dir, 'backups'),
    ATOM_TYPES: DATASET_TYPES,
    RATE_LIMIT_PER_MINUTE: '0',
  };
}

/**
 * Starts the knowledge service in this process on 127.0.0.1 (a port the system picks) with
 * PGlite in a temporary folder unless `env` names another backend; every JSON answer is checked
 * against its route's schema.
 */
export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const temp = options.dir === undefined ? tempDir() : undefined;
  const dir = options.dir ?? temp!.path;
  const env = { ...testServiceEnv(dir), LOG_LEVEL: 'info', ...options.env };
  const config = loadConfig(knowledgeConfigSchema(), env);
  const logs = new LogSink();
  const logger = createLogger({ service: 'knowledge', version: 'test', level: config.LOG_LEVEL, destination: logs });
  const service = await startKnowledgeService({ config, logger, checkResponses: true });
  const client = (token: string) => new KnowledgeClient({ baseUrl: service.url, token, timeoutMs: 600_000 });
  const streams: StreamClient[] = [];
  return {
    service,
    url: service.url,
    read: client(TOKENS.read),
    write: client(TOKENS.write),
    admin: client(TOKENS.admin),
    logs,
    dir,
    stream: () => {
      const s = new StreamClient({ baseUrl: service.url, token: TOKENS.admin, WebSocket: WebSocket as never, tokenIn: 'header' });
      s.connect();
      streams.push(s);
      return s;
    },
    fetch: (path, init = {}) => {
      const { token = TOKENS.admin, headers, ...rest } = init;
      const h = new Headers(headers);
      if (token !== null) h.set('authorization', `Bearer ${token}`);
      return fetch(service.url + path, { ...rest, headers: h });
    },
    close: async () => {
      for (const s of streams) s.close();
      await service.close();
      temp?.remove();
    },
  };
}

/** The ServiceError a promise rejects with (fails if it resolves). */
export async function errorOf(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ServiceError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

/** A run-unique prefix for names on servers shared with other tests. */
export const RUN = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
