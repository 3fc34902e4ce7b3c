import { evaluateAlerts } from '../alerts/evaluate-alerts';
import { getConfig } from '../config';
import { logger } from '../logger';
import { flushPendingTurns } from '../metrics/turn-write-buffer';
import { processSingleton } from '../runtime/process-singleton';
import { pruneExpiredMetrics } from './retention';

const hourMs = 60 * 60 * 1000;
// Turns can finish in bursts; alerts are re-evaluated at most this often from turns.
const minEvaluationGapMs = 1000;

const state = processSingleton('metrics-jobs', () => ({
  timers: [] as NodeJS.Timeout[],
  lastEvaluationAt: 0,
  trailing: undefined as NodeJS.Timeout | undefined,
  /** The evaluation running now: the next one starts after it, so two never race on one rule. */
  evaluation: Promise.resolve() as Promise<void>,
}));

async function runSafely(job: string, work: () => unknown): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error('metrics_job_failed', { job, error });
  }
}

function evaluateNow(): void {
  const at = Date.now();
  state.lastEvaluationAt = at;
  state.evaluation = state.evaluation.then(() =>
    runSafely('alerts', () => {
      flushPendingTurns();
      return evaluateAlerts(at);
    }),
  );
}

/**
 * Starts, once per process, the timers that keep alerts evaluated while no turns arrive and
 * prune data past the retention period. Timers do not keep the process alive.
 */
export function ensureMetricsJobs(): void {
  if (state.timers.length > 0) return;
  const config = getConfig();
  void runSafely('retention', () => pruneExpiredMetrics());
  state.timers = [
    setInterval(evaluateNow, config.ALERT_EVAL_INTERVAL_SECONDS * 1000),
    setInterval(() => void runSafely('retention', () => pruneExpiredMetrics()), hourMs),
  ];
  for (const timer of state.timers) timer.unref();
}

/**
 * Re-evaluates alerts after a recorded turn: at once, or (during a burst) once more right
 * after the throttle gap, so the last turn of a burst is always counted.
 */
export function requestAlertEvaluation(): void {
  const wait = state.lastEvaluationAt + minEvaluationGapMs - Date.now();
  if (wait <= 0) {
    evaluateNow();
    return;
  }
  if (state.trailing) return;
  state.trailing = setTimeout(() => {
    state.trailing = undefined;
    evaluateNow();
  }, wait);
  state.trailing.unref();
}

/** Stops the background timers (tests, shutdown). */
export function stopMetricsJobs(): void {
  for (const timer of state.timers) clearInterval(timer);
  if (state.trailing) clearTimeout(state.trailing);
  state.timers = [];
  state.trailing = undefined;
  state.lastEvaluationAt = 0;
}

/** Resolves when the alert evaluations requested so far have finished (tests, shutdown). */
export function settledAlertEvaluations(): Promise<void> {
  return state.evaluation;
}
