import { formatDuration, formatRate } from '@/lib/chat-ui/format-metrics';
import type { TurnMetricsPart } from '@/lib/contracts/ui-message';

function Badge({ children, tone }: { children: string; tone: 'indigo' | 'amber' | 'emerald' }) {
  const tones = {
    indigo: 'bg-indigo-50 text-indigo-700 ring-indigo-200',
    amber: 'bg-amber-50 text-amber-800 ring-amber-200',
    emerald: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  };
  return <span className={`rounded px-1.5 py-px font-medium ring-1 ${tones[tone]}`}>{children}</span>;
}

/** Per-answer stats: model, time to first token, speed, and whether it was cached or a fallback. */
export function MetricsBar({ metrics }: { metrics: TurnMetricsPart }) {
  return (
    <dl
      data-testid="metrics"
      data-provider={metrics.provider}
      data-cached={metrics.cached}
      data-fallback={metrics.fallbackUsed}
      className="flex min-w-0 flex-1 flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500"
    >
      <div className="flex items-center gap-1.5">
        <dt className="sr-only">Model</dt>
        <dd className="font-medium text-slate-600">{metrics.model}</dd>
        {metrics.provider === 'local' ? <Badge tone="indigo">local generator</Badge> : null}
        {metrics.cached ? <Badge tone="emerald">cached</Badge> : null}
        {metrics.fallbackUsed ? <Badge tone="amber">fallback</Badge> : null}
      </div>
      <div className="flex gap-1">
        <dt>TTFT</dt>
        <dd className="tabular-nums">{formatDuration(metrics.ttftMs)}</dd>
      </div>
      <div className="flex gap-1">
        <dt className="sr-only">Speed</dt>
        <dd className="tabular-nums">{formatRate(metrics.tokensPerSecond)}</dd>
      </div>
      <div className="flex gap-1">
        <dt>total</dt>
        <dd className="tabular-nums">{formatDuration(metrics.latencyMs)}</dd>
      </div>
      <div className="flex gap-1">
        <dt className="sr-only">Output tokens</dt>
        <dd className="tabular-nums">{metrics.outputTokens} tokens</dd>
      </div>
      {metrics.retries > 0 ? (
        <div className="flex gap-1">
          <dt>retries</dt>
          <dd className="tabular-nums">{metrics.retries}</dd>
        </div>
      ) : null}
    </dl>
  );
}
