import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { hasFirstToken, routeKey, type TurnRecord } from '../contracts/turn-record';
import { processSingleton } from '../runtime/process-singleton';
import { failureTotals } from './failure-events';

/** A circuit breaker's state, as the resilience layer reports it. */
export type BreakerGaugeState = 'closed' | 'half-open' | 'open';

const breakerStateValue: Record<BreakerGaugeState, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * Values sampled by the layers above at scrape time: this module sits below them (every layer
 * counts into it), so it is handed what it cannot import.
 */
export interface ScrapeSamples {
  breakers: readonly { name: string; state: BreakerGaugeState }[];
  inFlightTurns: number;
}

function createMetrics() {
  // Our own registry, not prom-client's global one, so a re-evaluated module can never
  // register the same metric twice; the whole object lives on globalThis.
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'docs_chat_' });
  return {
    registry,
    ttft: new Histogram({
      name: 'docs_chat_ttft_seconds',
      help: 'Time from the request to the first token sent to the client.',
      labelNames: ['model', 'route'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 15, 30],
      registers,
    }),
    latency: new Histogram({
      name: 'docs_chat_turn_latency_seconds',
      help: 'Total turn duration, request to last byte.',
      labelNames: ['model', 'status'],
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120],
      registers,
    }),
    tokensPerSecond: new Histogram({
      name: 'docs_chat_tokens_per_second',
      help: 'Output tokens per second of streaming after the first token.',
      labelNames: ['model'],
      buckets: [5, 10, 20, 40, 60, 80, 100, 150, 200, 400, 1000, 5000],
      registers,
    }),
    turns: new Counter({
      name: 'docs_chat_turns_total',
      help: 'Finished turns by status, route and model.',
      labelNames: ['status', 'route', 'model'],
      registers,
    }),
    retries: new Counter({
      name: 'docs_chat_retries_total',
      help: 'Upstream retries made by turns.',
      labelNames: ['model'],
      registers,
    }),
    fallbacks: new Counter({
      name: 'docs_chat_fallbacks_total',
      help: 'Turns answered by a fallback model.',
      labelNames: ['model'],
      registers,
    }),
    cacheHits: new Counter({
      name: 'docs_chat_cache_hits_total',
      help: 'Turns served from the response cache.',
      labelNames: ['route'],
      registers,
    }),
    tokens: new Counter({
      name: 'docs_chat_tokens_total',
      help: 'Model tokens by direction (input, output).',
      labelNames: ['model', 'direction'],
      registers,
    }),
    piiRedactions: new Counter({
      name: 'docs_chat_pii_redactions_total',
      help: 'Personal data items found in questions and history, by kind and action (masked, blocked).',
      labelNames: ['kind', 'action'],
      registers,
    }),
    budgetActions: new Counter({
      name: 'docs_chat_budget_actions_total',
      help: 'Turns changed to stay within budget: cheaper_model, smaller_context, daily_fallback, local.',
      labelNames: ['action'],
      registers,
    }),
    cost: new Counter({
      name: 'docs_chat_cost_usd_total',
      help: 'Estimated model cost in US dollars.',
      labelNames: ['model'],
      registers,
    }),
    // The search endpoint (POST /api/retrieve): every request, by HTTP status, and its latency.
    retrieveRequests: new Counter({
      name: 'docs_chat_retrieve_requests_total',
      help: 'Requests to /api/retrieve by HTTP status (4xx/5xx are errors).',
      labelNames: ['status'],
      registers,
    }),
    retrieveLatency: new Histogram({
      name: 'docs_chat_retrieve_latency_seconds',
      help: 'Duration of /api/retrieve requests, arrival to response.',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers,
    }),
    auditCorruptLines: new Counter({
      name: 'docs_chat_audit_corrupt_lines_total',
      help: 'Audit log lines skipped by reads because they were not valid events (torn writes, damage).',
      registers,
    }),
    breakerState: new Gauge({
      name: 'docs_chat_breaker_state',
      help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open.',
      labelNames: ['breaker'],
      registers,
    }),
    failures: new Counter({
      name: 'docs_chat_failures_total',
      help: 'Failures that degrade health: unreadable collections, dropped metrics records, turns cut by a restart.',
      labelNames: ['kind'],
      registers,
      collect() {
        // The tallies live in failure-events (which must not import this module): mirrored at scrape time.
        this.reset();
        for (const [kind, total] of failureTotals()) this.inc({ kind }, total);
      },
    }),
    inFlight: new Gauge({
      name: 'docs_chat_in_flight_turns',
      help: 'Turns being answered right now.',
      registers,
    }),
  };
}

const metrics = processSingleton('prometheus-metrics', createMetrics);

/** Counts personal data found in a turn (see lib/safety/redact-turn). */
export function observePiiRedactions(
  counts: Partial<Record<string, number>>,
  action: 'masked' | 'blocked',
): void {
  for (const [kind, count] of Object.entries(counts)) {
    if (count) metrics.piiRedactions.inc({ kind, action }, count);
  }
}

/** Counts one /api/retrieve request by HTTP status and observes its latency (see lib/retrieval/retrieve-endpoint). */
export function observeRetrieveRequest(status: number, seconds: number): void {
  metrics.retrieveRequests.inc({ status: String(status) });
  metrics.retrieveLatency.observe({ outcome: status < 400 ? 'ok' : 'error' }, finite(seconds));
}

/** Counts a turn the budgets changed (see lib/cost/budgeted-turn). */
export function observeBudgetAction(action: string): void {
  metrics.budgetActions.inc({ action });
}

/** Counts corrupt audit lines a read of the log skipped (see lib/audit/audit-reader). */
export function observeAuditCorruptLines(count: number): void {
  metrics.auditCorruptLines.inc(count);
}

// prom-client rejects NaN; a broken measurement is skipped rather than failing the turn's record.
function finite(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

/** Adds one finished turn to the Prometheus counters and histograms. */
export function observeTurn(record: TurnRecord): void {
  const model = record.model || 'unknown';
  const ttftMs = finite(record.ttftMs);
  const tokensPerSecond = finite(record.tokensPerSecond);
  const inputTokens = finite(record.inputTokens);
  const outputTokens = finite(record.outputTokens);
  const costUsd = finite(record.costUsd);
  const retries = finite(record.retries);
  const route = routeKey(record.collections ?? []);
  metrics.turns.inc({ status: record.status, route, model });
  if (hasFirstToken({ ttftMs, outputTokens, status: record.status })) {
    metrics.ttft.observe({ model, route }, ttftMs / 1000);
  }
  if (record.status !== 'cancelled') {
    metrics.latency.observe({ model, status: record.status }, finite(record.latencyMs) / 1000);
  }
  if (tokensPerSecond > 0) metrics.tokensPerSecond.observe({ model }, tokensPerSecond);
  if (retries > 0) metrics.retries.inc({ model }, retries);
  if (record.fallbackUsed) metrics.fallbacks.inc({ model });
  if (record.cacheHit) metrics.cacheHits.inc({ route });
  // A cache hit replays stored text: no model produced (or billed) those tokens.
  if (!record.cacheHit && inputTokens > 0) metrics.tokens.inc({ model, direction: 'input' }, inputTokens);
  if (!record.cacheHit && outputTokens > 0) metrics.tokens.inc({ model, direction: 'output' }, outputTokens);
  if (costUsd > 0) metrics.cost.inc({ model }, costUsd);
}

/**
 * The Prometheus text exposition of every metric, with its content type; the gauges the
 * layers above own are set from `samples` first (see lib/operations/prometheus-exposition).
 */
export async function renderPrometheusText(
  samples: ScrapeSamples,
): Promise<{ body: string; contentType: string }> {
  metrics.breakerState.reset();
  for (const breaker of samples.breakers) {
    metrics.breakerState.set({ breaker: breaker.name }, breakerStateValue[breaker.state]);
  }
  metrics.inFlight.set(samples.inFlightTurns);
  return { body: await metrics.registry.metrics(), contentType: metrics.registry.contentType };
}
