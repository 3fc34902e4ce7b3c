import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listActiveAlerts } from '@/lib/alerts/alert-store';
import { makeTurnRecord, useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { ensureMetricsJobs, settledAlertEvaluations } from './background-jobs';
import { recordTurn } from './record-turn';

let cleanup: () => void;

beforeEach(() => {
  vi.useFakeTimers({
    now: 1_700_000_000_000,
    toFake: ['setInterval', 'setTimeout', 'clearInterval', 'clearTimeout', 'Date'],
  });
  cleanup = useTemporaryDataDir({
    ALERT_WINDOW_SECONDS: '30',
    ALERT_MIN_TURNS: '2',
    ALERT_EVAL_INTERVAL_SECONDS: '5',
  }).cleanup;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('alert evaluation', () => {
  it('fires from recorded turns and resolves on the timer once they age out of the window', async () => {
    recordTurn(makeTurnRecord({ status: 'error', startedAt: Date.now() }));
    recordTurn(makeTurnRecord({ status: 'error', startedAt: Date.now() }));
    // The second turn came inside the throttle gap; its trailing evaluation runs a second later.
    await vi.advanceTimersByTimeAsync(1000);
    await settledAlertEvaluations();
    expect(listActiveAlerts().map((alert) => alert.rule)).toContain('error_rate');

    await vi.advanceTimersByTimeAsync(35_000);
    await settledAlertEvaluations();
    expect(listActiveAlerts()).toEqual([]);
  });

  it('starts its timers once however often it is asked', () => {
    ensureMetricsJobs();
    ensureMetricsJobs();
    expect(vi.getTimerCount()).toBe(2);
  });
});
