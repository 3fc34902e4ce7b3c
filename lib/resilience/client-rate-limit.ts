import { getConfig } from '../config';
import type { TokenBucketPolicy, TokenBucketStore } from '../contracts/stores';
import { AppError } from '../errors';
import { boundedKey } from '../http/bounded-key';
import { clientAddress } from '../http/client-address';
import { logger } from '../logger';
import { processSingleton } from '../runtime/process-singleton';
import { createMemoryTokenBucketStore } from './token-bucket-store';

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-client request budget. The in-memory token bucket serves one app instance; for several
 * instances, pass a shared (e.g. Redis) {@link TokenBucketStore} to
 * {@link createClientRateLimiter} and install it with {@link setClientRateLimiter}.
 */
export interface ClientRateLimiter {
  consume(clientKey: string): Promise<RateLimitDecision>;
}

/**
 * A client limiter on any token bucket store: each request takes one token from its client's
 * bucket; without one, the answer is an integer Retry-After, the whole seconds until a token
 * is back (at least 1).
 *
 * A small token bucket of our own rather than rate-limiter-flexible: its limiters count fixed
 * windows (all points back at once when the window ends; BurstyRateLimiter only adds a second
 * window), which cannot express a bucket refilled continuously at RATE_LIMIT_PER_MINUTE.
 */
export function createClientRateLimiter(
  store: TokenBucketStore,
  policy: TokenBucketPolicy,
): ClientRateLimiter {
  return {
    async consume(clientKey) {
      try {
        const decision = await store.take(`client:${boundedKey(clientKey)}`, policy);
        if (decision.allowed) return decision;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)) };
      } catch (error) {
        // A broken store must not take the product down: let the request through and say so.
        logger.error('rate_limit_store_failed', { error });
        return { allowed: true };
      }
    },
  };
}

/** The bucket for RATE_LIMIT_PER_MINUTE / RATE_LIMIT_BURST; undefined when `perMinute` is 0 (off). */
export function clientBucketPolicy(options: {
  perMinute: number;
  burst: number;
}): TokenBucketPolicy | undefined {
  if (options.perMinute === 0) return undefined;
  // A bucket must hold at least one token, or no request could ever pass: burst 0 means none extra.
  return { capacity: Math.max(1, options.burst), refillPerSecond: options.perMinute / 60 };
}

/**
 * In-memory token bucket per client: `burst` tokens, refilled continuously at `perMinute` per
 * minute, so a client can send `burst` requests at once and `perMinute` sustained. Undefined
 * when `perMinute` is 0 (off).
 */
export function createMemoryClientRateLimiter(options: {
  perMinute: number;
  burst: number;
}): ClientRateLimiter | undefined {
  const policy = clientBucketPolicy(options);
  if (!policy) return undefined;
  return createClientRateLimiter(createMemoryTokenBucketStore(), policy);
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
 * Who a request counts against: its client address (see lib/http/client-address), which only
 * trusts forwarding headers written by the proxies `TRUST_PROXY` names.
 */
export function clientKeyOf(request: Request): string {
  return clientAddress(request);
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
