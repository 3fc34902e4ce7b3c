import type { ModelPrice } from '../pricing/price-table';
import { costUsd } from '../pricing/turn-cost';

/** What the budget changed for a turn: nothing, or how it kept the turn within budget. */
export type BudgetAction = 'none' | 'cheaper_model' | 'smaller_context' | 'daily_fallback' | 'local';

/** The model a turn should use: a remote model by id, or the embedded local generator. */
export type BudgetTarget = { provider: 'openai'; model: string } | { provider: 'local' };

export interface BudgetPlanInput {
  primaryModel: string;
  /** Cheaper models to try before shrinking the context, in order of preference. */
  alternatives: readonly string[];
  /** Where turns go once the daily budget is spent; the local generator when absent. */
  fallbackModel?: string;
  /** Prompt tokens besides the retrieved context: system prompt, history and question. */
  promptTokens: number;
  /** The context budget the turn would use. */
  contextTokens: number;
  /** Output tokens to expect; a turn's cost is not known until it ends. */
  expectedOutputTokens: number;
  turnBudgetUsd?: number;
  dailyBudgetUsd?: number;
  spentTodayUsd: number;
  prices: Record<string, ModelPrice>;
  /** Below this, a context is too small to answer from, so go local instead. */
  minContextTokens?: number;
}

export interface BudgetPlan {
  action: BudgetAction;
  target: BudgetTarget;
  contextTokens: number;
  estimatedCostUsd: number;
  /** Why the plan differs from the configured model and context (for logs and metrics). */
  reason?: string;
  overDailyBudget: boolean;
}

const defaultMinContextTokens = 400;
const usd = (value: number) => `$${value.toFixed(6)}`;
/** Costs are sums of float products; a nano-dollar of slack keeps exact fits fitting. */
const within = (cost: number, budget: number) => cost <= budget + 1e-9;

/**
 * Chooses the model and context size for a turn. Over the daily budget, turns go to the
 * fallback model (or the local generator). Then, if the turn's estimated cost exceeds the
 * per-turn budget: a cheaper model with the full context, else a smaller context, else the
 * local generator, which costs nothing.
 */
export function planBudget(input: BudgetPlanInput): BudgetPlan {
  const estimate = (model: string, contextTokens: number) =>
    costUsd(
      model,
      { inputTokens: input.promptTokens + contextTokens, outputTokens: input.expectedOutputTokens },
      input.prices,
    );
  const overDaily = input.dailyBudgetUsd !== undefined && input.spentTodayUsd >= input.dailyBudgetUsd;
  const local = (action: BudgetAction, reason: string): BudgetPlan => ({
    action,
    target: { provider: 'local' },
    contextTokens: input.contextTokens,
    estimatedCostUsd: 0,
    reason,
    overDailyBudget: overDaily,
  });

  let primary = input.primaryModel;
  let alternatives = input.alternatives;
  let dailyReason: string | undefined;
  if (overDaily) {
    dailyReason = `daily budget ${usd(input.dailyBudgetUsd ?? 0)} spent (${usd(input.spentTodayUsd)} today)`;
    if (!input.fallbackModel || input.fallbackModel === input.primaryModel)
      return local('local', dailyReason);
    primary = input.fallbackModel;
    alternatives = [];
  }
  const remote = (action: BudgetAction, model: string, contextTokens: number, reason?: string) => ({
    action: dailyReason ? ('daily_fallback' as const) : action,
    target: { provider: 'openai' as const, model },
    contextTokens,
    estimatedCostUsd: estimate(model, contextTokens),
    reason: [dailyReason, reason].filter(Boolean).join('; ') || undefined,
    overDailyBudget: overDaily,
  });

  const budget = input.turnBudgetUsd;
  const fullCost = estimate(primary, input.contextTokens);
  if (budget === undefined || within(fullCost, budget)) return remote('none', primary, input.contextTokens);

  const overTurn = `estimated ${usd(fullCost)} on ${primary} exceeds the turn budget ${usd(budget)}`;
  const cheaper = alternatives.filter(
    (model) => model !== primary && estimate(model, input.contextTokens) < fullCost,
  );
  const fitting = cheaper.find((model) => within(estimate(model, input.contextTokens), budget));
  if (fitting) return remote('cheaper_model', fitting, input.contextTokens, `${overTurn}: using ${fitting}`);

  const minContext = Math.min(input.minContextTokens ?? defaultMinContextTokens, input.contextTokens);
  for (const model of [primary, ...cheaper]) {
    const contextTokens = largestContextWithin(budget, model, input, estimate);
    if (contextTokens >= minContext && contextTokens < input.contextTokens) {
      return remote(
        'smaller_context',
        model,
        contextTokens,
        `${overTurn}: context cut to ${contextTokens} tokens`,
      );
    }
  }
  return local(
    'local',
    [dailyReason, `${overTurn}: no model fits, answering locally`].filter(Boolean).join('; '),
  );
}

/** The most context tokens that keep `model` within `budget`, found from its linear cost. */
function largestContextWithin(
  budget: number,
  model: string,
  input: BudgetPlanInput,
  estimate: (model: string, contextTokens: number) => number,
): number {
  const withoutContext = estimate(model, 0);
  const perContextToken = estimate(model, 1) - withoutContext;
  if (perContextToken <= 0 || !within(withoutContext, budget)) return -1;
  let contextTokens = Math.min(
    input.contextTokens,
    Math.floor((budget - withoutContext) / perContextToken + 1e-6),
  );
  while (contextTokens > 0 && !within(estimate(model, contextTokens), budget)) contextTokens -= 1;
  return contextTokens;
}
