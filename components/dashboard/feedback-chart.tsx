'use client';

import { Line } from 'recharts';
import type { SeriesPoint } from '@/lib/contracts/dashboard';
import { chartColors } from './chart-theme';
import { formatPercent } from './format';
import { TimeSeriesChart } from './time-series-chart';

const wholePercent = (value: number) => formatPercent(value, 0);

/** Share of positive ratings per interval; gaps where nobody rated. */
export function FeedbackChart({ series, withDate }: { series: SeriesPoint[]; withDate: boolean }) {
  return (
    <TimeSeriesChart
      kind="line"
      data={series}
      height={140}
      withDate={withDate}
      valueAxis={{ domain: [0, 1], tickFormatter: wholePercent, width: 40 }}
      formatValue={wholePercent}
      legend={false}
    >
      <Line
        type="monotone"
        dataKey="feedbackScore"
        name="positive"
        stroke={chartColors.ok}
        strokeWidth={2}
        dot={{ r: 2 }}
        isAnimationActive={false}
      />
    </TimeSeriesChart>
  );
}
