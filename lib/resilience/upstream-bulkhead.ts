import { type BulkheadPolicy, BulkheadRejectedError, bulkhead } from 'cockatiel';
import { getConfig } from '../config';
import { AppError } from '../errors';
import { processSingleton } from '../runtime/process-singleton';
import { raceAbort } from './race-abort';

const holder = () => processSingleton<{ policy?: BulkheadPolicy }>('resilience.bulkhead', () => ({}));

function policy(): BulkheadPolicy {
  const state = holder();
  if (!state.policy) {
    const config = getConfig();
    state.policy = bulkhead(config.UPSTREAM_CONCURRENCY, config.UPSTREAM_QUEUE_LIMIT);
  }
  return state.policy;
}

/**
 * Runs `operation` within the upstream concurrency bulkhead (UPSTREAM_CONCURRENCY at once,
 * UPSTREAM_QUEUE_LIMIT waiting). A full queue throws AppError 'overloaded'.
 */
export async function withUpstreamBulkhead<T>(
  operation: (signal: AbortSignal) => Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  const running = policy().execute(({ signal: slotSignal }) => operation(slotSignal), signal);
  try {
    return await raceAbort(running, signal);
  } catch (error) {
    if (error instanceof BulkheadRejectedError) {
      throw new AppError('overloaded', {
        detail: 'upstream concurrency limit reached',
        retryAfterSeconds: 1,
        cause: error,
      });
    }
    throw error;
  }
}

/** Forgets the bulkhead so the next call rebuilds it from config (tests). */
export function resetUpstreamBulkhead(): void {
  holder().policy = undefined;
}
