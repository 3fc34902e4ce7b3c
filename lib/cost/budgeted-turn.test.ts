import { afterAll, describe, expect, it } from 'vitest';
import { runTurn } from '@/lib/agent/run-turn';
import type { TurnEvent } from '@/lib/agent/turn-types';
import type { AnswerModel } from '@/lib/contracts/models';
import { createScriptedModel, textSteps } from '@/tests/support/fakes';
import { createTurnHarness, eventText, turnInput } from '@/tests/support/turn-harness';
import { setConfig } from '../config';
import { localAnswerModelId } from '../models/local-answer-model';
import { renderPrometheusMetrics } from '../operations/prometheus-exposition';
import { type BudgetAlert, type BudgetSettings, createBudgetGuard } from './budget-guard';
import type { BudgetTarget } from './budget-plan';
import { budgetMiddleware } from './budgeted-turn';
import { createDailySpend } from './daily-spend';

// USD per 1M tokens; the turn record is priced from the same table through PRICE_TABLE.
const prices = { big: { input: 100, output: 300 }, small: { input: 1, output: 2 } };
setConfig({ LOG_LEVEL: 'silent', PRICE_TABLE: JSON.stringify(prices) });
afterAll(() => setConfig({ PRICE_TABLE: '' }));

const question = 'How do I cancel a fetch request?';

function setup(settings: Partial<BudgetSettings>) {
  const models: Record<string, ReturnType<typeof createScriptedModel>> = {
    big: createScriptedModel(textSteps('Big answer [1].'), { id: 'big' }),
    small: createScriptedModel(textSteps('Small answer [1].'), { id: 'small' }),
    [localAnswerModelId]: createScriptedModel(textSteps('Local answer [1].'), {
      id: localAnswerModelId,
      provider: 'local',
    }),
  };
  const alerts: BudgetAlert[] = [];
  const guard = createBudgetGuard({
    settings: () => ({ remote: true, primaryModel: 'big', fallbackModel: 'small', prices, ...settings }),
    spend: createDailySpend(),
    alert: (alert) => alerts.push(alert),
  });
  const modelFor = (target: BudgetTarget): AnswerModel =>
    target.provider === 'local' ? models[localAnswerModelId] : models[target.model];
  const harness = createTurnHarness({ answerModel: models.big });
  const budgetedTurn = budgetMiddleware({ guard, modelFor });
  const ask = async () => {
    const events: TurnEvent[] = [];
    for await (const event of budgetedTurn(turnInput(question), harness.dependencies, runTurn))
      events.push(event);
    return events;
  };
  return { models, guard, alerts, harness, budgetedTurn, ask };
}

const notices = (events: TurnEvent[]) =>
  events.flatMap((event) => (event.type === 'notice' ? [event.notice.message] : []));

describe('budgetMiddleware', () => {
  it('keeps the configured model and context when the turn fits', async () => {
    const { models, harness, ask } = setup({ turnBudgetUsd: 10 });
    const events = await ask();
    expect(eventText(events)).toBe('Big answer [1].');
    expect(models.small.requests).toHaveLength(0);
    expect(notices(events)).toEqual([]);
    expect(harness.records[0].model).toBe('big');
    expect(harness.records[0].costUsd).toBeGreaterThan(0);
  });

  it('switches to the cheaper model when the turn would exceed the per-turn budget, and says so', async () => {
    const { models, harness, ask } = setup({ turnBudgetUsd: 0.05 });
    const events = await ask();
    expect(models.big.requests).toHaveLength(0);
    expect(models.small.requests).toHaveLength(1);
    expect(eventText(events)).toBe('Small answer [1].');
    expect(notices(events)).toEqual(['Answered by small to stay within the per-turn budget.']);
    expect(harness.records[0].model).toBe('small');
    const { body } = await renderPrometheusMetrics();
    expect(body).toMatch(/docs_chat_budget_actions_total\{action="cheaper_model"\} [1-9]/);
  });

  it('sends fewer documents when only a smaller context fits', async () => {
    const full = setup({ turnBudgetUsd: 10, fallbackModel: undefined });
    await full.ask();
    const fullPrompt = full.models.big.requests[0].messages.map((message) => message.content).join('');
    // $0.25 covers the prompt and a 500-token answer on `big` with only several hundred context tokens.
    const cut = setup({ turnBudgetUsd: 0.25, fallbackModel: undefined });
    const events = await cut.ask();
    expect(cut.models.big.requests).toHaveLength(1);
    const cutPrompt = cut.models.big.requests[0].messages.map((message) => message.content).join('');
    expect(cutPrompt.length).toBeLessThan(fullPrompt.length);
    expect(notices(events)[0]).toMatch(/^Fewer documents were read \(\d+ tokens\)/);
  });

  it('goes to the fallback once recorded turns spend the daily budget, and alerts once', async () => {
    const { models, alerts, guard, ask } = setup({ dailyBudgetUsd: 0.0001 });
    await ask();
    expect(models.big.requests).toHaveLength(1);
    expect(guard.spentToday()).toBeGreaterThan(0.0001);
    expect(alerts).toHaveLength(1);
    const events = await ask();
    expect(models.small.requests).toHaveLength(1);
    expect(notices(events)).toEqual(["Today's budget is spent: answered by small."]);
    await ask();
    expect(alerts).toHaveLength(1);
  });

  it('answers locally when the daily budget is spent and there is no fallback model', async () => {
    const { models, guard, ask } = setup({ dailyBudgetUsd: 0, fallbackModel: undefined });
    guard.recordCost(0.01);
    const events = await ask();
    expect(models.big.requests).toHaveLength(0);
    expect(models[localAnswerModelId].requests).toHaveLength(1);
    expect(notices(events)[0]).toMatch(/local generator/);
  });

  it('counts the cost of a stopped turn towards the day', async () => {
    const { guard, harness, budgetedTurn } = setup({ dailyBudgetUsd: 100 });
    const controller = new AbortController();
    for await (const event of budgetedTurn(
      turnInput(question, { signal: controller.signal }),
      harness.dependencies,
      runTurn,
    )) {
      if (event.type === 'text') controller.abort(new Error('stop'));
    }
    expect(harness.records[0].status).toBe('cancelled');
    expect(harness.records[0].costUsd).toBeGreaterThan(0);
    expect(guard.spentToday()).toBeCloseTo(harness.records[0].costUsd, 12);
  });
});
