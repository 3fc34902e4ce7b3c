import { mean, percentile } from '@/lib/metrics/percentiles';

/** Distribution of one measured quantity; null figures when nothing was measured. */
export interface Summary {
  count: number;
  mean: number | null;
  min: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/**
 * Summarizes samples with the same interpolated percentiles the dashboard uses, rounded to
 * 0.01 so the JSON stays readable. Non-finite samples are dropped.
 */
export function summarize(values: readonly number[]): Summary {
  const sorted = values.filter(Number.isFinite).sort((left, right) => left - right);
  const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
  return {
    count: sorted.length,
    mean: round(mean(sorted)),
    min: round(sorted.length ? sorted[0] : null),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length ? sorted[sorted.length - 1] : null),
  };
}
