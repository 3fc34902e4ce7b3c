import { processSingleton } from '../metrics/process-singleton';

export type BreakerState = 'closed' | 'half-open' | 'open';

/** One circuit breaker as health and metrics see it. */
export interface BreakerSnapshot {
  name: string;
  state: BreakerState;
}

const source = processSingleton('breaker-state-source', () => ({
  read: (): BreakerSnapshot[] => [],
}));

/**
 * Registers where breaker states come from (the resilience layer). Until then no breakers
 * are reported.
 */
export function setBreakerStateSource(read: () => BreakerSnapshot[]): void {
  source.read = read;
}

/** The current breaker states; empty when the source fails, so health never throws on it. */
export function readBreakerStates(): BreakerSnapshot[] {
  try {
    return source.read();
  } catch {
    return [];
  }
}
