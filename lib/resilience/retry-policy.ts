import { handleWhen, type RetryPolicy, retry } from 'cockatiel';
import { fullJitterBackoff } from './full-jitter-backoff';
import { raceAbort } from './race-abort';
import type { ResilienceSettings } from './resilience-settings';
import { describeFailure } from './upstream-errors';

/** One retry about to happen: which retry (1-based), the wait before it, and why. */
export interface RetryNotice {
  attempt: number;
  delayMs: number;
  reason: string;
}

/**
 * Worth retrying: connection errors, malformed replies, first-token timeouts, 408, 409, 429
 * and 5xx. Never 400/401/403/404, never after text was sent, and not when the upstream asks
 * for a longer wait than we are willing to give (the caller falls back instead).
 */
export function isRetryable(error: unknown, maxDelayMs: number): boolean {
  const failure = describeFailure(error);
  if (!failure.retryable) return false;
  return failure.retryAfterMs === undefined || failure.retryAfterMs <= maxDelayMs;
}

/** A cockatiel retry policy with full-jitter backoff that honours Retry-After. */
export function createRetryPolicy(
  settings: Pick<ResilienceSettings, 'maxRetries' | 'retryBaseDelayMs' | 'retryMaxDelayMs'>,
  random?: () => number,
): RetryPolicy {
  return retry(
    handleWhen((error) => isRetryable(error, settings.retryMaxDelayMs)),
    {
      maxAttempts: settings.maxRetries,
      backoff: fullJitterBackoff({
        baseDelayMs: settings.retryBaseDelayMs,
        maxDelayMs: settings.retryMaxDelayMs,
        random,
      }),
    },
  );
}

/**
 * Runs `operation` with retries, reporting each retry before its wait. Cockatiel's wait
 * between attempts cannot be cancelled, so the whole run is raced against `signal`: an abort
 * or deadline ends it at once, and the pending attempt sees an aborted signal and stops.
 */
export function executeWithRetries<T>(
  policy: RetryPolicy,
  operation: (signal: AbortSignal) => Promise<T>,
  signal: AbortSignal,
  onRetry: (notice: RetryNotice) => void = () => undefined,
): Promise<T> {
  const listener = policy.onRetry((event) => {
    const reason = 'error' in event ? describeFailure(event.error).reason : 'unexpected result';
    onRetry({ attempt: event.attempt, delayMs: event.delay, reason });
  });
  const running = policy.execute(async ({ signal: attemptSignal }) => {
    attemptSignal.throwIfAborted();
    return operation(attemptSignal);
  }, signal);
  return raceAbort(running, signal).finally(() => listener.dispose());
}
