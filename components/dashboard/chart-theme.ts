// Shared chart colours and axis formatting, so every chart reads the same way.

export const chartColors = {
  p50: '#6366f1',
  p95: '#f59e0b',
  p99: '#e11d48',
  ok: '#10b981',
  failed: '#e11d48',
  routing: '#0ea5e9',
  retrieval: '#8b5cf6',
  model: '#f59e0b',
  other: '#94a3b8',
  bar: '#6366f1',
} as const;

export const axisStyle = { fontSize: 11, fill: '#64748b' } as const;

export const gridStroke = '#e2e8f0';

/** Milliseconds for an axis tick: "800ms", "1.2s". */
export function axisMs(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(1)}s` : `${Math.round(value)}ms`;
}
