import type { SummaryCards as Cards } from '@/lib/contracts/dashboard';
import { formatCount, formatMs, formatPercent, formatTokensPerSecond, formatUsd } from './format';

type Tone = 'neutral' | 'good' | 'warn' | 'bad';

const toneClasses: Record<Tone, string> = {
  neutral: 'text-slate-900',
  good: 'text-emerald-700',
  warn: 'text-amber-700',
  bad: 'text-rose-700',
};

function Card({
  name,
  label,
  value,
  detail,
  tone = 'neutral',
  raw,
}: {
  name: string;
  label: string;
  value: string;
  detail?: string;
  tone?: Tone;
  raw?: number | null;
}) {
  return (
    <div
      data-testid={`card-${name}`}
      data-value={raw ?? ''}
      className="min-w-0 rounded-xl border border-slate-200 bg-white px-3 py-2.5 shadow-xs"
    >
      <p className="truncate text-xs font-medium text-slate-500">{label}</p>
      <p
        data-testid="card-value"
        className={`mt-0.5 text-xl font-semibold tabular-nums ${toneClasses[tone]}`}
      >
        {value}
      </p>
      {detail ? <p className="truncate text-[11px] text-slate-500 tabular-nums">{detail}</p> : null}
    </div>
  );
}

function rateTone(errorRate: number | null): Tone {
  if (errorRate === null) return 'neutral';
  if (errorRate > 0.1) return 'bad';
  if (errorRate > 0.05) return 'warn';
  return 'good';
}

/** The headline numbers for the selected window. */
export function SummaryCards({ cards, inFlight }: { cards: Cards; inFlight: number }) {
  const rated = cards.feedback.up + cards.feedback.down;
  return (
    <div data-testid="summary-cards" className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
      <Card
        name="turns"
        label="Turns"
        value={formatCount(cards.turns)}
        raw={cards.turns}
        detail={`${cards.ok} ok · ${cards.failed} failed · ${cards.cancelled} stopped${inFlight ? ` · ${inFlight} live` : ''}`}
      />
      <Card
        name="success-rate"
        label="Success rate"
        value={formatPercent(cards.successRate)}
        raw={cards.successRate}
        tone={rateTone(cards.errorRate)}
        detail="of turns not stopped by the user"
      />
      <Card
        name="error-rate"
        label="Error rate"
        value={formatPercent(cards.errorRate)}
        raw={cards.errorRate}
        tone={rateTone(cards.errorRate)}
        detail="errors, timeouts, 429s, cut-offs"
      />
      <Card
        name="ttft-p50"
        label="TTFT p50"
        value={formatMs(cards.ttftMs.p50)}
        raw={cards.ttftMs.p50}
        detail="time to first token"
      />
      <Card name="ttft-p95" label="TTFT p95" value={formatMs(cards.ttftMs.p95)} raw={cards.ttftMs.p95} />
      <Card name="ttft-p99" label="TTFT p99" value={formatMs(cards.ttftMs.p99)} raw={cards.ttftMs.p99} />
      <Card
        name="latency-p50"
        label="Latency p50"
        value={formatMs(cards.latencyMs.p50)}
        raw={cards.latencyMs.p50}
      />
      <Card
        name="latency-p95"
        label="Latency p95"
        value={formatMs(cards.latencyMs.p95)}
        raw={cards.latencyMs.p95}
      />
      <Card
        name="tokens-per-second"
        label="Tokens/sec p50"
        value={formatTokensPerSecond(cards.tokensPerSecond.p50)}
        raw={cards.tokensPerSecond.p50}
        detail="after the first token"
      />
      <Card
        name="cache-hit-rate"
        label="Cache hit rate"
        value={formatPercent(cards.cacheHitRate)}
        raw={cards.cacheHitRate}
      />
      <Card
        name="cost"
        label="Cost"
        value={formatUsd(cards.costUsd)}
        raw={cards.costUsd}
        detail={`${formatCount(cards.inputTokens)} in · ${formatCount(cards.outputTokens)} out tokens`}
      />
      <Card
        name="feedback"
        label="Feedback score"
        value={formatPercent(cards.feedback.score, 0)}
        raw={cards.feedback.score}
        detail={rated ? `${cards.feedback.up} up · ${cards.feedback.down} down` : 'no ratings yet'}
      />
    </div>
  );
}
