import { getBreaker } from './circuit-breakers';
import { withUpstreamBulkhead } from './upstream-bulkhead';
import { getUpstreamLimiter } from './upstream-limiter';

/**
 * One call to an upstream through its circuit breaker, the global requests-per-minute limiter
 * and the concurrency bulkhead, in that order: an open circuit fails fast without queueing.
 */
export function guardUpstreamCall<T>(
  upstream: string,
  operation: (signal: AbortSignal) => Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  return getBreaker(upstream).execute(async (breakerSignal) => {
    await getUpstreamLimiter().acquire(breakerSignal);
    return withUpstreamBulkhead(operation, breakerSignal);
  }, signal);
}
