/**
 * Lets the event loop run (timers, I/O: other requests) before going on. Long loops over data
 * that is already at hand (a buffered upload, an embedded database answering in this thread) run
 * as chains of resolved promises that would otherwise starve every other request; they call this
 * once per batch.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
