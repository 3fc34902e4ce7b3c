import { describe, expect, it } from 'vitest';
import type { TurnSample } from '../contracts/dashboard';
import { breakdownByModel, breakdownByRoute, buildTimeSeries, summarizeTurns, ttftSplit } from './aggregate';

function sample(overrides: Partial<TurnSample> = {}): TurnSample {
  return {
    startedAt: 1_000_000,
    status: 'ok',
    route: 'python',
    model: 'gpt-4o-mini',
    provider: 'openai',
    cacheHit: false,
    fallbackUsed: false,
    retries: 0,
    routingMs: 10,
    retrievalMs: 30,
    modelFirstTokenMs: 160,
    ttftMs: 210,
    latencyMs: 1000,
    inputTokens: 500,
    outputTokens: 100,
    tokensPerSecond: 50,
    costUsd: 0.01,
    ...overrides,
  };
}

describe('summarizeTurns', () => {
  it('counts outcomes and leaves cancelled turns out of the rates', () => {
    const cards = summarizeTurns([
      sample(),
      sample(),
      sample({ status: 'error', ttftMs: 0, outputTokens: 0, tokensPerSecond: 0 }),
      sample({ status: 'timeout', ttftMs: 0, outputTokens: 0, tokensPerSecond: 0 }),
      sample({ status: 'cancelled', latencyMs: 99_000 }),
    ]);
    expect(cards).toMatchObject({
      turns: 5,
      ok: 2,
      failed: 2,
      cancelled: 1,
      successRate: 0.5,
      errorRate: 0.5,
    });
  });

  it('takes TTFT only from turns that sent a first token and latency from all but cancelled', () => {
    const cards = summarizeTurns([
      sample({ ttftMs: 100, latencyMs: 1000 }),
      sample({ ttftMs: 300, latencyMs: 3000 }),
      sample({ status: 'error', ttftMs: 0, outputTokens: 0, latencyMs: 50 }),
      sample({ status: 'interrupted', ttftMs: 200, outputTokens: 10, latencyMs: 2000 }),
      sample({ status: 'cancelled', ttftMs: 400, outputTokens: 3, latencyMs: 60_000 }),
    ]);
    expect(cards.ttftMs.p50).toBe(250);
    expect(cards.ttftMs.p99).toBeCloseTo(397);
    expect(cards.latencyMs.p50).toBe(1500);
    expect(cards.latencyMs.p95).toBeCloseTo(2850);
  });

  it('sums cost and tokens, rates cache hits and scores feedback', () => {
    const cards = summarizeTurns([
      sample({ cacheHit: true, rating: 'up', costUsd: 0 }),
      sample({ rating: 'up', costUsd: 0.25 }),
      sample({ rating: 'down', costUsd: 0.5, retries: 2, fallbackUsed: true }),
      sample(),
    ]);
    expect(cards.cacheHitRate).toBe(0.25);
    expect(cards.costUsd).toBeCloseTo(0.76);
    expect(cards.inputTokens).toBe(2000);
    expect(cards.retries).toBe(2);
    expect(cards.fallbacks).toBe(1);
    expect(cards.feedback).toEqual({ up: 2, down: 1, score: 2 / 3 });
  });

  it('has null rates and percentiles with no turns', () => {
    const cards = summarizeTurns([]);
    expect(cards.successRate).toBeNull();
    expect(cards.errorRate).toBeNull();
    expect(cards.ttftMs).toEqual({ p50: null, p95: null, p99: null });
    expect(cards.feedback.score).toBeNull();
  });
});

describe('buildTimeSeries', () => {
  it('puts turns into aligned buckets and leaves empty buckets null', () => {
    const minute = 60_000;
    const from = 10 * minute + 30_000;
    const series = buildTimeSeries(
      [
        sample({ startedAt: from + 1000, ttftMs: 100 }),
        sample({ startedAt: from + 2000, ttftMs: 300, status: 'error', outputTokens: 0 }),
        sample({ startedAt: from + 2 * minute, ttftMs: 500 }),
        sample({ startedAt: from - 1, ttftMs: 900 }),
      ],
      from,
      from + 3 * minute,
      minute,
    );
    expect(series.map((point) => point.start)).toEqual([10, 11, 12, 13].map((value) => value * minute));
    expect(series.map((point) => point.turns)).toEqual([2, 0, 1, 0]);
    expect(series[0].failed).toBe(1);
    expect(series[0].ttftP50).toBe(100);
    expect(series[1].ttftP50).toBeNull();
    expect(series[2].ttftP95).toBe(500);
  });
});

describe('breakdowns', () => {
  it('groups by route and by model, most used first', () => {
    const samples = [
      sample({ route: 'javascript' }),
      sample({ route: 'python' }),
      sample({ route: 'javascript', model: 'local-extractive', provider: 'local', costUsd: 0 }),
      sample({ route: 'javascript+python', status: 'error', outputTokens: 0 }),
    ];
    expect(breakdownByRoute(samples)).toEqual([
      { route: 'javascript', turns: 2 },
      { route: 'javascript+python', turns: 1 },
      { route: 'python', turns: 1 },
    ]);
    const models = breakdownByModel(samples);
    expect(models.map((row) => [row.model, row.turns, row.failed])).toEqual([
      ['gpt-4o-mini', 3, 1],
      ['local-extractive', 1, 0],
    ]);
    expect(models[0].costUsd).toBeCloseTo(0.03);
  });

  it('splits mean TTFT into routing, retrieval, model and the rest', () => {
    const split = ttftSplit([
      sample({ routingMs: 10, retrievalMs: 20, modelFirstTokenMs: 100, ttftMs: 140 }),
      sample({ routingMs: 30, retrievalMs: 40, modelFirstTokenMs: 300, ttftMs: 380 }),
      sample({ status: 'error', ttftMs: 0, outputTokens: 0, routingMs: 999 }),
    ]);
    expect(split).toEqual({ turns: 2, routingMs: 20, retrievalMs: 30, modelMs: 200, otherMs: 10 });
  });
});
