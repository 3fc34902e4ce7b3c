import { logger } from '../logger';
import type { TurnRecord } from './turn-record';

/** Records a finished turn. Never throws: metrics must not break a chat. */
export function recordTurn(record: TurnRecord): void {
  logger.info('turn_recorded', { id: record.id, status: record.status, latencyMs: record.latencyMs });
}
