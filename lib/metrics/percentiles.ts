import type { PercentileSet } from './dashboard-types';

/**
 * The p-th percentile (0..100) of ascending `sorted` values, interpolating linearly between
 * the closest ranks (the same method as numpy's default and Excel's PERCENTILE.INC).
 * Null for no values.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
}

/** p50, p95 and p99 of unsorted values. */
export function percentiles(values: readonly number[]): PercentileSet {
  const sorted = [...values].sort((left, right) => left - right);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/** The arithmetic mean, or null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
