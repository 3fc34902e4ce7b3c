import { resetBreakers } from './circuit-breakers';
import { setClientRateLimiter } from './client-rate-limit';
import { resetUpstreamBulkhead } from './upstream-bulkhead';
import { setUpstreamLimiter } from './upstream-limiter';

/**
 * Forgets every breaker, limiter and bulkhead so they are rebuilt from the current config on
 * next use (tests, and scripts that change settings with setConfig).
 */
export function resetResilienceState(): void {
  resetBreakers();
  setUpstreamLimiter(undefined);
  resetUpstreamBulkhead();
  setClientRateLimiter(undefined);
}
