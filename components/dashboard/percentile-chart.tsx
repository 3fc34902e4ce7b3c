'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesPoint } from '@/lib/metrics/dashboard-types';
import { axisMs, axisStyle, chartColors, gridStroke } from './chart-theme';
import { formatMs, formatTime } from './format';

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
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={series} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={gridStroke} vertical={false} />
        <XAxis
          dataKey="start"
          tickFormatter={(value: number) => formatTime(value, withDate)}
          tick={axisStyle}
          minTickGap={24}
        />
        <YAxis tickFormatter={axisMs} tick={axisStyle} width={48} />
        <Tooltip
          labelFormatter={(value) => formatTime(Number(value), withDate)}
          formatter={(value) => formatMs(Number(value))}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
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
      </LineChart>
    </ResponsiveContainer>
  );
}
