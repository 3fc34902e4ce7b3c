import type { BreakerState } from '../contracts/stores';
import { getBreakerStates } from '../resilience/circuit-breakers';

/** One circuit breaker as health and metrics see it. */
export interface BreakerSnapshot {
  name: string;
  state: BreakerState;
}

/**
 * The resilience layer's breaker states, sorted by name; empty if they cannot be read, so
 * health and metrics never fail on them.
 */
export function readBreakerStates(): BreakerSnapshot[] {
  try {
    return Object.entries(getBreakerStates())
      .map(([name, state]) => ({ name, state }))
      .sort((left, right) => left.name.localeCompare(right.name));
  } catch {
    return [];
  }
}
