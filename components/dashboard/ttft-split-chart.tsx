'use client';

import { Bar } from 'recharts';
import type { SeriesPoint, TtftSplit } from '@/lib/contracts/dashboard';
import { axisMs, chartColors } from './chart-theme';
import { formatMs } from './format';
import { TimeSeriesChart } from './time-series-chart';

const parts = [
  { key: 'routingMs', label: 'routing', color: chartColors.routing },
  { key: 'retrievalMs', label: 'retrieval', color: chartColors.retrieval },
  { key: 'modelMs', label: 'model', color: chartColors.model },
] as const;

/** Mean TTFT per bucket split into routing, retrieval and model time, with window totals. */
export function TtftSplitChart({
  series,
  split,
  withDate,
}: {
  series: SeriesPoint[];
  split: TtftSplit;
  withDate: boolean;
}) {
  return (
    <div>
      <dl data-testid="ttft-split" className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {[...parts, { key: 'otherMs', label: 'other', color: chartColors.other } as const].map((part) => (
          <div key={part.key} className="flex items-center gap-1.5" data-testid={`ttft-split-${part.label}`}>
            <span className="size-2 rounded-sm" style={{ background: part.color }} aria-hidden />
            <dt>{part.label}</dt>
            <dd className="font-medium tabular-nums text-slate-900">{formatMs(split[part.key])}</dd>
          </div>
        ))}
      </dl>
      <TimeSeriesChart
        kind="bar"
        data={series}
        height={190}
        withDate={withDate}
        valueAxis={{ tickFormatter: axisMs, width: 48 }}
        formatValue={formatMs}
      >
        {parts.map((part) => (
          <Bar
            key={part.key}
            dataKey={part.key}
            name={part.label}
            stackId="ttft"
            fill={part.color}
            isAnimationActive={false}
          />
        ))}
      </TimeSeriesChart>
    </div>
  );
}
