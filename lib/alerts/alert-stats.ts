import type { AppConfig } from '../config';
import { ratio } from '../metrics/aggregate';
import { getTurnStore } from '../metrics/sqlite-turn-store';
import type { AlertStats } from './alert-rules';

const dayMs = 24 * 60 * 60 * 1000;

/** What the alert rules need, measured from the stored turns at `now`. */
export async function computeAlertStats(config: AppConfig, now: number): Promise<AlertStats> {
  const turns = getTurnStore();
  const [window, dailyCostUsd] = await Promise.all([
    turns.windowStats(now - config.ALERT_WINDOW_SECONDS * 1000, now + 1),
    turns.costSince(now - dayMs),
  ]);
  // Rates are over turns that reached an outcome: a user pressing Stop is neither.
  const decided = window.turns - window.cancelled;
  return {
    windowTurns: decided,
    errorRate: ratio(window.failed, decided),
    successRate: ratio(window.ok, decided),
    p95LatencyMs: window.p95LatencyMs,
    dailyCostUsd,
  };
}
