/** The abort handle of one turn: fires on the client's signal or when the response is cancelled. */
export interface TurnAbort {
  signal: AbortSignal;
  abort(reason?: unknown): void;
}

/**
 * Links a turn to the request's signal. Next.js aborts `request.signal` when the client
 * disconnects; the response stream's own cancellation is a second path to the same abort.
 */
export function createTurnAbort(requestSignal: AbortSignal): TurnAbort {
  const controller = new AbortController();
  return {
    signal: AbortSignal.any([requestSignal, controller.signal]),
    abort: (reason) => controller.abort(reason),
  };
}

/**
 * Wraps a stream so that cancelling it (the client went away and the runtime cancelled the
 * response body) calls `onCancel` before the source is cancelled.
 */
export function withCancellation<T>(
  source: ReadableStream<T>,
  onCancel: (reason: unknown) => void,
): ReadableStream<T> {
  const reader = source.getReader();
  return new ReadableStream<T>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel(reason) {
      onCancel(reason);
      await reader.cancel(reason);
    },
  });
}
