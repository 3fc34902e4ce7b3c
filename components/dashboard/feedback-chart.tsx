'use client';

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesPoint } from '@/lib/metrics/dashboard-types';
import { axisStyle, chartColors, gridStroke } from './chart-theme';
import { formatPercent, formatTime } from './format';

/** Share of positive ratings per interval; gaps where nobody rated. */
export function FeedbackChart({ series, withDate }: { series: SeriesPoint[]; withDate: boolean }) {
  return (
    <ResponsiveContainer width="100%" height={140}>
      <LineChart data={series} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={gridStroke} vertical={false} />
        <XAxis
          dataKey="start"
          tickFormatter={(value: number) => formatTime(value, withDate)}
          tick={axisStyle}
          minTickGap={24}
        />
        <YAxis
          domain={[0, 1]}
          tickFormatter={(value: number) => formatPercent(value, 0)}
          tick={axisStyle}
          width={40}
        />
        <Tooltip
          labelFormatter={(value) => formatTime(Number(value), withDate)}
          formatter={(value) => formatPercent(Number(value), 0)}
        />
        <Line
          type="monotone"
          dataKey="feedbackScore"
          name="positive"
          stroke={chartColors.ok}
          strokeWidth={2}
          dot={{ r: 2 }}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
