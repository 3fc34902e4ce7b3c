import type { AppConfig } from '../config';
import type { AlertRuleView, AlertSeverity } from '../contracts/dashboard';
import { getBudgetGuard } from '../cost/budget-guard';
import { formatRuleValue } from './format-rule-value';

/** What the rules look at: the alert window's turns, plus the last 24 hours' cost. */
export interface AlertStats {
  /** Turns in the window that reached an outcome (not cancelled). */
  windowTurns: number;
  errorRate: number | null;
  successRate: number | null;
  p95LatencyMs: number | null;
  dailyCostUsd: number;
}

export interface AlertRule extends AlertRuleView {
  /** Below this many turns in the window the rule stays quiet (one failure is not a trend). */
  minTurns: number;
  read: (stats: AlertStats) => number | null;
}

export interface RuleOutcome {
  rule: AlertRule;
  value: number | null;
  severity: AlertSeverity | null;
  threshold: number | null;
}

function windowLabel(seconds: number): string {
  if (seconds % 3600 === 0) return `last ${seconds / 3600} h`;
  if (seconds % 60 === 0) return `last ${seconds / 60} min`;
  return `last ${seconds} s`;
}

/** The alert rules with thresholds from configuration (ALERT_* variables). */
export function alertRulesFromConfig(config: AppConfig): AlertRule[] {
  const recent = windowLabel(config.ALERT_WINDOW_SECONDS);
  const minTurns = config.ALERT_MIN_TURNS;
  return [
    {
      id: 'error_rate',
      label: 'Error rate',
      comparison: 'above',
      unit: 'ratio',
      thresholds: { medium: config.ALERT_ERROR_RATE_MEDIUM, high: config.ALERT_ERROR_RATE_HIGH },
      windowLabel: recent,
      minTurns,
      read: (stats) => stats.errorRate,
    },
    {
      id: 'success_rate',
      label: 'Success rate',
      comparison: 'below',
      unit: 'ratio',
      thresholds: { high: config.ALERT_SUCCESS_RATE_HIGH },
      windowLabel: recent,
      minTurns,
      read: (stats) => stats.successRate,
    },
    {
      id: 'p95_latency',
      label: 'p95 latency',
      comparison: 'above',
      unit: 'ms',
      thresholds: { medium: config.ALERT_P95_LATENCY_MEDIUM_MS, high: config.ALERT_P95_LATENCY_HIGH_MS },
      windowLabel: recent,
      minTurns,
      read: (stats) => stats.p95LatencyMs,
    },
    {
      id: 'daily_cost',
      label: 'Daily cost',
      comparison: 'above',
      unit: 'usd',
      thresholds: { medium: config.ALERT_DAILY_COST_MEDIUM_USD, high: config.ALERT_DAILY_COST_HIGH_USD },
      windowLabel: 'last 24 h',
      minTurns: 0,
      read: (stats) => stats.dailyCostUsd,
    },
    // With DAILY_BUDGET_USD, reaching it moves turns to the fallback (lib/cost): alert on it.
    ...(config.DAILY_BUDGET_USD === undefined
      ? []
      : [
          {
            id: 'daily_budget',
            label: 'Daily budget spent',
            comparison: 'above' as const,
            unit: 'usd' as const,
            thresholds: { high: config.DAILY_BUDGET_USD },
            windowLabel: 'today (UTC)',
            minTurns: 0,
            read: () => getBudgetGuard().spentToday(),
          },
        ]),
  ];
}

function breaches(rule: AlertRule, value: number, threshold: number): boolean {
  return rule.comparison === 'above' ? value > threshold : value < threshold;
}

/** Which severity (if any) a rule fires at for these stats; high wins over medium. */
export function evaluateRule(rule: AlertRule, stats: AlertStats): RuleOutcome {
  const value = rule.read(stats);
  if (value === null || stats.windowTurns < rule.minTurns) {
    return { rule, value, severity: null, threshold: null };
  }
  for (const severity of ['high', 'medium'] as const) {
    const threshold = rule.thresholds[severity];
    if (threshold !== undefined && breaches(rule, value, threshold))
      return { rule, value, severity, threshold };
  }
  return { rule, value, severity: null, threshold: null };
}

/** The one-line message of a firing rule, e.g. "Error rate 40.0% (last 5 min) is above 10.0%". */
export function alertMessage(outcome: RuleOutcome): string {
  const { rule, value, threshold } = outcome;
  if (value === null || threshold === null) return `${rule.label} is within limits`;
  return `${rule.label} ${formatRuleValue(rule.unit, value)} (${rule.windowLabel}) is ${rule.comparison} ${formatRuleValue(rule.unit, threshold)}`;
}
