import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TurnRecord } from '@/lib/contracts/turn-record';
import { insertTurn } from '@/lib/metrics/insert-turn';
import { makeTurnRecord, useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { listActiveAlerts, listAlertHistory } from './alert-store';
import { evaluateAlerts } from './evaluate-alerts';

const now = 1_700_000_000_000;
let cleanup: () => void;

beforeEach(() => {
  cleanup = useTemporaryDataDir({ ALERT_WINDOW_SECONDS: '60', ALERT_MIN_TURNS: '4' }).cleanup;
});
afterEach(() => cleanup());

function turns(count: number, at: number, overrides: Partial<TurnRecord> = {}): void {
  for (let index = 0; index < count; index += 1) {
    insertTurn(makeTurnRecord({ startedAt: at, ...overrides }), { storeQuestion: true, now: at });
  }
}

describe('evaluateAlerts', () => {
  it('fires on a high error rate, tracks the peak, and resolves once the errors leave the window', async () => {
    turns(3, now);
    turns(1, now, { status: 'error' });
    const fired = await evaluateAlerts(now + 1);
    expect(fired.map((alert) => [alert.rule, alert.severity])).toEqual(
      expect.arrayContaining([
        ['error_rate', 'high'],
        ['success_rate', 'high'],
      ]),
    );
    turns(2, now + 1000, { status: 'error' });
    const worse = (await evaluateAlerts(now + 1001)).find((alert) => alert.rule === 'error_rate');
    expect(worse).toMatchObject({ value: 0.5, peakValue: 0.5, firedAt: now + 1 });

    turns(6, now + 61_000);
    expect(await evaluateAlerts(now + 61_001)).toEqual([]);
    const history = listAlertHistory(10).find((alert) => alert.rule === 'error_rate');
    expect(history).toMatchObject({ firedAt: now + 1, resolvedAt: now + 61_001, peakValue: 0.5 });
  });

  it('changes the severity of a firing alert without opening a second one', async () => {
    turns(9, now);
    turns(1, now, { status: 'timeout' });
    expect((await evaluateAlerts(now + 1)).find((alert) => alert.rule === 'error_rate')?.severity).toBe(
      'medium',
    );
    turns(2, now + 10, { status: 'rate_limited' });
    expect((await evaluateAlerts(now + 11)).find((alert) => alert.rule === 'error_rate')?.severity).toBe(
      'high',
    );
    expect(listAlertHistory(10).filter((alert) => alert.rule === 'error_rate')).toHaveLength(1);
  });

  it('leaves cancelled turns out of the rates and the minimum count', async () => {
    turns(4, now);
    turns(1, now, { status: 'cancelled' });
    expect(await evaluateAlerts(now + 1)).toEqual([]);
    turns(2, now, { status: 'error' });
    turns(1, now, { status: 'cancelled' });
    expect((await evaluateAlerts(now + 2)).find((alert) => alert.rule === 'error_rate')?.value).toBeCloseTo(
      2 / 6,
    );
  });

  it('fires on p95 latency and on the last 24 hours of cost', async () => {
    turns(4, now, { latencyMs: 12_000, costUsd: 30 });
    const active = await evaluateAlerts(now + 1);
    expect(active.find((alert) => alert.rule === 'p95_latency')?.severity).toBe('high');
    expect(active.find((alert) => alert.rule === 'daily_cost')).toMatchObject({
      severity: 'high',
      value: 120,
    });
    expect(listActiveAlerts()).toHaveLength(2);
  });

  it('keeps quiet below the minimum number of turns', async () => {
    turns(3, now, { status: 'error' });
    expect(await evaluateAlerts(now + 1)).toEqual([]);
  });
});
