import { describe, expect, it } from 'vitest';
import { summarize } from './summarize';

describe('summarize', () => {
  it('gives interpolated percentiles of unsorted samples', () => {
    const values = Array.from({ length: 101 }, (_, index) => 100 - index);
    expect(summarize(values)).toEqual({ count: 101, mean: 50, min: 0, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('interpolates between ranks and rounds to hundredths', () => {
    const summary = summarize([1, 2]);
    expect(summary.p50).toBe(1.5);
    expect(summary.p95).toBe(1.95);
    expect(summarize([1, 1, 2]).mean).toBe(1.33);
  });

  it('returns nulls for no samples and drops non-finite ones', () => {
    expect(summarize([])).toEqual({
      count: 0,
      mean: null,
      min: null,
      p50: null,
      p95: null,
      p99: null,
      max: null,
    });
    expect(summarize([Number.NaN, 4, Number.POSITIVE_INFINITY]).count).toBe(1);
  });

  it('handles a single sample', () => {
    expect(summarize([7])).toMatchObject({ p50: 7, p95: 7, p99: 7 });
  });
});
