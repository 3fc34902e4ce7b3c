'use client';

import { useCallback, useEffect, useState } from 'react';
import type { MetricWindowKey, StoredTurn } from '@/lib/contracts/dashboard';
import { AlertsPanel } from './alerts-panel';
import { CollectionsPanel } from './collections-panel';
import { FeedbackChart } from './feedback-chart';
import { formatAgo } from './format';
import { HealthPanel } from './health-panel';
import { ModelTable } from './model-table';
import { EmptyState, Panel } from './panel';
import { latencyLines, PercentileChart, ttftLines } from './percentile-chart';
import { RecentTurnsTable } from './recent-turns-table';
import { RouteChart } from './route-chart';
import { SummaryCards } from './summary-cards';
import { TtftSplitChart } from './ttft-split-chart';
import { TurnDetail } from './turn-detail';
import { TurnFilters, type TurnFilterValues } from './turn-filters';
import { TurnsChart } from './turns-chart';
import { useDashboardSummary } from './use-dashboard-summary';
import { WindowSelector } from './window-selector';
import { WorstRatedList } from './worst-rated-list';

const noTurns = 'Ask something in the chat; each answer (or failure) is recorded here within seconds.';

const noTurnsInWindow = <EmptyState title="No turns in this window">{noTurns}</EmptyState>;

/** The metrics dashboard: live cards, charts, turns, alerts, health and collections. */
export function DashboardView() {
  const [windowKey, setWindowKey] = useState<MetricWindowKey>('1h');
  const [filters, setFilters] = useState<TurnFilterValues>({});
  const [live, setLive] = useState(true);
  const [selected, setSelected] = useState<StoredTurn>();
  const [now, setNow] = useState(() => Date.now());
  const { summary, error, loading, lastLoadedAt, refresh } = useDashboardSummary(windowKey, filters, live);
  const closeDetail = useCallback(() => setSelected(undefined), []);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const withDate = windowKey === '7d';
  const hasTurns = Boolean(summary?.cards.turns);
  const filtered = Boolean(filters.status || filters.route || filters.model);

  return (
    <div className="min-h-dvh">
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5 sm:px-6">
          <h1 className="text-base font-semibold text-slate-900">Dashboard</h1>
          <a href="/" className="text-sm text-indigo-700 hover:underline">
            Back to chat
          </a>
          <div className="ml-auto flex flex-wrap items-center gap-2">
            <WindowSelector value={windowKey} onChange={setWindowKey} />
            <button
              type="button"
              data-testid="live-toggle"
              aria-pressed={live}
              onClick={() => setLive((value) => !value)}
              className="rounded-lg border border-slate-200 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
            >
              {live ? '● Live' : 'Paused'}
            </button>
            <button
              type="button"
              data-testid="refresh-button"
              onClick={refresh}
              className="rounded-lg border border-slate-200 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
            >
              Refresh
            </button>
            <span data-testid="last-updated" className="text-xs text-slate-500 tabular-nums">
              {lastLoadedAt ? `updated ${formatAgo(lastLoadedAt, now)}` : loading ? 'loading…' : ''}
            </span>
          </div>
        </div>
      </header>

      <main className="mx-auto max-w-7xl space-y-4 px-4 py-4 sm:px-6">
        {error ? (
          <p
            data-testid="dashboard-error"
            role="alert"
            className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-800"
          >
            {error}
            {summary ? ' Showing the last data received.' : ''}
          </p>
        ) : null}

        {!summary ? (
          <EmptyState title={loading ? 'Loading metrics…' : 'No metrics available'}>
            {loading
              ? 'Reading the metrics database.'
              : 'The metrics endpoint did not answer; retrying automatically.'}
          </EmptyState>
        ) : (
          <>
            {summary.alerts.active.length ? (
              <div
                data-testid="alert-banner"
                role="status"
                className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
              >
                {summary.alerts.active.map((alert) => alert.message).join(' · ')}
              </div>
            ) : null}

            <p className="text-xs text-slate-500">
              {summary.window.label}
              {hasTurns ? '' : ': no turns yet'}
            </p>
            <SummaryCards cards={summary.cards} inFlight={summary.inFlight} />

            <div className="grid gap-4 lg:grid-cols-2">
              <Panel title="Time to first token" testId="ttft-chart" description="Percentiles per interval">
                {hasTurns ? (
                  <PercentileChart series={summary.series} lines={ttftLines} withDate={withDate} />
                ) : (
                  noTurnsInWindow
                )}
              </Panel>
              <Panel
                title="Latency"
                testId="latency-chart"
                description="Request to last byte, percentiles per interval"
              >
                {hasTurns ? (
                  <PercentileChart series={summary.series} lines={latencyLines} withDate={withDate} />
                ) : (
                  noTurnsInWindow
                )}
              </Panel>
              <Panel title="Turns and errors" testId="turns-chart">
                {hasTurns ? <TurnsChart series={summary.series} withDate={withDate} /> : noTurnsInWindow}
              </Panel>
              <Panel
                title="TTFT split"
                testId="ttft-split-chart"
                description="Mean routing, retrieval and model time before the first token"
              >
                {summary.ttftSplit.turns ? (
                  <TtftSplitChart series={summary.series} split={summary.ttftSplit} withDate={withDate} />
                ) : (
                  <EmptyState title="No answers with a first token yet">
                    The split appears once an answer has started streaming in this window.
                  </EmptyState>
                )}
              </Panel>
              <Panel title="Routes" testId="route-chart" description="Which collections questions went to">
                {summary.routes.length ? (
                  <RouteChart routes={summary.routes} />
                ) : (
                  <EmptyState title="No routed questions yet">{noTurns}</EmptyState>
                )}
              </Panel>
              <Panel title="Models" testId="model-breakdown" description="Per model and provider">
                {summary.models.length ? (
                  <ModelTable models={summary.models} />
                ) : (
                  <EmptyState title="No model calls yet">{noTurns}</EmptyState>
                )}
              </Panel>
            </div>

            <Panel
              title="Recent turns"
              testId="recent-turns"
              description="Newest first; select one for timings, sources, retries and errors"
              actions={<TurnFilters value={filters} options={summary.filterOptions} onChange={setFilters} />}
            >
              {summary.recentTurns.length ? (
                <RecentTurnsTable
                  turns={summary.recentTurns}
                  withDate={windowKey === '24h' || withDate}
                  onSelect={setSelected}
                />
              ) : (
                <EmptyState title={filtered ? 'No turns match these filters' : 'No turns in this window'}>
                  {filtered ? 'Clear a filter or pick a longer window.' : noTurns}
                </EmptyState>
              )}
            </Panel>

            <div className="grid gap-4 lg:grid-cols-3">
              <AlertsPanel
                rules={summary.alerts.rules}
                active={summary.alerts.active}
                history={summary.alerts.history}
              />
              <HealthPanel health={summary.health} />
              <div className="space-y-4">
                <CollectionsPanel collections={summary.collections} />
                <Panel
                  title="Feedback"
                  testId="feedback-panel"
                  description="Share of helpful ratings over time, and answers rated not helpful"
                  actions={
                    <a
                      href="/api/feedback/export?format=csv"
                      data-testid="feedback-export"
                      className="text-xs font-medium text-indigo-600 hover:underline"
                    >
                      Export CSV
                    </a>
                  }
                >
                  {summary.cards.feedback.up + summary.cards.feedback.down > 0 ? (
                    <FeedbackChart series={summary.series} withDate={withDate} />
                  ) : null}
                  {summary.worstRated.length ? (
                    <WorstRatedList turns={summary.worstRated} onSelect={setSelected} />
                  ) : (
                    <EmptyState title="No negative ratings in this window">
                      Thumbs down on an answer in the chat lands here with its comment and sources.
                    </EmptyState>
                  )}
                </Panel>
              </div>
            </div>
          </>
        )}
      </main>

      {selected ? <TurnDetail turn={selected} onClose={closeDetail} /> : null}
    </div>
  );
}
