/** When a request reached the app, on both clocks a turn uses. */
export interface RequestArrival {
  /** Monotonic milliseconds: `performance.now()`, the clock of the real dependencies' `now`. */
  receivedAt: number;
  /** Wall-clock time (epoch ms), for the turn record and the OpenAI `created` field. */
  startedAt: number;
}

/**
 * Stamps a request's arrival. Route handlers call it first, before rate limiting and body
 * parsing, so TTFT, latency and the turn deadline count from when the request reached the
 * app, the way the client measures them.
 */
export function markRequestArrival(): RequestArrival {
  return { receivedAt: performance.now(), startedAt: Date.now() };
}
