import { pruneAlerts } from '../alerts/alert-store';
import { getConfig } from '../config';
import { pruneTurns } from '../metrics/turn-store';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Deletes turns (with their feedback) and resolved alerts older than METRICS_RETENTION_DAYS,
 * so the database stays bounded. Returns what was removed.
 */
export function pruneExpiredMetrics(now = Date.now()): { turns: number; alerts: number } {
  const cutoff = now - getConfig().METRICS_RETENTION_DAYS * dayMs;
  return { turns: pruneTurns(cutoff), alerts: pruneAlerts(cutoff) };
}
