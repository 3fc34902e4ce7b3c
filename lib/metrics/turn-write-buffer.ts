import { getConfig } from '../config';
import { logger } from '../logger';
import { processSingleton } from './process-singleton';
import type { TurnRecord } from './turn-record';
import { insertTurn } from './turn-store';

// Enough for minutes of heavy traffic while the database is locked or the disk is full;
// beyond it the oldest records are dropped (and logged) rather than exhausting memory.
const maxPending = 10_000;

const pending = processSingleton('pending-turn-records', () => [] as TurnRecord[]);

function insert(record: TurnRecord): void {
  insertTurn(record, { storeQuestion: getConfig().STORE_QUESTIONS !== 'off', now: Date.now() });
}

/** Writes records that failed earlier, oldest first; stops at the first that fails again. */
export function flushPendingTurns(): void {
  while (pending.length > 0) {
    insert(pending[0]);
    pending.shift();
  }
}

/**
 * Stores a turn. When the database cannot take it right now, the record waits in memory
 * and is written by the next successful write (or the background job) instead of being lost.
 */
export function writeTurn(record: TurnRecord): void {
  try {
    flushPendingTurns();
    insert(record);
  } catch (error) {
    pending.push(record);
    if (pending.length > maxPending) {
      const dropped = pending.shift();
      logger.error('turn_record_dropped', { id: dropped?.id, pending: pending.length });
    }
    logger.error('turn_record_deferred', { id: record.id, pending: pending.length, error });
  }
}

/** How many records are waiting to be written. */
export function pendingTurnCount(): number {
  return pending.length;
}
