import type { PercentileSet } from '../contracts/dashboard';

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

/** The values that were measured: a NULL (never measured) is left out, not counted as 0. */
function measured(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((value): value is number => typeof value === 'number');
}

/** p50, p95 and p99 of unsorted values, ignoring unmeasured (null) ones. */
export function percentiles(values: readonly (number | null | undefined)[]): PercentileSet {
  const sorted = measured(values).sort((left, right) => left - right);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/** The arithmetic mean of the measured values, or null for none. */
export function mean(values: readonly (number | null | undefined)[]): number | null {
  const present = measured(values);
  if (present.length === 0) return null;
  return present.reduce((sum, value) => sum + value, 0) / present.length;
}
