import type { TurnRecord } from '../contracts/turn-record';
import { logger } from '../logger';
import { getTurnStore } from '../metrics/sqlite-turn-store';
import { observeTurn } from '../telemetry/prometheus';
import { ensureMetricsJobs, requestAlertEvaluation } from './background-jobs';

/**
 * Records a finished turn (any status, including cancelled): stores it in the metrics
 * database, updates the Prometheus metrics and re-evaluates alerts. Synchronous and never
 * throws: metrics must not break a chat.
 */
export function recordTurn(record: TurnRecord): void {
  getTurnStore().record(record);
  try {
    logger.info('turn_recorded', { id: record.id, status: record.status, latencyMs: record.latencyMs });
    observeTurn(record);
  } catch (error) {
    logger.error('turn_observe_failed', { id: record.id, error });
  }
  try {
    ensureMetricsJobs();
    requestAlertEvaluation();
  } catch (error) {
    logger.error('alert_evaluation_failed', { id: record.id, error });
  }
}
