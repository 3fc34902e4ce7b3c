'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RouteSlice } from '@/lib/contracts/dashboard';
import { axisStyle, chartColors, gridStroke } from './chart-theme';

/** How many turns went to each route (collection, or several joined by +). */
export function RouteChart({ routes }: { routes: RouteSlice[] }) {
  const total = routes.reduce((sum, route) => sum + route.turns, 0);
  return (
    <div>
      <ResponsiveContainer width="100%" height={Math.max(120, routes.length * 36 + 30)}>
        <BarChart data={routes} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={gridStroke} horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={axisStyle} />
          <YAxis type="category" dataKey="route" tick={axisStyle} width={110} />
          <Tooltip />
          <Bar dataKey="turns" name="turns" fill={chartColors.bar} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <ul data-testid="route-list" className="mt-2 flex flex-wrap gap-2 text-xs text-slate-600">
        {routes.map((route) => (
          <li key={route.route} data-testid="route-item" data-route={route.route} data-turns={route.turns}>
            <span className="font-medium text-slate-800">{route.route}</span> {route.turns} (
            {Math.round((route.turns / total) * 100)}%)
          </li>
        ))}
      </ul>
    </div>
  );
}
