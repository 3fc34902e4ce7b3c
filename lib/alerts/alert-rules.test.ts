import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { type AlertStats, alertMessage, alertRulesFromConfig, evaluateRule } from './alert-rules';

const rules = alertRulesFromConfig(parseConfig({ LOG_LEVEL: 'silent' }));
const rule = (id: string) => {
  const found = rules.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
const quiet: AlertStats = {
  windowTurns: 20,
  errorRate: 0,
  successRate: 1,
  p95LatencyMs: 800,
  dailyCostUsd: 1,
};

describe('alert rules from configuration', () => {
  it('uses the documented default thresholds', () => {
    expect(Object.fromEntries(rules.map((candidate) => [candidate.id, candidate.thresholds]))).toEqual({
      error_rate: { medium: 0.05, high: 0.1 },
      success_rate: { high: 0.95 },
      p95_latency: { medium: 5000, high: 10_000 },
      daily_cost: { medium: 50, high: 100 },
    });
  });

  it('reads thresholds and the window from ALERT_* variables', () => {
    const custom = alertRulesFromConfig(
      parseConfig({ ALERT_ERROR_RATE_HIGH: '0.5', ALERT_WINDOW_SECONDS: '60', ALERT_MIN_TURNS: '2' }),
    );
    expect(custom[0]).toMatchObject({ thresholds: { high: 0.5 }, windowLabel: 'last 1 min', minTurns: 2 });
  });

  it('fires the highest severity whose threshold is crossed', () => {
    expect(evaluateRule(rule('error_rate'), quiet).severity).toBeNull();
    expect(evaluateRule(rule('error_rate'), { ...quiet, errorRate: 0.05 }).severity).toBeNull();
    expect(evaluateRule(rule('error_rate'), { ...quiet, errorRate: 0.06 })).toMatchObject({
      severity: 'medium',
      threshold: 0.05,
    });
    expect(evaluateRule(rule('error_rate'), { ...quiet, errorRate: 0.2 })).toMatchObject({
      severity: 'high',
      threshold: 0.1,
    });
    expect(evaluateRule(rule('p95_latency'), { ...quiet, p95LatencyMs: 6000 }).severity).toBe('medium');
    expect(evaluateRule(rule('p95_latency'), { ...quiet, p95LatencyMs: 12_000 }).severity).toBe('high');
    expect(evaluateRule(rule('daily_cost'), { ...quiet, dailyCostUsd: 120 }).severity).toBe('high');
  });

  it('fires "below" rules when the value drops under the threshold', () => {
    expect(evaluateRule(rule('success_rate'), { ...quiet, successRate: 0.96 }).severity).toBeNull();
    expect(evaluateRule(rule('success_rate'), { ...quiet, successRate: 0.9 }).severity).toBe('high');
  });

  it('stays quiet on too few turns or no data, except for cost', () => {
    const few = { ...quiet, windowTurns: 2, errorRate: 1, successRate: 0, dailyCostUsd: 500 };
    expect(evaluateRule(rule('error_rate'), few).severity).toBeNull();
    expect(evaluateRule(rule('success_rate'), few).severity).toBeNull();
    expect(evaluateRule(rule('daily_cost'), few).severity).toBe('high');
    expect(evaluateRule(rule('p95_latency'), { ...quiet, p95LatencyMs: null }).severity).toBeNull();
  });

  it('explains a firing rule in one line', () => {
    const outcome = evaluateRule(rule('error_rate'), { ...quiet, errorRate: 0.4 });
    expect(alertMessage(outcome)).toBe('Error rate 40.0% (last 5 min) is above 10.0%');
    const latency = evaluateRule(rule('p95_latency'), { ...quiet, p95LatencyMs: 6500 });
    expect(alertMessage(latency)).toBe('p95 latency 6.50 s (last 5 min) is above 5.00 s');
  });
});
