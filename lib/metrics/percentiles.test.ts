import { describe, expect, it } from 'vitest';
import { mean, percentile, percentiles } from './percentiles';

describe('percentile', () => {
  it('interpolates linearly between the closest ranks', () => {
    const sorted = [10, 20, 30, 40];
    expect(percentile(sorted, 0)).toBe(10);
    expect(percentile(sorted, 50)).toBe(25);
    expect(percentile(sorted, 100)).toBe(40);
    expect(percentile(sorted, 95)).toBeCloseTo(38.5);
  });

  it('returns the only value for one sample and null for none', () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('matches the nearest-rank intuition on 1..100', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    const result = percentiles(values);
    expect(result.p50).toBeCloseTo(50.5);
    expect(result.p95).toBeCloseTo(95.05);
    expect(result.p99).toBeCloseTo(99.01);
  });

  it('clamps out-of-range percentiles', () => {
    expect(percentile([1, 2, 3], 150)).toBe(3);
    expect(percentile([1, 2, 3], -5)).toBe(1);
  });
});

describe('mean', () => {
  it('averages, or is null for no values', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNull();
  });
});
