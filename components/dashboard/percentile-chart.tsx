'use client';

import { Line } from 'recharts';
import type { SeriesPoint } from '@/lib/contracts/dashboard';
import { axisMs, chartColors } from './chart-theme';
import { formatMs } from './format';
import { TimeSeriesChart } from './time-series-chart';

export interface PercentileLine {
  key: keyof SeriesPoint;
  label: string;
  color: string;
}

export const ttftLines: PercentileLine[] = [
  { key: 'ttftP50', label: 'p50', color: chartColors.p50 },
  { key: 'ttftP95', label: 'p95', color: chartColors.p95 },
  { key: 'ttftP99', label: 'p99', color: chartColors.p99 },
];

export const latencyLines: PercentileLine[] = [
  { key: 'latencyP50', label: 'p50', color: chartColors.p50 },
  { key: 'latencyP95', label: 'p95', color: chartColors.p95 },
];

/** Percentile lines over time; gaps where a bucket had no turns. */
export function PercentileChart({
  series,
  lines,
  withDate,
}: {
  series: SeriesPoint[];
  lines: PercentileLine[];
  withDate: boolean;
}) {
  return (
    <TimeSeriesChart
      kind="line"
      data={series}
      height={220}
      withDate={withDate}
      valueAxis={{ tickFormatter: axisMs, width: 48 }}
      formatValue={formatMs}
    >
      {lines.map((line) => (
        <Line
          key={line.key}
          type="monotone"
          dataKey={line.key}
          name={line.label}
          stroke={line.color}
          strokeWidth={2}
          dot={{ r: 2 }}
          isAnimationActive={false}
        />
      ))}
    </TimeSeriesChart>
  );
}
