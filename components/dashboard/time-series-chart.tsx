'use client';

import type { ReactNode } from 'react';
import {
  BarChart,
  CartesianGrid,
  Legend,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { axisStyle, gridStroke } from './chart-theme';
import { formatTime } from './format';

/** The value axis of a time-series chart; tick style is shared, the rest differs per chart. */
export interface ValueAxis {
  width: number;
  tickFormatter?: (value: number) => string;
  allowDecimals?: boolean;
  domain?: [number, number];
}

/**
 * The frame every dashboard time-series chart shares: bucket start times along the x axis, a
 * horizontal grid, a tooltip titled with the bucket time, and an optional legend. `children`
 * are the recharts series (`<Line>` or `<Bar>`) that match `kind`.
 */
export function TimeSeriesChart<Point extends { start: number }>({
  kind,
  data,
  height,
  withDate,
  valueAxis,
  formatValue,
  legend = true,
  children,
}: {
  kind: 'line' | 'bar';
  data: Point[];
  height: number;
  withDate: boolean;
  valueAxis: ValueAxis;
  /** Tooltip value text; recharts' default when omitted. */
  formatValue?: (value: number) => string;
  legend?: boolean;
  children: ReactNode;
}) {
  const Chart = kind === 'line' ? LineChart : BarChart;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <Chart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={gridStroke} vertical={false} />
        <XAxis
          dataKey="start"
          tickFormatter={(value: number) => formatTime(value, withDate)}
          tick={axisStyle}
          minTickGap={24}
        />
        <YAxis tick={axisStyle} {...valueAxis} />
        <Tooltip
          labelFormatter={(value) => formatTime(Number(value), withDate)}
          {...(formatValue && { formatter: (value) => formatValue(Number(value)) })}
        />
        {legend && <Legend wrapperStyle={{ fontSize: 12 }} />}
        {children}
      </Chart>
    </ResponsiveContainer>
  );
}
