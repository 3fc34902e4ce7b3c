import { getAlertStore } from '../alerts/alert-store';
import { getConfig } from '../config';
import { getTurnStore } from '../metrics/sqlite-turn-store';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Deletes turns (with their feedback) and resolved alerts older than METRICS_RETENTION_DAYS,
 * so the database stays bounded. Returns what was removed.
 */
export async function pruneExpiredMetrics(now = Date.now()): Promise<{ turns: number; alerts: number }> {
  const cutoff = now - getConfig().METRICS_RETENTION_DAYS * dayMs;
  const [turns, alerts] = await Promise.all([getTurnStore().prune(cutoff), getAlertStore().prune(cutoff)]);
  return { turns, alerts };
}
