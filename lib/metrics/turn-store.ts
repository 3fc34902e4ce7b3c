import type { FeedbackRating, StoredTurn, TurnSample } from '../contracts/dashboard';
import type { TurnFilter, TurnFilterOptions } from '../contracts/stores';
import type { TurnRecord, TurnSourceSummary, TurnStatus } from '../contracts/turn-record';
import { prepared } from './metrics-db';

interface SampleRow {
  started_at: number;
  status: TurnStatus;
  route: string;
  model: string;
  provider: string;
  cache_hit: number;
  fallback_used: number;
  retries: number;
  routing_ms: number | null;
  retrieval_ms: number | null;
  model_first_token_ms: number | null;
  ttft_ms: number | null;
  latency_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  tokens_per_second: number | null;
  cost_usd: number;
  rating: FeedbackRating | null;
}

/**
 * The aggregation columns of every finished turn started in [from, to), oldest first. Turns
 * still in progress have no outcome yet (the in-flight gauge counts them).
 */
export function listTurnSamples(from: number, to: number): TurnSample[] {
  const rows = prepared(
    `SELECT t.started_at, t.status, t.route, t.model, t.provider, t.cache_hit, t.fallback_used, t.retries,
       t.routing_ms, t.retrieval_ms, t.model_first_token_ms, t.ttft_ms, t.latency_ms, t.input_tokens,
       t.output_tokens, t.tokens_per_second, t.cost_usd, f.rating
     FROM turns t LEFT JOIN feedback f ON f.turn_id = t.id
     WHERE t.started_at >= ? AND t.started_at < ? AND t.status <> 'in_progress' ORDER BY t.started_at`,
  ).all(from, to) as SampleRow[];
  return rows.map((row) => ({
    ...sampleFields(row),
    provider: row.provider,
    rating: row.rating ?? undefined,
  }));
}

/** The measure columns a sample and a stored turn share, under their record names. */
function sampleFields(row: Omit<SampleRow, 'rating'>): Omit<TurnSample, 'provider' | 'rating'> {
  return {
    startedAt: row.started_at,
    status: row.status,
    route: row.route,
    model: row.model,
    cacheHit: row.cache_hit === 1,
    fallbackUsed: row.fallback_used === 1,
    retries: row.retries,
    routingMs: row.routing_ms,
    retrievalMs: row.retrieval_ms,
    modelFirstTokenMs: row.model_first_token_ms,
    ttftMs: row.ttft_ms,
    latencyMs: row.latency_ms,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    tokensPerSecond: row.tokens_per_second,
    costUsd: row.cost_usd,
  };
}

interface TurnRow extends Omit<SampleRow, 'rating'> {
  id: string;
  recorded_at: number;
  endpoint: TurnRecord['endpoint'];
  collections: string;
  route_reason: string;
  pinned: number;
  prompt_version: string;
  error_code: string | null;
  error_message: string | null;
  question: string | null;
  sources: string;
  rating: FeedbackRating | null;
  comment: string | null;
  feedback_updated_at: number | null;
}

function parseJsonArray<Item>(text: string): Item[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as Item[]) : [];
  } catch {
    return [];
  }
}

function toStoredTurn(row: TurnRow): StoredTurn {
  return {
    ...sampleFields(row),
    id: row.id,
    recordedAt: row.recorded_at,
    endpoint: row.endpoint,
    collections: parseJsonArray<string>(row.collections),
    routeReason: row.route_reason,
    pinned: row.pinned === 1,
    provider: row.provider as TurnRecord['provider'],
    promptVersion: row.prompt_version,
    errorCode: row.error_code ?? undefined,
    errorMessage: row.error_message ?? undefined,
    question: row.question ?? undefined,
    sources: parseJsonArray<TurnSourceSummary>(row.sources),
    feedback: row.rating
      ? { rating: row.rating, comment: row.comment ?? undefined, updatedAt: row.feedback_updated_at ?? 0 }
      : undefined,
  };
}

const turnColumns = `t.*, f.rating, f.comment, f.updated_at AS feedback_updated_at
  FROM turns t LEFT JOIN feedback f ON f.turn_id = t.id`;

/** Turns started in [from, to) matching the filters, newest first. */
export function listTurns(filter: TurnFilter): StoredTurn[] {
  const rows = prepared(
    `SELECT ${turnColumns}
     WHERE t.started_at >= @from AND t.started_at < @to
       AND (@status IS NULL OR t.status = @status)
       AND (@route IS NULL OR t.route = @route)
       AND (@model IS NULL OR t.model = @model)
       AND (@rating IS NULL OR f.rating = @rating)
     ORDER BY t.started_at DESC, t.recorded_at DESC LIMIT @limit`,
  ).all({
    from: filter.from,
    to: filter.to,
    status: filter.status ?? null,
    route: filter.route ?? null,
    model: filter.model ?? null,
    rating: filter.rating ?? null,
    limit: filter.limit,
  }) as TurnRow[];
  return rows.map(toStoredTurn);
}

/** One stored turn, or undefined. */
export function getTurn(id: string): StoredTurn | undefined {
  const row = prepared(`SELECT ${turnColumns} WHERE t.id = ?`).get(id) as TurnRow | undefined;
  return row ? toStoredTurn(row) : undefined;
}

/** The distinct statuses, routes and models seen in [from, to), for filter menus. */
export function listFilterOptions(from: number, to: number): TurnFilterOptions {
  const distinct = (column: 'status' | 'route' | 'model') =>
    (
      prepared(
        `SELECT DISTINCT ${column} AS value FROM turns WHERE started_at >= ? AND started_at < ? ORDER BY 1`,
      ).all(from, to) as { value: string }[]
    ).map((row) => row.value);
  return { statuses: distinct('status'), routes: distinct('route'), models: distinct('model') };
}

/** Deletes turns (and their feedback) started before `before`; returns how many went. */
export function pruneTurns(before: number): number {
  return prepared('DELETE FROM turns WHERE started_at < ?').run(before).changes;
}

/** What turns started since `from` cost in total (USD). */
export function costSince(from: number): number {
  return (
    prepared('SELECT COALESCE(SUM(cost_usd), 0) AS total FROM turns WHERE started_at >= ?').get(from) as {
      total: number;
    }
  ).total;
}
