import { describe, expect, it } from 'vitest';
import { type BudgetAlert, type BudgetSettings, createBudgetGuard } from './budget-guard';
import { createDailySpend } from './daily-spend';

const settings: BudgetSettings = {
  remote: true,
  primaryModel: 'big',
  fallbackModel: 'small',
  dailyBudgetUsd: 1,
  prices: { big: { input: 10, output: 30 }, small: { input: 1, output: 2 } },
};

function setup(overrides: Partial<BudgetSettings> = {}, loaded = 0) {
  let now = Date.UTC(2025, 5, 1, 9);
  const alerts: BudgetAlert[] = [];
  const guard = createBudgetGuard({
    settings: () => ({ ...settings, ...overrides }),
    spend: createDailySpend({ now: () => now, loadDay: () => loaded }),
    alert: (alert) => alerts.push(alert),
    now: () => now,
  });
  return { guard, alerts, advance: (ms: number) => (now += ms) };
}

describe('createBudgetGuard', () => {
  it('moves turns to the fallback once recorded costs reach the daily budget, alerting once', () => {
    const { guard, alerts } = setup();
    expect(guard.plan({ promptTokens: 100, contextTokens: 1000 }).target).toEqual({
      provider: 'openai',
      model: 'big',
    });
    guard.recordCost(0.6);
    expect(alerts).toHaveLength(0);
    guard.recordCost(0.5);
    expect(alerts).toEqual([expect.objectContaining({ kind: 'daily_budget_exceeded', budgetUsd: 1 })]);
    expect(alerts[0].spentUsd).toBeCloseTo(1.1);
    const plan = guard.plan({ promptTokens: 100, contextTokens: 1000 });
    expect(plan).toMatchObject({ action: 'daily_fallback', target: { model: 'small' } });
    guard.recordCost(0.1);
    guard.plan({ promptTokens: 100, contextTokens: 1000 });
    expect(alerts).toHaveLength(1);
  });

  it('alerts on the first plan after a restart that finds the day already spent', () => {
    const { guard, alerts } = setup({}, 3);
    expect(guard.plan({ promptTokens: 10, contextTokens: 100 }).action).toBe('daily_fallback');
    expect(alerts).toHaveLength(1);
  });

  it('goes back to the primary model the next UTC day, and alerts again when spent', () => {
    const { guard, alerts, advance } = setup();
    guard.recordCost(2);
    advance(24 * 3600 * 1000);
    expect(guard.spentToday()).toBe(0);
    expect(guard.plan({ promptTokens: 10, contextTokens: 100 }).action).toBe('none');
    guard.recordCost(2);
    expect(alerts).toHaveLength(2);
  });

  it('is enabled only with a remote model and a budget', () => {
    expect(setup().guard.enabled()).toBe(true);
    expect(setup({ dailyBudgetUsd: undefined }).guard.enabled()).toBe(false);
    expect(setup({ dailyBudgetUsd: undefined, turnBudgetUsd: 0.01 }).guard.enabled()).toBe(true);
    expect(setup({ remote: false }).guard.enabled()).toBe(false);
  });

  it('plans the local generator without a remote model', () => {
    const { guard } = setup({ remote: false, turnBudgetUsd: 0 });
    expect(guard.plan({ promptTokens: 10, contextTokens: 100 })).toMatchObject({
      action: 'none',
      target: { provider: 'local' },
    });
  });
});
