import type { AtomStore } from '@ai-opencog/storage';

/**
 * Fair sharing of an embedded database between bulk work and requests. PGlite runs queries one
 * at a time in this thread, first come first served; an import sends batch after batch, so a
 * request's few queries each queued behind every running import's next batch (seconds per
 * request with three imports). Here bulk steps (one batch of an import, staging or copy) go
 * one at a time, and each first waits until no request's store operation is in flight (and a moment more; at
 * most `maxWaitMs`, so that imports are never starved): a request waits for one batch at most.
 * With a server database (PostgreSQL, Neo4j: a pool of connections) the lane is open.
 */
/** How long no request's operation must be in flight before a waiting batch goes. */
const QUIET_MS = 10;

export class BulkLane {
  private interactive = 0;
  private idleWaiters: (() => void)[] = [];
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly enabled: boolean,
    private readonly maxWaitMs = 1_000,
  ) {}

  /** Runs one bulk step in its turn. */
  async run<T>(step: () => Promise<T>): Promise<T> {
    if (!this.enabled) return step();
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      await this.requestsDone();
      return await step();
    } finally {
      release();
    }
  }

  /** The store with its operations counted as requests' (exports' batches are not: they are bulk reads). */
  track(store: AtomStore): AtomStore {
    if (!this.enabled) return store;
    return new Proxy(store, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || property === 'exportAtoms' || property === 'constructor') return value;
        const method = value as (...args: unknown[]) => unknown;
        return async (...args: unknown[]) => {
          this.interactive++;
          try {
            return await method.apply(target, args);
          } finally {
            this.interactive--;
            // A request's next operation follows within a few turns of the event loop: wait a
            // moment, so that a batch does not slip in between two operations of one request.
            if (this.interactive === 0) setTimeout(() => this.wakeIfIdle(), QUIET_MS);
          }
        };
      },
    });
  }

  private wakeIfIdle(): void {
    if (this.interactive === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private requestsDone(): Promise<void> {
    if (this.interactive === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.maxWaitMs);
      const waiters = this.idleWaiters;
      function done() {
        clearTimeout(timer);
        const i = waiters.indexOf(done);
        if (i >= 0) waiters.splice(i, 1);
        resolve();
      }
      waiters.push(done);
    });
  }
}
