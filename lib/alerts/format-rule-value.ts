import type { AlertRuleView } from '../contracts/dashboard';

/**
 * A value in an alert rule's unit, for messages and the dashboard. Pure: safe to import in
 * client components (alert-rules itself reads server state).
 */
export function formatRuleValue(unit: AlertRuleView['unit'], value: number): string {
  if (unit === 'ratio') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'ms') return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
  return `$${value.toFixed(2)}`;
}
