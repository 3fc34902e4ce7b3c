import type { MetricWindowKey } from '../contracts/dashboard';

const minute = 60_000;
const hour = 60 * minute;

/** The dashboard's selectable windows, with the chart bucket size for each. */
export const metricWindows: Record<MetricWindowKey, { label: string; durationMs: number; bucketMs: number }> =
  {
    '15m': { label: 'Last 15 minutes', durationMs: 15 * minute, bucketMs: minute },
    '1h': { label: 'Last hour', durationMs: hour, bucketMs: 2 * minute },
    '24h': { label: 'Last 24 hours', durationMs: 24 * hour, bucketMs: hour },
    '7d': { label: 'Last 7 days', durationMs: 7 * 24 * hour, bucketMs: 6 * hour },
  };

export const metricWindowKeys = Object.keys(metricWindows) as MetricWindowKey[];
