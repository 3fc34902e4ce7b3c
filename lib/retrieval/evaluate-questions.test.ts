import { describe, expect, it } from 'vitest';
import type { RetrievalResult } from '../contracts/retrieval';
import { evaluateQuestions } from './evaluate-questions';
import { benchmarkRetrieval, percentile, summarizeLatencies } from './retrieval-benchmark';

function result(routed: string, sources: [string, string][]): RetrievalResult {
  return {
    route: { collections: [routed], scores: { [routed]: 1 }, reason: 'test', confidence: 1, pinned: false },
    sources: sources.map(([collection, source], index) => ({
      id: String(index),
      collection,
      source,
      title: source,
      heading: '',
      text: 'text',
      score: 1 - index / 10,
    })),
  };
}

describe('evaluateQuestions', () => {
  it('scores hits over distinct source files and routing by the first routed collection', async () => {
    const answers: Record<string, RetrievalResult> = {
      first: result('py', [
        ['py', 'a.html'],
        ['py', 'a.html'],
        ['py', 'b.html'],
      ]),
      third: result('js', [
        ['py', 'x.html'],
        ['py', 'x.html'],
        ['py', 'y.html'],
        ['py', 'a.html'],
      ]),
      missing: result('py', [['py', 'z.html']]),
      wrongCollection: result('js', [['js', 'a.html']]),
    };
    const summary = await evaluateQuestions(
      Object.keys(answers).map((q) => ({ q, collection: 'py', expect: ['a.html'] })),
      async ({ query }) => answers[query],
    );
    expect(summary.outcomes.map((outcome) => outcome.rank)).toEqual([0, 2, -1, -1]);
    expect(summary).toMatchObject({ questions: 4, hitAt1: 0.25, hitAt5: 0.5, routingAccuracy: 0.5 });
    expect(summary.mrr).toBeCloseTo((1 + 1 / 3) / 4);
  });

  it('pins each question to its collection when asked', async () => {
    const seen: (string | undefined)[] = [];
    await evaluateQuestions(
      [{ q: 'q', collection: 'py', expect: ['a'] }],
      async ({ collection }) => {
        seen.push(collection);
        return result('py', []);
      },
      { pin: true },
    );
    expect(seen).toEqual(['py']);
  });
});

describe('retrieval benchmark', () => {
  it('computes nearest-rank percentiles', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 0.5)).toBe(5);
    expect(percentile(sorted, 0.95)).toBe(10);
    expect(percentile([], 0.5)).toBe(0);
    expect(summarizeLatencies([3, 1, 2])).toEqual({
      count: 3,
      p50Ms: 2,
      p95Ms: 3,
      p99Ms: 3,
      meanMs: 2,
      maxMs: 3,
    });
  });

  it('warms up once, then times every query in every round', async () => {
    const calls: string[] = [];
    const summary = await benchmarkRetrieval(['a', 'b'], {
      rounds: 2,
      k: 3,
      retrieveFn: async ({ query, k }) => {
        calls.push(`${query}:${k}`);
        return result('py', []);
      },
    });
    expect(calls).toEqual(['a:3', 'b:3', 'a:3', 'b:3', 'a:3', 'b:3']);
    expect(summary.count).toBe(4);
  });
});
