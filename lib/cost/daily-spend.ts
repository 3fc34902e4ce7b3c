import { logger } from '../logger';

/** Start of the UTC day containing `time` (epoch ms). Budgets reset at UTC midnight. */
export function startOfUtcDay(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

export interface DailySpend {
  /** Adds a finished turn's cost to today (a turn that ends after midnight counts for the new day). */
  add(costUsd: number): void;
  /** Spent so far on the UTC day of `at` (default: now). */
  total(at?: number): number;
}

export interface DailySpendOptions {
  now?: () => number;
  /**
   * Spend already recorded for the day starting at `dayStart` (e.g. from the metrics
   * database), read once per day so a restart does not reset the budget.
   */
  loadDay?: (dayStart: number) => number;
}

/**
 * Running total of today's spend, in process. Seeded from `loadDay` when the day starts so
 * the daily budget survives restarts; turns add to it as they finish.
 */
export function createDailySpend(options: DailySpendOptions = {}): DailySpend {
  const now = options.now ?? Date.now;
  let day = Number.NaN;
  let spent = 0;

  const roll = (at: number) => {
    const dayStart = startOfUtcDay(at);
    if (dayStart === day) return;
    day = dayStart;
    spent = safeLoad(options.loadDay, dayStart);
  };

  return {
    add(costUsd) {
      if (!Number.isFinite(costUsd) || costUsd <= 0) return;
      roll(now());
      spent += costUsd;
    },
    total(at = now()) {
      roll(at);
      return spent;
    },
  };
}

function safeLoad(loadDay: DailySpendOptions['loadDay'], dayStart: number): number {
  if (!loadDay) return 0;
  try {
    const loaded = loadDay(dayStart);
    return Number.isFinite(loaded) && loaded > 0 ? loaded : 0;
  } catch (error) {
    // The budget must not stop chats if the metrics database is unreadable; start from zero.
    logger.warn('daily_spend_load_failed', { error });
    return 0;
  }
}
