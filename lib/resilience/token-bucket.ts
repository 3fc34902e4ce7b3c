import type { TakeDecision, TokenBucketPolicy } from '../contracts/stores';

/** One bucket as a store keeps it: tokens left (fractional) when it was last updated. */
export interface TokenBucketState {
  tokens: number;
  /** Milliseconds on the store's clock. */
  updatedAt: number;
}

// Refill is computed in floating point (e.g. 20/min is 1/3 token per second): a bucket that
// has waited exactly long enough must not miss its token, nor a wait of exactly 2 s be
// announced as 3, by a rounding error.
const epsilon = 1e-9;

/**
 * Refills a bucket for the time since its last update (lazily, so idle buckets cost nothing),
 * then takes one token if there is one; otherwise says how long until there will be. A missing
 * bucket is a full one. A clock that went backwards refills nothing.
 */
export function takeToken(
  state: TokenBucketState | undefined,
  policy: TokenBucketPolicy,
  nowMs: number,
): { state: TokenBucketState; decision: TakeDecision } {
  const elapsedSeconds = state ? Math.max(0, nowMs - state.updatedAt) / 1000 : 0;
  const available = state
    ? Math.min(policy.capacity, state.tokens + elapsedSeconds * policy.refillPerSecond)
    : policy.capacity;
  if (available >= 1 - epsilon) {
    return { state: { tokens: Math.max(0, available - 1), updatedAt: nowMs }, decision: { allowed: true } };
  }
  // Whole milliseconds, rounded up: a client that waits this long finds its token.
  const retryAfterMs = Math.ceil(((1 - available) / policy.refillPerSecond) * 1000 - epsilon * 1000);
  return { state: { tokens: available, updatedAt: nowMs }, decision: { allowed: false, retryAfterMs } };
}
