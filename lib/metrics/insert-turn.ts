import type { TurnRecord } from '../contracts/turn-record';
import { routeKey } from '../contracts/turn-record';
import { prepared } from './metrics-db';

// A broken measurement upstream must not turn into a lost record (NOT NULL) or a poisoned
// percentile, so anything that is not a finite, non-negative number is stored as 0.
function measure(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/** A timing that may never have been measured: NULL then (and for broken values), never 0. */
function optionalMeasure(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

const insertSql = `INSERT INTO turns (
    id, started_at, recorded_at, endpoint, route, collections, route_reason, pinned, model, provider,
    prompt_version, status, error_code, error_message, retries, fallback_used, cache_hit, routing_ms,
    retrieval_ms, model_first_token_ms, ttft_ms, latency_ms, input_tokens, output_tokens,
    tokens_per_second, cost_usd, question, sources)
  VALUES (
    @id, @startedAt, @recordedAt, @endpoint, @route, @collections, @routeReason, @pinned, @model, @provider,
    @promptVersion, @status, @errorCode, @errorMessage, @retries, @fallbackUsed, @cacheHit, @routingMs,
    @retrievalMs, @modelFirstTokenMs, @ttftMs, @latencyMs, @inputTokens, @outputTokens,
    @tokensPerSecond, @costUsd, @question, @sources)
  ON CONFLICT (id) DO UPDATE SET
    recorded_at = excluded.recorded_at, endpoint = excluded.endpoint, route = excluded.route,
    collections = excluded.collections, route_reason = excluded.route_reason, pinned = excluded.pinned,
    model = excluded.model, provider = excluded.provider, prompt_version = excluded.prompt_version,
    status = excluded.status, error_code = excluded.error_code, error_message = excluded.error_message,
    retries = excluded.retries, fallback_used = excluded.fallback_used, cache_hit = excluded.cache_hit,
    routing_ms = excluded.routing_ms, retrieval_ms = excluded.retrieval_ms,
    model_first_token_ms = excluded.model_first_token_ms, ttft_ms = excluded.ttft_ms,
    latency_ms = excluded.latency_ms, input_tokens = excluded.input_tokens,
    output_tokens = excluded.output_tokens, tokens_per_second = excluded.tokens_per_second,
    cost_usd = excluded.cost_usd, question = excluded.question, sources = excluded.sources, owner = NULL`;

/**
 * Stores one finished turn. A turn already stored (its `in_progress` row, or a turn
 * re-recorded after it ended) is closed with this record's outcome and keeps its feedback.
 */
export function insertTurn(record: TurnRecord, options: { storeQuestion: boolean; now: number }): void {
  const collections = Array.isArray(record.collections) ? record.collections.map(String) : [];
  prepared(insertSql).run({
    id: String(record.id),
    startedAt: Math.round(measure(record.startedAt) || options.now),
    recordedAt: options.now,
    endpoint: record.endpoint,
    route: routeKey(collections),
    collections: JSON.stringify(collections),
    routeReason: record.routeReason ?? '',
    pinned: record.pinned ? 1 : 0,
    model: record.model || 'unknown',
    provider: record.provider || 'unknown',
    promptVersion: record.promptVersion ?? '',
    status: record.status,
    errorCode: record.errorCode ?? null,
    errorMessage: record.errorMessage ?? null,
    retries: Math.round(measure(record.retries)),
    fallbackUsed: record.fallbackUsed ? 1 : 0,
    cacheHit: record.cacheHit ? 1 : 0,
    routingMs: measure(record.routingMs),
    retrievalMs: measure(record.retrievalMs),
    modelFirstTokenMs: optionalMeasure(record.modelFirstTokenMs),
    ttftMs: optionalMeasure(record.ttftMs),
    latencyMs: measure(record.latencyMs),
    inputTokens: Math.round(measure(record.inputTokens)),
    outputTokens: Math.round(measure(record.outputTokens)),
    tokensPerSecond: optionalMeasure(record.tokensPerSecond),
    costUsd: measure(record.costUsd),
    question: options.storeQuestion ? (record.question ?? null) : null,
    sources: JSON.stringify(Array.isArray(record.sources) ? record.sources : []),
  });
}
