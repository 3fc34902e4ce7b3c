import { describe, expect, it } from 'vitest';
import { costUsd } from '../pricing/turn-cost';
import { type BudgetPlanInput, planBudget } from './budget-plan';

const prices = {
  big: { input: 10, output: 30 },
  small: { input: 1, output: 2 },
  pricey: { input: 50, output: 100 },
};

// big with full context: (4000 * 10 + 500 * 30) / 1e6 = $0.055; small: $0.005.
const base: BudgetPlanInput = {
  primaryModel: 'big',
  alternatives: [],
  promptTokens: 1000,
  contextTokens: 3000,
  expectedOutputTokens: 500,
  spentTodayUsd: 0,
  prices,
};

describe('planBudget: per-turn budget', () => {
  it('changes nothing without budgets', () => {
    const plan = planBudget(base);
    expect(plan).toMatchObject({
      action: 'none',
      target: { provider: 'openai', model: 'big' },
      contextTokens: 3000,
    });
    expect(plan.estimatedCostUsd).toBeCloseTo(0.055, 10);
    expect(plan.reason).toBeUndefined();
  });

  it('changes nothing when the turn fits', () => {
    expect(planBudget({ ...base, turnBudgetUsd: 0.1 }).action).toBe('none');
  });

  it('switches to a cheaper model that fits, keeping the full context', () => {
    const plan = planBudget({ ...base, alternatives: ['small'], turnBudgetUsd: 0.01 });
    expect(plan).toMatchObject({
      action: 'cheaper_model',
      target: { provider: 'openai', model: 'small' },
      contextTokens: 3000,
    });
    expect(plan.reason).toMatch(/exceeds the turn budget .*using small/);
  });

  it('never switches to a more expensive alternative', () => {
    const plan = planBudget({ ...base, alternatives: ['pricey'], turnBudgetUsd: 0.03 });
    expect(plan.target).toEqual({ provider: 'openai', model: 'big' });
    expect(plan.action).toBe('smaller_context');
  });

  it('shrinks the context to the most that fits when no cheaper model does', () => {
    const plan = planBudget({ ...base, turnBudgetUsd: 0.03 });
    expect(plan).toMatchObject({ action: 'smaller_context', target: { model: 'big' }, contextTokens: 500 });
    expect(plan.estimatedCostUsd).toBeLessThanOrEqual(0.03);
    expect(plan.reason).toMatch(/context cut to 500 tokens/);
  });

  it('shrinks the context on the cheaper model when even its full context is over', () => {
    const plan = planBudget({ ...base, alternatives: ['small'], turnBudgetUsd: 0.003 });
    expect(plan).toMatchObject({
      action: 'smaller_context',
      target: { model: 'small' },
      contextTokens: 1000,
    });
    expect(plan.estimatedCostUsd).toBeCloseTo(
      costUsd('small', { inputTokens: 2000, outputTokens: 500 }, prices),
      12,
    );
    expect(plan.estimatedCostUsd).toBeCloseTo(0.003, 12);
  });

  it('answers locally when no model fits with a useful context', () => {
    const plan = planBudget({ ...base, turnBudgetUsd: 0.026 });
    expect(plan).toMatchObject({ action: 'local', target: { provider: 'local' }, estimatedCostUsd: 0 });
    expect(plan.reason).toMatch(/no model fits/);
  });
});

describe('planBudget: daily budget', () => {
  const spent = { dailyBudgetUsd: 5, spentTodayUsd: 5 };

  it('sends turns to the fallback model once the day is spent', () => {
    const plan = planBudget({ ...base, ...spent, fallbackModel: 'small' });
    expect(plan).toMatchObject({
      action: 'daily_fallback',
      target: { provider: 'openai', model: 'small' },
      overDailyBudget: true,
    });
    expect(plan.reason).toMatch(/daily budget \$5\.000000 spent/);
  });

  it('answers locally without a fallback model, or when the fallback is the primary', () => {
    expect(planBudget({ ...base, ...spent }).target).toEqual({ provider: 'local' });
    expect(planBudget({ ...base, ...spent, fallbackModel: 'big' }).target).toEqual({ provider: 'local' });
  });

  it('keeps using the primary under the daily budget', () => {
    const plan = planBudget({ ...base, dailyBudgetUsd: 5, spentTodayUsd: 4.99, fallbackModel: 'small' });
    expect(plan).toMatchObject({ action: 'none', target: { model: 'big' }, overDailyBudget: false });
  });

  it('still applies the per-turn budget to the fallback', () => {
    const plan = planBudget({ ...base, ...spent, fallbackModel: 'small', turnBudgetUsd: 0.003 });
    expect(plan).toMatchObject({ action: 'daily_fallback', target: { model: 'small' }, contextTokens: 1000 });
    expect(plan.reason).toMatch(/daily budget.*context cut to 1000/);
  });
});
