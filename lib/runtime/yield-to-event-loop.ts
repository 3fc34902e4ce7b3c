/**
 * Resolves on the event loop's next check phase, after pending I/O and timers. A request's
 * CPU-heavy steps (routing, searching, counting a long prompt) otherwise run back to back as
 * one chain of promise callbacks; awaiting this between them lets other requests, health
 * probes and stream timers run in between.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
