'use client';

import { Bar } from 'recharts';
import type { SeriesPoint } from '@/lib/contracts/dashboard';
import { chartColors } from './chart-theme';
import { TimeSeriesChart } from './time-series-chart';

/** Turns per bucket, failed ones stacked on top in red. */
export function TurnsChart({ series, withDate }: { series: SeriesPoint[]; withDate: boolean }) {
  const data = series.map((point) => ({
    start: point.start,
    other: point.turns - point.failed,
    failed: point.failed,
  }));
  return (
    <TimeSeriesChart
      kind="bar"
      data={data}
      height={220}
      withDate={withDate}
      valueAxis={{ allowDecimals: false, width: 32 }}
    >
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
    </TimeSeriesChart>
  );
}
