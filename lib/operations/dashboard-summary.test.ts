import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTurnRecord, useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { saveFeedback } from '../metrics/feedback-store';
import { insertTurn } from '../metrics/insert-turn';
import { parseSummaryQuery } from '../metrics/summary-query';
import { getDashboardSummary, type SummarySources } from './dashboard-summary';

const now = Date.now();
const minute = 60_000;
const sources: Partial<SummarySources> = {
  now,
  health: async () => ({ status: 'healthy', checkedAt: '', latencyMs: 1, components: [] }),
  collections: async () => [],
};
let cleanup: () => void;

beforeEach(() => {
  cleanup = useTemporaryDataDir().cleanup;
  const records = [
    makeTurnRecord({ id: 'a', startedAt: now - 2 * minute, ttftMs: 100, collections: ['python'] }),
    makeTurnRecord({ id: 'b', startedAt: now - 3 * minute, ttftMs: 300, collections: ['javascript'] }),
    makeTurnRecord({
      id: 'c',
      startedAt: now - 4 * minute,
      status: 'error',
      ttftMs: 0,
      outputTokens: 0,
      collections: ['javascript'],
    }),
    makeTurnRecord({ id: 'old', startedAt: now - 30 * minute, ttftMs: 900 }),
  ];
  for (const record of records) insertTurn(record, { storeQuestion: true, now });
  saveFeedback({ turnId: 'b', rating: 'down', comment: 'wrong' });
});
afterEach(() => cleanup());

describe('getDashboardSummary', () => {
  it('aggregates the selected window only', async () => {
    const summary = await getDashboardSummary(parseSummaryQuery(new URLSearchParams('window=15m')), sources);
    expect(summary.window).toMatchObject({ key: '15m', from: now - 15 * minute, bucketMs: minute });
    expect(summary.cards).toMatchObject({ turns: 3, ok: 2, failed: 1, errorRate: 1 / 3 });
    expect(summary.cards.ttftMs.p50).toBe(200);
    expect(summary.series.reduce((total, point) => total + point.turns, 0)).toBe(3);
    expect(summary.routes).toEqual([
      { route: 'javascript', turns: 2 },
      { route: 'python', turns: 1 },
    ]);
    expect(summary.recentTurns.map((turn) => turn.id)).toEqual(['a', 'b', 'c']);
    expect(summary.worstRated.map((turn) => turn.id)).toEqual(['b']);
    expect(summary.alerts.rules.map((rule) => rule.id)).toContain('error_rate');

    const hour = await getDashboardSummary(parseSummaryQuery(new URLSearchParams('window=1h')), sources);
    expect(hour.cards.turns).toBe(4);
  });

  it('filters only the recent-turns table', async () => {
    const summary = await getDashboardSummary(
      parseSummaryQuery(new URLSearchParams('window=1h&route=javascript&status=error')),
      sources,
    );
    expect(summary.recentTurns.map((turn) => turn.id)).toEqual(['c']);
    expect(summary.cards.turns).toBe(4);
    expect(summary.filters).toEqual({ route: 'javascript', status: 'error', model: undefined });
    expect(summary.filterOptions.routes).toEqual(['javascript', 'python']);
  });
});

describe('parseSummaryQuery', () => {
  it('defaults to the last hour and rejects unknown windows', () => {
    expect(parseSummaryQuery(new URLSearchParams())).toMatchObject({ window: '1h' });
    expect(() => parseSummaryQuery(new URLSearchParams('window=2d'))).toThrowError(
      expect.objectContaining({
        code: 'bad_request',
        publicMessage: 'window must be one of 15m, 1h, 24h, 7d',
      }),
    );
  });
});
