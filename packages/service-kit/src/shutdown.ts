import type { Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { settlesWithin } from './deadline';
import type { JobManager } from './jobs';
import type { StreamServer } from './websocket';

/** Work to do once requests and jobs are done, before exiting: e.g. flushing storage writes. */
export interface ShutdownHook {
  name: string;
  run(): Promise<void> | void;
}

/** What a service's start function hands back: what its process and its tests need to stop it. */
export interface RunningService {
  server: Server;
  /** `http://HOST:PORT` as it listens. */
  url: string;
  jobs: JobManager;
  stream: StreamServer;
  /** For installShutdown, run after the requests, jobs and streams are done. */
  shutdownHooks: ShutdownHook[];
  /** Stops everything at once (tests): jobs cancelled, stream and server closed, resources released. */
  close(): Promise<void>;
}

export interface ShutdownOptions {
  /** The whole shutdown must fit in this (SHUTDOWN_TIMEOUT_MS). */
  timeoutMs: number;
  logger: Logger;
  hooks?: readonly ShutdownHook[];
  jobs?: JobManager;
  streams?: readonly StreamServer[];
  /** Default process.exit; tests pass their own. */
  exit?: (code: number) => void;
  /** Default SIGTERM and SIGINT. */
  signals?: readonly NodeJS.Signals[];
}

export interface Shutdown {
  /** Shuts down now (as a signal would) and resolves with the exit code once `exit` was called. */
  shutdown(reason: string): Promise<number>;
  readonly shuttingDown: boolean;
  /** Removes the signal handlers. */
  uninstall(): void;
}

/** Share of the time limit left for the hooks after requests and jobs have had theirs. */
const HOOK_SHARE = 0.2;

/**
 * Graceful shutdown of a service process. Call it right after `start()`: it tracks the server's
 * requests from then on. On SIGTERM or SIGINT (or `shutdown()`):
 *  1. the server stops accepting connections; idle keep-alive connections close, and answers
 *     sent from now on close theirs;
 *  2. requests in flight finish, and running jobs finish or are cancelled (queued ones are);
 *  3. the WebSocket streams close (1001 going away);
 *  4. the hooks run, in order;
 *  5. connections left are cut and `exit` is called: 0 when everything ended in time, else 1.
 * A second signal exits at once with 1.
 */
export function installShutdown(server: Server, options: ShutdownOptions): Shutdown {
  const { logger, timeoutMs } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  let running: Promise<number> | undefined;
  let idle: (() => void) | undefined;

  server.on('request', (_req, res: ServerResponse) => {
    if (draining) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.on('close', () => {
      inFlight.delete(res);
      if (inFlight.size === 0) idle?.();
    });
  });

  const requestsDone = () =>
    new Promise<void>((resolve) => {
      if (inFlight.size === 0) return resolve();
      idle = resolve;
    });

  async function run(reason: string): Promise<number> {
    const started = Date.now();
    const deadline = started + timeoutMs;
    const drainDeadline = started + timeoutMs * (1 - HOOK_SHARE);
    logger.info({ reason, inFlight: inFlight.size, jobs: options.jobs?.runningCount ?? 0 }, 'shutting down');
    draining = true;
    server.close();
    server.closeIdleConnections();

    let jobsInTime = true;
    const drained = Promise.all([
      requestsDone(),
      options.jobs?.shutdown(Math.max(0, drainDeadline - Date.now())).then((inTime) => (jobsInTime = inTime)),
    ]);
    let clean = (await settlesWithin(drained, drainDeadline - Date.now())) && jobsInTime;
    if (!clean) logger.warn({ inFlight: inFlight.size }, 'requests or jobs were still running at the deadline');

    await Promise.all((options.streams ?? []).map((s) => s.close()));

    for (const hook of options.hooks ?? []) {
      try {
        const pending = Promise.resolve(hook.run());
        if (!(await settlesWithin(pending, deadline - Date.now()))) throw new Error('it did not finish in time');
        await pending;
      } catch (error) {
        clean = false;
        logger.error({ err: error, hook: hook.name }, `shutdown hook ${hook.name} failed`);
      }
    }

    server.closeAllConnections();
    const code = clean ? 0 : 1;
    logger.info({ code, ms: Date.now() - started }, 'shut down');
    exit(code);
    return code;
  }

  const onSignal = (signal: NodeJS.Signals) => {
    if (running) {
      logger.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return;
    }
    void shutdown(signal);
  };
  const shutdown = (reason: string): Promise<number> => (running ??= run(reason));
  for (const signal of signals) process.on(signal, onSignal);

  return {
    shutdown,
    get shuttingDown() {
      return running !== undefined;
    },
    uninstall: () => {
      for (const signal of signals) process.off(signal, onSignal);
    },
  };
}
