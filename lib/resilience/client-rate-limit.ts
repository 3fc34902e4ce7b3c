import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { getConfig } from '../config';
import { AppError } from '../errors';
import { logger } from '../logger';
import { processSingleton } from '../metrics/process-singleton';

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-client request budget. The in-memory store serves one app instance; pass a
 * rate-limiter-flexible Redis limiter to {@link createClientRateLimiter} and install it with
 * {@link setClientRateLimiter} to share budgets across instances.
 */
export interface ClientRateLimiter {
  consume(clientKey: string): Promise<RateLimitDecision>;
}

/** Adapts any rate-limiter-flexible limiter (memory, Redis, ...) to {@link ClientRateLimiter}. */
export function createClientRateLimiter(limiter: RateLimiterAbstract): ClientRateLimiter {
  return {
    async consume(clientKey) {
      try {
        await limiter.consume(clientKey);
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        // A broken store must not take the product down: let the request through and say so.
        logger.error('rate_limit_store_failed', { error: rejection });
        return { allowed: true };
      }
    },
  };
}

/**
 * In-memory token bucket: `burst` tokens, refilled at `perMinute` per minute (the bucket
 * refills whole every burst/perMinute minutes, so the sustained rate is `perMinute` and a
 * client can burst `burst` requests at once). Undefined when `perMinute` is 0 (off).
 */
export function createMemoryClientRateLimiter(options: {
  perMinute: number;
  burst: number;
}): ClientRateLimiter | undefined {
  if (options.perMinute === 0) return undefined;
  const capacity = Math.max(1, options.burst);
  return createClientRateLimiter(
    new RateLimiterMemory({
      keyPrefix: 'client',
      points: capacity,
      duration: (capacity * 60) / options.perMinute,
    }),
  );
}

const holder = () =>
  processSingleton<{ limiter?: ClientRateLimiter | null }>('resilience.client-rate-limit', () => ({}));

function currentLimiter(): ClientRateLimiter | undefined {
  const state = holder();
  if (state.limiter === undefined) {
    const config = getConfig();
    state.limiter =
      createMemoryClientRateLimiter({
        perMinute: config.RATE_LIMIT_PER_MINUTE,
        burst: config.RATE_LIMIT_BURST,
      }) ?? null;
  }
  return state.limiter ?? undefined;
}

/**
 * Replaces the client limiter (e.g. Redis-backed). `null` turns limiting off; `undefined`
 * rebuilds it from RATE_LIMIT_PER_MINUTE / RATE_LIMIT_BURST on next use.
 */
export function setClientRateLimiter(limiter: ClientRateLimiter | null | undefined): void {
  holder().limiter = limiter;
}

/**
 * Who a request counts against: the first X-Forwarded-For address (set by Next.js or the
 * proxy in front), else X-Real-IP, else one shared anonymous bucket.
 */
export function clientKeyOf(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || request.headers.get('x-real-ip')?.trim() || 'anonymous';
}

/**
 * Spends one request from the client's budget; call it before the response stream starts.
 * Throws AppError 'rate_limited' (429) with an integer Retry-After when the budget is spent.
 * `clientKey` overrides the IP-based key (e.g. an authenticated user id).
 */
export async function enforceClientRateLimit(
  request: Request,
  clientKey = clientKeyOf(request),
): Promise<void> {
  const limiter = currentLimiter();
  if (!limiter) return;
  const decision = await limiter.consume(clientKey);
  if (!decision.allowed) {
    throw new AppError('rate_limited', {
      detail: 'client over its rate limit',
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  }
}
