/**
 * Tests that need a real PostgreSQL or Redis. Where the server comes from, in order:
 * 1. a throwaway container from testcontainers when a container runtime answers a ping within
 *    two seconds (DOCKER_HOST, or /var/run/docker.sock), else
 * 2. the URL in TEST_DATABASE_URL / TEST_REDIS_URL (e.g. from scripts/test-deps/postgres.sh), else
 * 3. the tests FAIL, saying how to start the server; only with SKIP_EXTERNAL_SERVICES=1 (for local
 *    runs) are they skipped instead.
 */
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import type { StartedTestContainer } from 'testcontainers';

export interface ExternalServiceSpec {
  /** Shown in messages: "PostgreSQL". */
  title: string;
  envVar: string;
  /** The script that starts a local server and prints its URL. */
  script: string;
  image: string;
  port: number;
  containerEnv?: Record<string, string>;
  /** A log line that says the container is ready, and how often it appears before it is. */
  readyLog: RegExp;
  readyLogTimes?: number;
  url(host: string, port: number): string;
}

export const POSTGRES: ExternalServiceSpec = {
  title: 'PostgreSQL',
  envVar: 'TEST_DATABASE_URL',
  script: 'scripts/test-deps/postgres.sh',
  image: 'postgres:16-alpine',
  port: 5432,
  containerEnv: { POSTGRES_USER: 'aiopencog', POSTGRES_PASSWORD: 'aiopencog', POSTGRES_DB: 'aiopencog' },
  // The image's entrypoint starts the server twice (init, then for real).
  readyLog: /database system is ready to accept connections/,
  readyLogTimes: 2,
  url: (host, port) => `postgres://aiopencog:aiopencog@${host}:${port}/aiopencog`,
};

export const REDIS: ExternalServiceSpec = {
  title: 'Redis',
  envVar: 'TEST_REDIS_URL',
  script: 'scripts/test-deps/redis.sh',
  image: 'redis:7-alpine',
  port: 6379,
  readyLog: /Ready to accept connections/,
  url: (host, port) => `redis://${host}:${port}`,
};

/** Authentication off (the container's and scripts/test-deps/neo4j.sh's server). */
export const NEO4J: ExternalServiceSpec = {
  title: 'Neo4j',
  envVar: 'TEST_NEO4J_URL',
  script: 'scripts/test-deps/neo4j.sh',
  image: 'neo4j:5.26-community',
  port: 7687,
  containerEnv: { NEO4J_AUTH: 'none', NEO4J_server_memory_pagecache_size: '128m', NEO4J_server_memory_heap_max__size: '512m' },
  readyLog: /Started\./,
  url: (host, port) => `bolt://${host}:${port}`,
};

const DOCKER_SOCKET = '/var/run/docker.sock';

/** Whether a container runtime might be there (cheap, synchronous). */
function runtimeConfigured(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync(DOCKER_SOCKET);
}

/** Pings the container runtime's API (GET /_ping), giving up after `timeoutMs`. */
function runtimeAnswers(timeoutMs = 2_000): Promise<boolean> {
  const host = process.env.DOCKER_HOST;
  let target: { socketPath: string } | { host: string; port: number };
  if (!host) target = { socketPath: DOCKER_SOCKET };
  else if (host.startsWith('unix://')) target = { socketPath: host.slice('unix://'.length) };
  else {
    const u = new URL(host.replace(/^tcp:/, 'http:'));
    target = { host: u.hostname, port: Number(u.port || 2375) };
  }
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

function howToStart(spec: ExternalServiceSpec): string {
  return (
    `These tests need a real ${spec.title}, and none was found: no ${spec.envVar} and no container runtime answering. ` +
    `Start one with \`export ${spec.envVar}=$(${spec.script})\` (at the repository root; stop it with \`${spec.script} stop\`), ` +
    `or run Docker so that testcontainers can start ${spec.image}. ` +
    'For a local run without it, set SKIP_EXTERNAL_SERVICES=1 to skip these tests.'
  );
}

/**
 * A describe block whose tests get the server's URL from `url()` (valid from the block's
 * beforeAll on). Without a server the block fails (or, with SKIP_EXTERNAL_SERVICES=1, is skipped).
 */
export function describeWithService(spec: ExternalServiceSpec, title: string, body: (url: () => string) => void): void {
  const explicit = process.env[spec.envVar];
  if (!explicit && !runtimeConfigured() && process.env.SKIP_EXTERNAL_SERVICES === '1') {
    describe.skip(`${title} (skipped: SKIP_EXTERNAL_SERVICES=1 and no ${spec.title})`, () => body(() => ''));
    return;
  }
  describe(title, () => {
    let resolved: string | undefined;
    let failure: string | undefined;
    let container: StartedTestContainer | undefined;

    beforeAll(async () => {
      if (runtimeConfigured() && (await runtimeAnswers())) {
        // Loaded only when used: without a runtime, the package is never touched.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { GenericContainer, Wait } = require('testcontainers') as typeof import('testcontainers');
        container = await new GenericContainer(spec.image)
          .withEnvironment(spec.containerEnv ?? {})
          .withExposedPorts(spec.port)
          .withWaitStrategy(Wait.forLogMessage(spec.readyLog, spec.readyLogTimes ?? 1))
          .start();
        resolved = spec.url(container.getHost(), container.getMappedPort(spec.port));
      } else if (explicit) {
        resolved = explicit;
      } else {
        failure = howToStart(spec);
        throw new Error(failure);
      }
    }, 180_000);

    afterAll(async () => {
      await container?.stop();
    });

    body(() => {
      if (resolved === undefined) throw new Error(failure ?? howToStart(spec));
      return resolved;
    });
  });
}
