import type { AtomStore } from '@ai-opencog/storage';

/** Called after each store operation with its name and how long it took, in seconds. */
export type StoreObserver = (operation: string, seconds: number, failed: boolean) => void;

/**
 * The AtomStore with every operation timed (for the storage latency metric); `exportAtoms` is
 * timed per batch read. Errors pass unchanged (storage's own helpers, e.g. backups, look at them).
 */
export function timedStore(store: AtomStore, observe: StoreObserver): AtomStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || property === 'constructor') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === 'exportAtoms') {
        return (...args: unknown[]) => timedIterable(method.apply(target, args) as AsyncIterable<unknown>, property, observe);
      }
      return async (...args: unknown[]) => {
        const started = performance.now();
        let failed = false;
        try {
          return await method.apply(target, args);
        } catch (e) {
          failed = true;
          throw e;
        } finally {
          observe(property, (performance.now() - started) / 1000, failed);
        }
      };
    },
  });
}

async function* timedIterable<T>(source: AsyncIterable<T>, operation: string, observe: StoreObserver): AsyncIterable<T> {
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      const started = performance.now();
      let next: IteratorResult<T>;
      try {
        next = await iterator.next();
      } catch (e) {
        observe(operation, (performance.now() - started) / 1000, true);
        throw e;
      }
      observe(operation, (performance.now() - started) / 1000, false);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await iterator.return?.();
  }
}
