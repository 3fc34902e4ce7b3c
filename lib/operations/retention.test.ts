import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertAlert, listAlertHistory, resolveAlert } from '@/lib/alerts/alert-store';
import { makeTurnRecord, useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { saveFeedback } from '../metrics/feedback-store';
import { insertTurn } from '../metrics/insert-turn';
import { getMetricsDatabase } from '../metrics/metrics-db';
import { getTurn } from '../metrics/turn-store';
import { pruneExpiredMetrics } from './retention';

const day = 24 * 60 * 60 * 1000;
const now = 1_700_000_000_000;
let cleanup: () => void;

beforeEach(() => {
  cleanup = useTemporaryDataDir({ METRICS_RETENTION_DAYS: '7' }).cleanup;
});
afterEach(() => cleanup());

describe('pruneExpiredMetrics', () => {
  it('deletes turns and their feedback older than the retention period and keeps the rest', async () => {
    const old = makeTurnRecord({ startedAt: now - 8 * day });
    const recent = makeTurnRecord({ startedAt: now - 6 * day });
    for (const record of [old, recent]) insertTurn(record, { storeQuestion: true, now });
    saveFeedback({ turnId: old.id, rating: 'up' });
    expect(await pruneExpiredMetrics(now)).toEqual({ turns: 1, alerts: 0 });
    expect(getTurn(old.id)).toBeUndefined();
    expect(getTurn(recent.id)).toBeDefined();
    expect(getMetricsDatabase().prepare('SELECT COUNT(*) AS count FROM feedback').get()).toEqual({
      count: 0,
    });
  });

  it('deletes resolved alerts past retention but never active ones', async () => {
    const state = { severity: 'high' as const, message: 'm', value: 1, threshold: 0.5, peakValue: 1 };
    const resolved = insertAlert({ ...state, rule: 'error_rate' }, now - 9 * day);
    resolveAlert(resolved, now - 8 * day);
    insertAlert({ ...state, rule: 'daily_cost' }, now - 30 * day);
    expect(await pruneExpiredMetrics(now)).toEqual({ turns: 0, alerts: 1 });
    expect(listAlertHistory(10).map((alert) => alert.rule)).toEqual(['daily_cost']);
  });
});
