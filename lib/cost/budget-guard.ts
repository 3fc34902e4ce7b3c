import { getConfig } from '../config';
import { logger } from '../logger';
import { prepared } from '../metrics/metrics-db';
import { type ModelPrice, priceTable } from '../pricing/price-table';
import { hasRemoteModel } from '../providers/registry';
import { processSingleton } from '../runtime/process-singleton';
import { type BudgetPlan, planBudget } from './budget-plan';
import { createDailySpend, type DailySpend, startOfUtcDay } from './daily-spend';

/** A typical grounded answer's length, used to estimate a turn's cost before it runs. */
export const expectedAnswerTokens = 500;

export interface BudgetAlert {
  kind: 'daily_budget_exceeded';
  spentUsd: number;
  budgetUsd: number;
  /** Epoch ms of the UTC day the budget ran out on. */
  day: number;
}

export interface BudgetSettings {
  remote: boolean;
  primaryModel: string;
  fallbackModel?: string;
  turnBudgetUsd?: number;
  dailyBudgetUsd?: number;
  prices: Record<string, ModelPrice>;
}

export interface BudgetGuard {
  /** False when no budget applies (no remote model, or neither budget set): turns skip planning. */
  enabled(): boolean;
  /** The model and context size for a turn whose prompt (without context) has `promptTokens`. */
  plan(input: { promptTokens: number; contextTokens: number; expectedOutputTokens?: number }): BudgetPlan;
  /** Adds a finished turn's cost (stopped and failed turns too) to today's spend. */
  recordCost(costUsd: number): void;
  spentToday(): number;
}

/**
 * Budget decisions bound to settings and a running daily spend. Fires `alert` once per UTC day
 * when the daily budget runs out (on the turn that crosses it, or on the first plan after a
 * restart that finds it already spent).
 */
export function createBudgetGuard(options: {
  settings: () => BudgetSettings;
  spend: DailySpend;
  alert: (alert: BudgetAlert) => void;
  now?: () => number;
}): BudgetGuard {
  const now = options.now ?? Date.now;
  let alertedDay = Number.NaN;

  const checkDaily = () => {
    const { dailyBudgetUsd } = options.settings();
    const spentUsd = options.spend.total();
    const day = startOfUtcDay(now());
    if (dailyBudgetUsd === undefined || spentUsd < dailyBudgetUsd || alertedDay === day) return;
    alertedDay = day;
    options.alert({ kind: 'daily_budget_exceeded', spentUsd, budgetUsd: dailyBudgetUsd, day });
  };

  return {
    enabled() {
      const settings = options.settings();
      return (
        settings.remote && (settings.turnBudgetUsd !== undefined || settings.dailyBudgetUsd !== undefined)
      );
    },
    plan(input) {
      const settings = options.settings();
      if (!settings.remote) {
        return {
          action: 'none',
          target: { provider: 'local' },
          contextTokens: input.contextTokens,
          estimatedCostUsd: 0,
          overDailyBudget: false,
        };
      }
      checkDaily();
      return planBudget({
        primaryModel: settings.primaryModel,
        alternatives: settings.fallbackModel ? [settings.fallbackModel] : [],
        fallbackModel: settings.fallbackModel,
        promptTokens: input.promptTokens,
        contextTokens: input.contextTokens,
        expectedOutputTokens: input.expectedOutputTokens ?? expectedAnswerTokens,
        turnBudgetUsd: settings.turnBudgetUsd,
        dailyBudgetUsd: settings.dailyBudgetUsd,
        spentTodayUsd: options.spend.total(),
        prices: settings.prices,
      });
    },
    recordCost(costUsd) {
      options.spend.add(costUsd);
      checkDaily();
    },
    spentToday: () => options.spend.total(),
  };
}

type BudgetAlertListener = (alert: BudgetAlert) => void;

const listeners = processSingleton('budget-alert-listeners', () => new Set<BudgetAlertListener>());

/** Subscribes to budget alerts (e.g. the alerts panel); returns the unsubscribe function. */
export function onBudgetAlert(listener: BudgetAlertListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function announce(alert: BudgetAlert): void {
  logger.error('daily_budget_exceeded', {
    spentUsd: alert.spentUsd,
    budgetUsd: alert.budgetUsd,
    action: 'turns go to the fallback model or the local generator until UTC midnight',
  });
  for (const listener of listeners) {
    try {
      listener(alert);
    } catch (error) {
      logger.warn('budget_alert_listener_failed', { error });
    }
  }
}

function settingsFromConfig(): BudgetSettings {
  const config = getConfig();
  return {
    remote: hasRemoteModel(),
    primaryModel: config.CHAT_MODEL,
    fallbackModel: config.FALLBACK_MODEL,
    turnBudgetUsd: config.TURN_BUDGET_USD,
    dailyBudgetUsd: config.DAILY_BUDGET_USD,
    prices: priceTable(),
  };
}

/**
 * Spend already recorded in the metrics database since `dayStart`, so the daily budget
 * survives restarts and counts turns served before this process started.
 */
export function recordedSpendSince(dayStart: number): number {
  const row = prepared('SELECT COALESCE(SUM(cost_usd), 0) AS total FROM turns WHERE recorded_at >= ?').get(
    dayStart,
  ) as { total: number } | undefined;
  return row?.total ?? 0;
}

/** The process-wide budget guard, configured from the environment. */
export function getBudgetGuard(): BudgetGuard {
  return processSingleton('budget-guard', () =>
    createBudgetGuard({
      settings: settingsFromConfig,
      spend: createDailySpend({ loadDay: recordedSpendSince }),
      alert: announce,
    }),
  );
}
