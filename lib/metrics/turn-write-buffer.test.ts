import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTurnRecord, useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import type { TurnRecord } from '../contracts/turn-record';
import { recentFailure, resetFailureEvents } from '../telemetry/failure-events';
import { getTurn } from './turn-store';
import { flushPendingTurns, pendingTurnCount, writeTurn } from './turn-write-buffer';

let temporary: ReturnType<typeof useTemporaryDataDir>;

beforeEach(() => {
  temporary = useTemporaryDataDir({ METRICS_WRITE_ATTEMPTS: '3', FAILURE_RECENT_MS: '60000' });
  resetFailureEvents();
});
afterEach(() => {
  flushPendingTurns();
  temporary.cleanup();
});

/** A record no database state can store: a NOT NULL column without a value. */
const poisonRecord = () => ({ ...makeTurnRecord(), endpoint: null }) as unknown as TurnRecord;

describe('writeTurn', () => {
  it('drops a record the working database keeps refusing after METRICS_WRITE_ATTEMPTS, never blocking others', () => {
    const poison = poisonRecord();
    writeTurn(poison);
    expect(pendingTurnCount()).toBe(1);

    const first = makeTurnRecord();
    writeTurn(first);
    // Stored although the poison record is still ahead of it in the queue.
    expect(getTurn(first.id)?.status).toBe('ok');
    expect(pendingTurnCount()).toBe(1);

    const second = makeTurnRecord();
    writeTurn(second);
    expect(getTurn(second.id)?.status).toBe('ok');
    expect(pendingTurnCount()).toBe(0);
    expect(recentFailure('metrics_record_dropped')).toMatchObject({ total: 1, subjects: [poison.id] });
  });

  it('with one attempt allowed, drops the record at once', () => {
    temporary.cleanup();
    temporary = useTemporaryDataDir({ METRICS_WRITE_ATTEMPTS: '1' });
    writeTurn(poisonRecord());
    expect(pendingTurnCount()).toBe(0);
    expect(recentFailure('metrics_record_dropped')?.total).toBe(1);
  });
});

describe('recentFailure', () => {
  it('is reported only within FAILURE_RECENT_MS of the last failure', () => {
    writeTurn(poisonRecord());
    writeTurn(makeTurnRecord());
    writeTurn(makeTurnRecord());
    const lastAt = recentFailure('metrics_record_dropped')?.lastAt ?? 0;
    expect(recentFailure('metrics_record_dropped', lastAt + 60_000)).toBeDefined();
    expect(recentFailure('metrics_record_dropped', lastAt + 60_001)).toBeUndefined();
  });
});
