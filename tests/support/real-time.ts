import { vi } from 'vitest';

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

/**
 * Under vitest fake timers: lets real I/O run and fake time pass in `stepMs` steps until `done`
 * settles (or `maxSteps` steps have passed). For flows with several timed waits in a row.
 */
export async function runFakeClock(done: Promise<unknown>, stepMs = 100, maxSteps = 2_000): Promise<void> {
  let settled = false;
  done.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (let step = 0; step < maxSteps && !settled; step++) {
    await realDelay(2);
    await vi.advanceTimersByTimeAsync(stepMs);
  }
}
