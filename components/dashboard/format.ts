// Display formatting for the dashboard. Missing values render as an en dash.

const dash = '–';

/** Milliseconds as "312 ms" or "4.20 s". */
export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined) return dash;
  if (value < 10_000) return `${Math.round(value)} ms`;
  return `${(value / 1000).toFixed(2)} s`;
}

/** A 0..1 ratio as a percentage. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return dash;
  return `${(value * 100).toFixed(digits)}%`;
}

/** Dollars with enough precision for fractions of a cent. */
export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined) return dash;
  if (value === 0) return '$0.00';
  if (value < 0.01) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(2)}`;
}

/** Tokens per second with one decimal. */
export function formatTokensPerSecond(value: number | null | undefined): string {
  if (value === null || value === undefined || value === 0) return dash;
  return `${value.toFixed(1)} tok/s`;
}

/** A count with thousands separators. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** Clock time; with the date when the window spans days. */
export function formatTime(epochMs: number, withDate = false): string {
  const date = new Date(epochMs);
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (!withDate) return time;
  return `${date.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric' })} ${time}`;
}

/** Date and time with seconds, for tables and details. */
export function formatTimestamp(epochMs: number): string {
  return new Date(epochMs).toLocaleString('en-GB', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** Clock time with seconds. */
export function formatClock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** "12 s ago", "3 min ago", for the last refresh. */
export function formatAgo(epochMs: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - epochMs) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  return `${Math.round(seconds / 60)} min ago`;
}

/** How a turn status reads in the UI. */
export function statusLabel(status: string): string {
  return status.replace('_', ' ');
}
