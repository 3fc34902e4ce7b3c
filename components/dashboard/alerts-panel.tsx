import { formatRuleValue } from '@/lib/alerts/format-rule-value';
import type { AlertEvent, AlertRuleView, AlertSeverity } from '@/lib/contracts/dashboard';
import { formatTimestamp } from './format';
import { EmptyState, Panel } from './panel';

const severityTone: Record<AlertSeverity, string> = {
  medium: 'bg-amber-100 text-amber-900 ring-amber-300',
  high: 'bg-rose-100 text-rose-800 ring-rose-300',
};

function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return (
    <span
      className={`rounded px-1.5 py-px text-[11px] font-semibold uppercase ring-1 ${severityTone[severity]}`}
    >
      {severity}
    </span>
  );
}

function ruleText(rule: AlertRuleView): string {
  const sign = rule.comparison === 'above' ? '>' : '<';
  const levels = (['medium', 'high'] as const)
    .filter((severity) => rule.thresholds[severity] !== undefined)
    .map((severity) => `${sign} ${formatRuleValue(rule.unit, rule.thresholds[severity] ?? 0)} ${severity}`);
  return `${rule.label} (${rule.windowLabel}): ${levels.join(', ')}`;
}

/** Alerts firing now, the recent fired/resolved history, and the rules in force. */
export function AlertsPanel({
  rules,
  active,
  history,
}: {
  rules: AlertRuleView[];
  active: AlertEvent[];
  history: AlertEvent[];
}) {
  const ruleLabel = (id: string) => rules.find((rule) => rule.id === id)?.label ?? id;
  return (
    <Panel
      title="Alerts"
      testId="alerts-panel"
      description="Evaluated after every turn and every few seconds."
      actions={
        <span
          data-testid="alerts-active-count"
          data-count={active.length}
          className={`rounded-full px-2 py-0.5 text-xs font-medium ${active.length ? 'bg-rose-100 text-rose-800' : 'bg-emerald-50 text-emerald-700'}`}
        >
          {active.length ? `${active.length} firing` : 'all clear'}
        </span>
      }
    >
      {active.length ? (
        <ul className="space-y-2">
          {active.map((alert) => (
            <li
              key={alert.id}
              data-testid="alert-active"
              data-rule={alert.rule}
              data-severity={alert.severity}
              className="rounded-lg border border-rose-200 bg-rose-50/60 p-2 text-xs"
            >
              <div className="flex items-center gap-2">
                <SeverityBadge severity={alert.severity} />
                <span className="font-medium text-slate-900">{ruleLabel(alert.rule)}</span>
                <span className="ml-auto text-slate-500">since {formatTimestamp(alert.firedAt)}</span>
              </div>
              <p className="mt-1 text-slate-700">{alert.message}</p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="No alerts firing">
          Rules need a few turns in their window before they can fire; thresholds are listed below.
        </EmptyState>
      )}

      <h3 className="mt-4 mb-1 text-xs font-semibold text-slate-700">History</h3>
      {history.length ? (
        <ul data-testid="alert-history" className="divide-y divide-slate-100 text-xs">
          {history.map((alert) => (
            <li
              key={alert.id}
              data-testid="alert-history-item"
              data-rule={alert.rule}
              data-state={alert.resolvedAt ? 'resolved' : 'firing'}
              className="flex flex-wrap items-center gap-x-2 gap-y-0.5 py-1.5"
            >
              <SeverityBadge severity={alert.severity} />
              <span className="font-medium text-slate-800">{ruleLabel(alert.rule)}</span>
              <span className="text-slate-500">
                fired {formatTimestamp(alert.firedAt)}
                {alert.resolvedAt ? ` · resolved ${formatTimestamp(alert.resolvedAt)}` : ' · still firing'}
              </span>
              <span className="text-slate-500">
                peak{' '}
                {formatRuleValue(
                  rules.find((rule) => rule.id === alert.rule)?.unit ?? 'ratio',
                  alert.peakValue,
                )}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs text-slate-500">No alert has fired within the retention period.</p>
      )}

      <h3 className="mt-4 mb-1 text-xs font-semibold text-slate-700">Rules</h3>
      <ul data-testid="alert-rules" className="space-y-0.5 text-[11px] text-slate-600">
        {rules.map((rule) => (
          <li key={rule.id}>{ruleText(rule)}</li>
        ))}
      </ul>
    </Panel>
  );
}
