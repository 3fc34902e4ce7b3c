'use client';

import { useEffect } from 'react';
import type { StoredTurn } from '@/lib/contracts/dashboard';
import { formatMs, formatTimestamp, formatTokensPerSecond, formatUsd } from './format';
import { RatingBadge } from './rating-badge';
import { StatusBadge } from './status-badge';

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="flex justify-between gap-4 border-b border-slate-100 py-1.5">
      <dt className="text-slate-500">{label}</dt>
      <dd data-testid={testId} className="text-right font-medium text-slate-900 tabular-nums">
        {children}
      </dd>
    </div>
  );
}

function TimingBar({ turn }: { turn: StoredTurn }) {
  const total = Math.max(turn.latencyMs ?? 0, 1);
  const segments = [
    { label: 'routing', value: turn.routingMs, color: 'bg-sky-500' },
    { label: 'retrieval', value: turn.retrievalMs, color: 'bg-violet-500' },
    { label: 'model first token', value: turn.modelFirstTokenMs, color: 'bg-amber-500' },
    {
      label: 'streaming',
      value: Math.max(
        0,
        (turn.latencyMs ?? 0) -
          (turn.routingMs ?? 0) -
          (turn.retrievalMs ?? 0) -
          (turn.modelFirstTokenMs ?? 0),
      ),
      color: 'bg-emerald-500',
    },
  ];
  return (
    <div>
      <div className="flex h-2.5 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        {segments.map((segment) => (
          <div
            key={segment.label}
            className={segment.color}
            style={{ width: `${(Math.min(segment.value ?? 0, total) / total) * 100}%` }}
          />
        ))}
      </div>
      <ul className="mt-1.5 flex flex-wrap gap-x-3 text-[11px] text-slate-600">
        {segments.map((segment) => (
          <li key={segment.label} className="flex items-center gap-1">
            <span className={`size-2 rounded-sm ${segment.color}`} aria-hidden />
            {segment.label} {formatMs(segment.value)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Everything recorded about one turn, in a side sheet (full screen on phones). */
export function TurnDetail({ turn, onClose }: { turn: StoredTurn; onClose: () => void }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="fixed inset-0 z-40 flex justify-end bg-slate-900/30">
      <button
        type="button"
        aria-label="Close turn details"
        className="flex-1 cursor-default"
        onClick={onClose}
      />
      <aside
        data-testid="turn-detail"
        aria-label="Turn details"
        className="h-full w-full overflow-y-auto bg-white p-4 shadow-xl sm:max-w-md"
      >
        <header className="mb-3 flex items-start justify-between gap-2">
          <div className="min-w-0">
            <h2 className="text-sm font-semibold text-slate-900">Turn details</h2>
            <p className="truncate font-mono text-[11px] text-slate-500" data-testid="turn-detail-id">
              {turn.id}
            </p>
          </div>
          <button
            type="button"
            data-testid="turn-detail-close"
            onClick={onClose}
            className="rounded-md border border-slate-200 px-2 py-1 text-xs text-slate-700 hover:bg-slate-50"
          >
            Close
          </button>
        </header>

        <div className="mb-3 flex flex-wrap items-center gap-2 text-xs">
          <StatusBadge status={turn.status} />
          <span className="text-slate-600">{formatTimestamp(turn.startedAt)}</span>
          <span className="text-slate-500">
            via {turn.endpoint === 'openai' ? '/v1/chat/completions' : 'chat'}
          </span>
        </div>

        {turn.errorCode || turn.errorMessage ? (
          <div
            data-testid="turn-detail-error"
            className="mb-3 rounded-lg bg-rose-50 p-2 text-xs text-rose-800"
          >
            <p className="font-medium">{turn.errorCode ?? 'error'}</p>
            {turn.errorMessage ? <p>{turn.errorMessage}</p> : null}
          </div>
        ) : null}

        {turn.question ? (
          <blockquote className="mb-3 border-l-2 border-indigo-200 pl-2 text-xs text-slate-700">
            {turn.question}
          </blockquote>
        ) : null}

        <h3 className="mb-1 text-xs font-semibold text-slate-700">Timings</h3>
        <TimingBar turn={turn} />
        <dl className="mt-2 text-xs">
          <Row label="Time to first token" testId="turn-detail-ttft">
            {formatMs(turn.ttftMs)}
          </Row>
          <Row label="Routing">{formatMs(turn.routingMs)}</Row>
          <Row label="Retrieval">{formatMs(turn.retrievalMs)}</Row>
          <Row label="Model to first token">{formatMs(turn.modelFirstTokenMs)}</Row>
          <Row label="Total latency">{formatMs(turn.latencyMs)}</Row>
          <Row label="Tokens/sec" testId="turn-detail-tokens-per-second">
            {formatTokensPerSecond(turn.tokensPerSecond)}
          </Row>
          <Row label="Tokens in / out">
            {turn.inputTokens} / {turn.outputTokens}
          </Row>
          <Row label="Cost">{formatUsd(turn.costUsd)}</Row>
        </dl>

        <h3 className="mt-4 mb-1 text-xs font-semibold text-slate-700">Model and route</h3>
        <dl className="text-xs">
          <Row label="Model">
            {turn.model} ({turn.provider})
          </Row>
          <Row label="Retries" testId="turn-detail-retries">
            {turn.retries}
          </Row>
          <Row label="Fallback used">{turn.fallbackUsed ? 'yes' : 'no'}</Row>
          <Row label="Cache hit">{turn.cacheHit ? 'yes' : 'no'}</Row>
          <Row label="Prompt version">{turn.promptVersion || '–'}</Row>
          <Row label="Route">
            {turn.route}
            {turn.pinned ? ' (pinned)' : ''}
          </Row>
        </dl>
        {turn.routeReason ? <p className="mt-1 text-[11px] text-slate-500">{turn.routeReason}</p> : null}

        <h3 className="mt-4 mb-1 text-xs font-semibold text-slate-700">Sources ({turn.sources.length})</h3>
        {turn.sources.length ? (
          <ol data-testid="turn-detail-sources" className="space-y-1 text-xs">
            {turn.sources.map((source, index) => (
              <li
                key={`${source.collection}/${source.source}/${source.heading}`}
                className="rounded bg-slate-50 p-1.5"
              >
                <span className="font-medium text-slate-800">
                  [{index + 1}] {source.title}
                </span>
                <span className="block text-slate-500">
                  {source.collection} · {source.source}
                  {source.heading ? ` · ${source.heading}` : ''} · score {source.score.toFixed(3)}
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-xs text-slate-500">No sources were used for this turn.</p>
        )}

        {turn.feedback ? (
          <div data-testid="turn-detail-feedback" className="mt-4 text-xs">
            <h3 className="mb-1 font-semibold text-slate-700">Feedback</h3>
            <p>
              <RatingBadge rating={turn.feedback.rating} />
              {turn.feedback.comment ? ` “${turn.feedback.comment}”` : ''}
            </p>
          </div>
        ) : null}
      </aside>
    </div>
  );
}
