import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTurnRecord, useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { routeKey } from '../contracts/turn-record';
import { insertTurn } from './insert-turn';
import { closeMetricsDatabase, getMetricsDatabase } from './metrics-db';
import { percentiles } from './percentiles';
import { getTurn, listFilterOptions, listTurnSamples, listTurns } from './turn-store';

let cleanup: () => void;

beforeEach(() => {
  cleanup = useTemporaryDataDir().cleanup;
});
afterEach(() => cleanup());

const now = 1_700_000_000_000;

describe('turn store', () => {
  it('opens the database in WAL mode', () => {
    expect(getMetricsDatabase().pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('stores every field of a turn and reads it back', () => {
    const record = makeTurnRecord({
      startedAt: now,
      collections: ['python', 'javascript'],
      status: 'error',
      errorCode: 'upstream_unavailable',
      errorMessage: 'The model provider is unavailable right now.',
      retries: 3,
      fallbackUsed: true,
    });
    insertTurn(record, { storeQuestion: true, now: now + 5 });
    expect(getTurn(record.id)).toEqual({ ...record, route: 'javascript+python', recordedAt: now + 5 });
  });

  it('survives a restart', () => {
    const record = makeTurnRecord({ startedAt: now });
    insertTurn(record, { storeQuestion: true, now });
    closeMetricsDatabase();
    expect(getTurn(record.id)?.id).toBe(record.id);
  });

  it('leaves the question out when told not to store it', () => {
    const record = makeTurnRecord({ startedAt: now, question: 'secret question' });
    insertTurn(record, { storeQuestion: false, now });
    expect(getTurn(record.id)?.question).toBeUndefined();
  });

  it('stores broken measurements as zero (or NULL for optional timings) instead of losing the turn', () => {
    const record = makeTurnRecord({ startedAt: now, ttftMs: Number.NaN, latencyMs: -5, costUsd: Infinity });
    insertTurn(record, { storeQuestion: true, now });
    expect(getTurn(record.id)).toMatchObject({ ttftMs: null, latencyMs: 0, costUsd: 0 });
  });

  it('stores timings that were never measured as NULL, and percentiles leave them out', () => {
    const answered = makeTurnRecord({ startedAt: now, ttftMs: 300, tokensPerSecond: 50 });
    const failed = makeTurnRecord({
      startedAt: now,
      status: 'error',
      ttftMs: undefined,
      modelFirstTokenMs: undefined,
      tokensPerSecond: undefined,
      outputTokens: 0,
    });
    for (const record of [answered, failed]) insertTurn(record, { storeQuestion: true, now });
    expect(getTurn(failed.id)).toMatchObject({
      ttftMs: null,
      modelFirstTokenMs: null,
      tokensPerSecond: null,
    });
    const samples = listTurnSamples(now, now + 1);
    expect(percentiles(samples.map((sample) => sample.ttftMs)).p50).toBe(300);
    expect(percentiles(samples.map((sample) => sample.tokensPerSecond)).p50).toBe(50);
  });

  it('updates the outcome when the same turn is recorded again', () => {
    const record = makeTurnRecord({ startedAt: now, status: 'ok' });
    insertTurn(record, { storeQuestion: true, now });
    insertTurn({ ...record, status: 'interrupted', latencyMs: 5000 }, { storeQuestion: true, now: now + 1 });
    expect(listTurnSamples(now, now + 1)).toHaveLength(1);
    expect(getTurn(record.id)).toMatchObject({ status: 'interrupted', latencyMs: 5000 });
  });

  it('filters turns by time, status, route and model, newest first', () => {
    const records = [
      makeTurnRecord({ startedAt: now, collections: ['python'] }),
      makeTurnRecord({ startedAt: now + 1, collections: ['javascript'], status: 'error' }),
      makeTurnRecord({ startedAt: now + 2, collections: ['javascript'], model: 'local-extractive' }),
      makeTurnRecord({ startedAt: now - 10_000 }),
    ];
    for (const record of records) insertTurn(record, { storeQuestion: true, now });
    const ids = (filter: Parameters<typeof listTurns>[0]) => listTurns(filter).map((turn) => turn.id);
    expect(ids({ from: now, to: now + 10, limit: 10 })).toEqual([
      records[2].id,
      records[1].id,
      records[0].id,
    ]);
    expect(ids({ from: now, to: now + 10, limit: 10, status: 'error' })).toEqual([records[1].id]);
    expect(ids({ from: now, to: now + 10, limit: 10, route: 'javascript' })).toEqual([
      records[2].id,
      records[1].id,
    ]);
    expect(ids({ from: now, to: now + 10, limit: 10, model: 'local-extractive' })).toEqual([records[2].id]);
    expect(ids({ from: now, to: now + 10, limit: 1 })).toEqual([records[2].id]);
    expect(listFilterOptions(now, now + 10)).toEqual({
      statuses: ['error', 'ok'],
      routes: ['javascript', 'python'],
      models: ['gpt-4o-mini', 'local-extractive'],
    });
  });

  it('keys routes on sorted collections', () => {
    expect(routeKey(['python', 'javascript'])).toBe('javascript+python');
    expect(routeKey([])).toBe('(none)');
  });

  it('follows a changed DATA_DIR to a new database', () => {
    insertTurn(makeTurnRecord({ startedAt: now }), { storeQuestion: true, now });
    const other = useTemporaryDataDir();
    try {
      expect(listTurnSamples(0, now + 1)).toHaveLength(0);
    } finally {
      other.cleanup();
    }
  });
});
