import type { AppConfig } from '../config';
import { summarizeTurns } from '../metrics/aggregate';
import { prepared } from '../metrics/metrics-db';
import { listTurnSamples } from '../metrics/turn-store';
import type { AlertStats } from './alert-rules';

const dayMs = 24 * 60 * 60 * 1000;

/** What the alert rules need, measured from the metrics database at `now`. */
export function computeAlertStats(config: AppConfig, now: number): AlertStats {
  const cards = summarizeTurns(listTurnSamples(now - config.ALERT_WINDOW_SECONDS * 1000, now + 1));
  const cost = prepared('SELECT COALESCE(SUM(cost_usd), 0) AS total FROM turns WHERE started_at >= ?').get(
    now - dayMs,
  ) as { total: number };
  return {
    windowTurns: cards.turns - cards.cancelled,
    errorRate: cards.errorRate,
    successRate: cards.successRate,
    p95LatencyMs: cards.latencyMs.p95,
    dailyCostUsd: cost.total,
  };
}
