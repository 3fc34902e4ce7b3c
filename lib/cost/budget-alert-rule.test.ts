import { afterEach, describe, expect, it } from 'vitest';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { type AlertStats, alertRulesFromConfig, evaluateRule } from '../alerts/alert-rules';
import { getConfig } from '../config';
import { getBudgetGuard, onBudgetAlert } from './budget-guard';

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

const stats: AlertStats = {
  windowTurns: 0,
  errorRate: null,
  successRate: null,
  p95LatencyMs: null,
  dailyCostUsd: 0,
};

describe('daily budget alert', () => {
  it('is a dashboard alert rule only when DAILY_BUDGET_USD is set', () => {
    cleanup = useTemporaryDataDir().cleanup;
    expect(alertRulesFromConfig(getConfig()).some((rule) => rule.id === 'daily_budget')).toBe(false);
  });

  it('fires (high) once today’s recorded spend passes the budget, and notifies listeners once', () => {
    cleanup = useTemporaryDataDir({ DAILY_BUDGET_USD: '0.5' }).cleanup;
    const rule = alertRulesFromConfig(getConfig()).find((candidate) => candidate.id === 'daily_budget');
    if (!rule) throw new Error('daily_budget rule missing');
    const heard: number[] = [];
    const stop = onBudgetAlert((alert) => heard.push(alert.budgetUsd));
    const guard = getBudgetGuard();
    guard.recordCost(0.3);
    expect(evaluateRule(rule, stats).severity).toBeNull();
    guard.recordCost(0.3);
    guard.recordCost(0.1);
    expect(evaluateRule(rule, stats)).toMatchObject({ severity: 'high', threshold: 0.5 });
    expect(heard).toEqual([0.5]);
    stop();
  });
});
