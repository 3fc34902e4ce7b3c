import { alertRulesFromConfig } from '../alerts/alert-rules';
import { getAlertStore } from '../alerts/alert-store';
import { getConfig } from '../config';
import type { CollectionSummary, DashboardSummary, HealthReport } from '../contracts/dashboard';
import { checkHealth } from '../health/check-health';
import { listCollectionSummaries } from '../health/collection-summaries';
import {
  breakdownByModel,
  breakdownByRoute,
  buildTimeSeries,
  summarizeTurns,
  ttftSplit,
} from '../metrics/aggregate';
import { inFlightTurns } from '../metrics/in-flight';
import { metricWindows } from '../metrics/metric-windows';
import { getTurnStore } from '../metrics/sqlite-turn-store';
import type { SummaryQuery } from '../metrics/summary-query';
import { ensureMetricsJobs } from './background-jobs';

const recentTurnLimit = 50;
const worstRatedLimit = 10;
const alertHistoryLimit = 50;

export interface SummarySources {
  now: number;
  health: () => Promise<HealthReport>;
  collections: () => Promise<CollectionSummary[]>;
}

/**
 * Everything the dashboard shows for one window: cards, charts, breakdowns, the recent
 * turns matching the filters, alerts, health and collections. Cards and charts cover all
 * turns in the window; only the recent-turns table is filtered.
 */
export async function getDashboardSummary(
  query: SummaryQuery,
  sources: Partial<SummarySources> = {},
): Promise<DashboardSummary> {
  ensureMetricsJobs();
  const now = sources.now ?? Date.now();
  const window = metricWindows[query.window];
  const from = now - window.durationMs;
  const to = now + 1;
  const turns = getTurnStore();
  const alerts = getAlertStore();
  const filters = { status: query.status, route: query.route, model: query.model };
  const [health, collections, samples, filterOptions, recentTurns, worstRated, active, history] =
    await Promise.all([
      (sources.health ?? checkHealth)(),
      (sources.collections ?? listCollectionSummaries)(),
      turns.samples(from, to),
      turns.filterOptions(from, to),
      turns.list({ from, to, ...filters, limit: recentTurnLimit }),
      turns.list({ from, to, rating: 'down', limit: worstRatedLimit }),
      alerts.listActive(),
      alerts.listHistory(alertHistoryLimit),
    ]);
  return {
    generatedAt: now,
    window: { key: query.window, label: window.label, from, to, bucketMs: window.bucketMs },
    filters,
    filterOptions,
    inFlight: inFlightTurns(),
    cards: summarizeTurns(samples),
    series: buildTimeSeries(samples, from, to, window.bucketMs),
    routes: breakdownByRoute(samples),
    models: breakdownByModel(samples),
    ttftSplit: ttftSplit(samples),
    recentTurns,
    worstRated,
    alerts: {
      rules: alertRulesFromConfig(getConfig()).map(
        ({ id, label, comparison, unit, thresholds, windowLabel }) => ({
          id,
          label,
          comparison,
          unit,
          thresholds,
          windowLabel,
        }),
      ),
      active,
      history,
    },
    health,
    collections,
  };
}
