import type { AppConfig } from '../config';
import { summarizeTurns } from '../metrics/aggregate';
import { getTurnStore } from '../metrics/sqlite-turn-store';
import type { AlertStats } from './alert-rules';

const dayMs = 24 * 60 * 60 * 1000;

/** What the alert rules need, measured from the stored turns at `now`. */
export async function computeAlertStats(config: AppConfig, now: number): Promise<AlertStats> {
  const turns = getTurnStore();
  const [samples, dailyCostUsd] = await Promise.all([
    turns.samples(now - config.ALERT_WINDOW_SECONDS * 1000, now + 1),
    turns.costSince(now - dayMs),
  ]);
  const cards = summarizeTurns(samples);
  return {
    windowTurns: cards.turns - cards.cancelled,
    errorRate: cards.errorRate,
    successRate: cards.successRate,
    p95LatencyMs: cards.latencyMs.p95,
    dailyCostUsd,
  };
}
