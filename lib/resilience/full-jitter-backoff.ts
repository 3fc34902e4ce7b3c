import type { IBackoff, IBackoffFactory, IRetryBackoffContext } from 'cockatiel';
import { describeFailure } from './upstream-errors';

export interface FullJitterOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Source of randomness in [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
}

/**
 * Exponential backoff with full jitter (a random wait in [0, min(max, base * 2^attempt)]), as a
 * cockatiel backoff. When the upstream said how long to wait (Retry-After / retry-after-ms),
 * that wait is used instead, capped at `maxDelayMs`.
 */
export function fullJitterBackoff(
  options: FullJitterOptions,
): IBackoffFactory<IRetryBackoffContext<unknown>> {
  const random = options.random ?? Math.random;
  const next = (context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> => {
    const advertised =
      'error' in context.result ? describeFailure(context.result.error).retryAfterMs : undefined;
    const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (context.attempt - 1));
    const duration =
      advertised === undefined
        ? Math.floor(random() * ceiling)
        : Math.min(Math.ceil(advertised), options.maxDelayMs);
    return { duration, next };
  };
  return { next };
}
