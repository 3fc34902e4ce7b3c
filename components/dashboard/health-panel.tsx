import type { HealthReport, HealthStatus } from '@/lib/contracts/dashboard';
import { formatMs } from './format';
import { Panel } from './panel';

const statusTone: Record<HealthStatus, string> = {
  healthy: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  degraded: 'bg-amber-50 text-amber-800 ring-amber-200',
  down: 'bg-rose-50 text-rose-700 ring-rose-200',
};

/** Overall health and each component's status, detail and check latency. */
export function HealthPanel({ health }: { health: HealthReport }) {
  return (
    <Panel
      title="Health"
      testId="health-panel"
      description={`Checked in ${formatMs(health.latencyMs)}`}
      actions={
        <span
          data-testid="health-status"
          data-status={health.status}
          className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${statusTone[health.status]}`}
        >
          {health.status}
        </span>
      }
    >
      <ul className="divide-y divide-slate-100 text-xs">
        {health.components.map((component) => (
          <li
            key={component.name}
            data-testid="health-component"
            data-name={component.name}
            data-status={component.status}
            className="flex items-start gap-2 py-1.5"
          >
            <span
              className={`mt-0.5 rounded px-1.5 py-px text-[11px] font-medium ring-1 ${statusTone[component.status]}`}
            >
              {component.status}
            </span>
            <div className="min-w-0 flex-1">
              <p className="font-medium text-slate-800">{component.name}</p>
              <p className="break-words text-slate-500">{component.detail}</p>
            </div>
            <span className="whitespace-nowrap text-slate-500 tabular-nums">
              {formatMs(component.latencyMs)}
            </span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
