import type { TurnDependencies, TurnMiddleware } from '../agent/turn-types';
import type { AnswerModel } from '../contracts/models';
import type { ChatDataParts } from '../contracts/ui-message';
import { logger } from '../logger';
import { createLocalAnswerModel } from '../models/local-answer-model';
import { countAnswerPromptTokens } from '../prompts/answer-prompt';
import { getAnswerModel } from '../providers/registry';
import { observeBudgetAction } from '../telemetry/prometheus';
import { type BudgetGuard, getBudgetGuard } from './budget-guard';
import type { BudgetPlan, BudgetTarget } from './budget-plan';

/** What a turn needs to respect the budgets: the guard, and a way to build the model it picks. */
export interface TurnBudget {
  guard: BudgetGuard;
  modelFor(target: BudgetTarget): AnswerModel;
}

/** The app's budgets: the process-wide guard, and models from the registry. */
export function getTurnBudget(): TurnBudget {
  return {
    guard: getBudgetGuard(),
    modelFor: (target) =>
      target.provider === 'local' ? createLocalAnswerModel() : getAnswerModel(target.model),
  };
}

type BudgetChange = Exclude<BudgetPlan['action'], 'none'>;

/** The user-facing line for a budget decision (the reason with dollar figures goes to the log). */
function budgetNotice(action: BudgetChange, plan: BudgetPlan, model: AnswerModel): ChatDataParts['notice'] {
  const messages: Record<BudgetChange, string> = {
    cheaper_model: `Answered by ${model.id} to stay within the per-turn budget.`,
    smaller_context: `Fewer documents were read (${plan.contextTokens} tokens) to stay within the per-turn budget.`,
    daily_fallback: `Today's budget is spent: answered by ${model.id}.`,
    local: 'The budget does not allow a model call: answered by the local generator from the documents.',
  };
  return { kind: 'fallback', message: messages[action] };
}

/**
 * The budgets as a turn middleware: estimates its cost before it starts (prompt without context,
 * full context, a typical answer) and, when a budget requires it, swaps in a cheaper model, a
 * smaller context or the local generator, telling the user in a notice. Every recorded turn's
 * cost (stopped ones too) counts towards today's spend.
 */
export function budgetMiddleware(budget: TurnBudget): TurnMiddleware {
  return async function* budgetedTurn(input, dependencies, next) {
    // Without budgets there is nothing to plan or count: skip the prompt estimate entirely.
    if (!budget.guard.enabled()) {
      yield* next(input, dependencies);
      return;
    }
    const promptTokens = countAnswerPromptTokens(
      { question: input.question, history: input.history, passages: [], lowConfidence: false },
      dependencies.answerModel.id,
    );
    const plan = budget.guard.plan({ promptTokens, contextTokens: dependencies.contextTokenBudget });
    let adjusted: TurnDependencies = {
      ...dependencies,
      recordTurn: (record) => {
        budget.guard.recordCost(record.costUsd);
        dependencies.recordTurn(record);
      },
    };
    let notice: ChatDataParts['notice'] | undefined;
    if (plan.action !== 'none') {
      const answerModel = budget.modelFor(plan.target);
      adjusted = { ...adjusted, answerModel, contextTokenBudget: plan.contextTokens };
      notice = budgetNotice(plan.action, plan, answerModel);
      observeBudgetAction(plan.action);
      logger.info('budget_applied', {
        turnId: input.turnId,
        action: plan.action,
        model: answerModel.id,
        contextTokens: plan.contextTokens,
        estimatedCostUsd: plan.estimatedCostUsd,
        reason: plan.reason,
      });
    }
    // The notice goes after the turn's first event, so the turn has started (and will be
    // recorded) even if the client leaves right away.
    for await (const event of next(input, adjusted)) {
      yield event;
      if (notice) {
        yield { type: 'notice', notice };
        notice = undefined;
      }
    }
  };
}
