import type { HealthComponent } from '../metrics/dashboard-types';
import { metricsDatabaseFile, prepared } from '../metrics/metrics-db';
import { pendingTurnCount } from '../metrics/turn-write-buffer';
import { timed } from './timed';

/**
 * Proves the metrics database takes writes by updating its probe row. Not writable is
 * `degraded`: chats still work and their records wait in memory.
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
  const waiting = pending > 0 ? `; ${pending} turn records waiting to be written` : '';
  return {
    name: 'metrics-db',
    kind: 'metrics-db',
    status: error || pending > 0 ? 'degraded' : 'healthy',
    latencyMs,
    detail: error ? `not writable (${error})${waiting}` : `writable: ${metricsDatabaseFile()}${waiting}`,
  };
}
