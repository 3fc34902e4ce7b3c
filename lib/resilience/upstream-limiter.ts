import { RateLimiterMemory, RateLimiterQueue, RateLimiterQueueError } from 'rate-limiter-flexible';
import { getConfig } from '../config';
import type { UpstreamLimiter } from '../contracts/stores';
import { AppError } from '../errors';
import { processSingleton } from '../runtime/process-singleton';
import { raceAbort } from './race-abort';

/**
 * The global budget of upstream requests per minute. Callers wait in a bounded queue, like a
 * classic token-bucket RateLimiter; a Redis-backed limiter can replace the in-memory one
 * through {@link setUpstreamLimiter} when several app instances share one provider quota.
 */
export interface UpstreamLimiterOptions {
  /** 0 turns the limiter off. */
  perMinute: number;
  /** Callers allowed to wait; beyond it they get 'overloaded' with Retry-After. */
  queueLimit: number;
}

/**
 * In-memory limiter on rate-limiter-flexible's RateLimiterQueue. Tokens refill in small steps
 * (about one second's worth at a time) so requests are spread out instead of bunched at the
 * start of each minute.
 */
export function createMemoryUpstreamLimiter(options: UpstreamLimiterOptions): UpstreamLimiter {
  if (options.perMinute === 0) return { acquire: async (signal) => signal.throwIfAborted() };
  const points = Math.max(1, Math.ceil(options.perMinute / 60));
  const queue = new RateLimiterQueue(
    new RateLimiterMemory({ keyPrefix: 'upstream', points, duration: (points * 60) / options.perMinute }),
    { maxQueueSize: options.queueLimit },
  );
  const drainSeconds = Math.max(1, Math.ceil((options.queueLimit * 60) / options.perMinute));
  return {
    async acquire(signal) {
      signal.throwIfAborted();
      // An abandoned wait still takes its token when its turn comes: the queue cannot cancel entries.
      const waiting = queue.removeTokens(1).catch((error: unknown) => {
        if (error instanceof RateLimiterQueueError) {
          throw new AppError('overloaded', {
            detail: `upstream request queue full (${options.queueLimit} waiting)`,
            retryAfterSeconds: drainSeconds,
            cause: error,
          });
        }
        throw error;
      });
      await raceAbort(waiting, signal);
    },
  };
}

const holder = () =>
  processSingleton<{ limiter?: UpstreamLimiter }>('resilience.upstream-limiter', () => ({}));

/** The process-wide upstream limiter, built from UPSTREAM_REQUESTS_PER_MINUTE and UPSTREAM_QUEUE_LIMIT. */
export function getUpstreamLimiter(): UpstreamLimiter {
  const state = holder();
  if (!state.limiter) {
    const config = getConfig();
    state.limiter = createMemoryUpstreamLimiter({
      perMinute: config.UPSTREAM_REQUESTS_PER_MINUTE,
      queueLimit: config.UPSTREAM_QUEUE_LIMIT,
    });
  }
  return state.limiter;
}

/** Replaces the upstream limiter (e.g. Redis-backed); `undefined` rebuilds it from config on next use. */
export function setUpstreamLimiter(limiter: UpstreamLimiter | undefined): void {
  holder().limiter = limiter;
}
