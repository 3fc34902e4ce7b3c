import { getConfig } from '../config';
import type { TurnRecord } from '../contracts/turn-record';
import { logger } from '../logger';
import { processSingleton } from '../runtime/process-singleton';
import { reportFailure } from '../telemetry/failure-events';
import { insertTurn } from './insert-turn';
import { prepared } from './metrics-db';

// Enough for minutes of heavy traffic while the database is locked or the disk is full;
// beyond it the oldest records are dropped (and logged) rather than exhausting memory.
const maxPending = 10_000;

interface PendingRecord {
  record: TurnRecord;
  /** Failed writes while the database itself took writes: the record's own fault. */
  attempts: number;
}

const pending = processSingleton('pending-turn-records', () => [] as PendingRecord[]);

function insert(record: TurnRecord): void {
  insertTurn(record, { storeQuestion: getConfig().STORE_QUESTIONS !== 'off', now: Date.now() });
}

/**
 * Tells a record the database refuses (a poison record) from a database that refuses
 * everything (locked, disk full): the latter must not use up the records' attempts.
 */
function databaseTakesWrites(): boolean {
  try {
    prepared(
      'INSERT INTO health_probe (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
    ).run(Date.now());
    return true;
  } catch (error) {
    logger.warn('metrics_database_unwritable', { error });
    return false;
  }
}

/** Counts a failed write against `entry`; true when it has had its METRICS_WRITE_ATTEMPTS and is dropped. */
function failedAttempt(entry: PendingRecord, error: unknown): boolean {
  entry.attempts += 1;
  if (entry.attempts < getConfig().METRICS_WRITE_ATTEMPTS) return false;
  reportFailure('metrics_record_dropped', { subject: entry.record.id, error });
  return true;
}

/**
 * Writes records that failed earlier, oldest first. A record the database keeps refusing
 * while it takes other writes is dropped after METRICS_WRITE_ATTEMPTS (logged, counted) and
 * never blocks the ones behind it. Throws, keeping every record, when the database takes no
 * writes at all.
 */
export function flushPendingTurns(): void {
  let index = 0;
  while (index < pending.length) {
    const entry = pending[index];
    try {
      insert(entry.record);
      pending.splice(index, 1);
    } catch (error) {
      if (!databaseTakesWrites()) throw error;
      if (failedAttempt(entry, error)) pending.splice(index, 1);
      else index += 1;
    }
  }
}

/**
 * Stores a turn. When the database cannot take it right now, the record waits in memory
 * and is written by the next successful write (or the background job) instead of being lost.
 */
export function writeTurn(record: TurnRecord): void {
  try {
    flushPendingTurns();
  } catch (error) {
    defer({ record, attempts: 0 }, error);
    return;
  }
  try {
    insert(record);
  } catch (error) {
    const entry = { record, attempts: 0 };
    if (databaseTakesWrites() && failedAttempt(entry, error)) return;
    defer(entry, error);
  }
}

function defer(entry: PendingRecord, error: unknown): void {
  pending.push(entry);
  if (pending.length > maxPending) {
    const dropped = pending.shift();
    reportFailure('metrics_record_dropped', {
      subject: dropped?.record.id,
      error: 'too many records waiting',
    });
  }
  logger.error('turn_record_deferred', { id: entry.record.id, pending: pending.length, error });
}

/** How many records are waiting to be written. */
export function pendingTurnCount(): number {
  return pending.length;
}
