'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesPoint } from '@/lib/metrics/dashboard-types';
import { axisStyle, chartColors, gridStroke } from './chart-theme';
import { formatTime } from './format';

/** Turns per bucket, failed ones stacked on top in red. */
export function TurnsChart({ series, withDate }: { series: SeriesPoint[]; withDate: boolean }) {
  const data = series.map((point) => ({
    start: point.start,
    other: point.turns - point.failed,
    failed: point.failed,
  }));
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={gridStroke} vertical={false} />
        <XAxis
          dataKey="start"
          tickFormatter={(value: number) => formatTime(value, withDate)}
          tick={axisStyle}
          minTickGap={24}
        />
        <YAxis allowDecimals={false} tick={axisStyle} width={32} />
        <Tooltip labelFormatter={(value) => formatTime(Number(value), withDate)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar
          dataKey="other"
          name="ok / stopped"
          stackId="turns"
          fill={chartColors.ok}
          isAnimationActive={false}
        />
        <Bar
          dataKey="failed"
          name="failed"
          stackId="turns"
          fill={chartColors.failed}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
