import type { HealthComponent } from '../contracts/dashboard';
import { metricsDatabaseFile, prepared } from '../metrics/metrics-db';
import { pendingTurnCount } from '../metrics/turn-write-buffer';
import { recentFailure } from '../telemetry/failure-events';
import { timed } from './timed';

/** Records dropped or not written lately (FAILURE_RECENT_MS), as a clause of the detail. */
function recentLosses(now: number): string {
  const dropped = recentFailure('metrics_record_dropped', now);
  const unwritten = recentFailure('metrics_write_failed', now);
  const clauses = [
    dropped ? `${dropped.total} turn records dropped as unwritable (last: ${dropped.lastReason})` : '',
    unwritten ? `${unwritten.total} turn starts not written (last: ${unwritten.lastReason})` : '',
  ];
  return clauses
    .filter(Boolean)
    .map((clause) => `; ${clause}`)
    .join('');
}

/**
 * Proves the metrics database takes writes by updating its probe row. Not writable is
 * `degraded`: chats still work and their records wait in memory. Recently dropped records
 * keep it degraded too, though later writes succeed.
 */
export async function checkMetricsDatabase(now = Date.now()): Promise<HealthComponent> {
  const [error, latencyMs] = await timed(() => {
    try {
      prepared(
        'INSERT INTO health_probe (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
      ).run(now);
      return undefined;
    } catch (caught) {
      return caught instanceof Error ? caught.message : String(caught);
    }
  });
  const pending = pendingTurnCount();
  const waiting = `${pending > 0 ? `; ${pending} turn records waiting to be written` : ''}${recentLosses(now)}`;
  return {
    name: 'metrics-db',
    kind: 'metrics-db',
    status: error || waiting ? 'degraded' : 'healthy',
    latencyMs,
    detail: error ? `not writable (${error})${waiting}` : `writable: ${metricsDatabaseFile()}${waiting}`,
  };
}
