// Captured at load time, before any test installs vitest fake timers: these always wait in
// real time, so tests can let real I/O (the fake upstream) progress while the clock is faked.
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realNow = Date.now.bind(Date);

/** Waits `milliseconds` of real time, even under fake timers. */
export function realDelay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, milliseconds));
}

/** Polls `condition` in real time until it holds; rejects after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean,
  timeoutMs = 5_000,
  message = 'condition',
): Promise<void> {
  const started = realNow();
  while (!condition()) {
    if (realNow() - started > timeoutMs) throw new Error(`${message} not met within ${timeoutMs} ms`);
    await realDelay(5);
  }
}
