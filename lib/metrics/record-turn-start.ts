import type { TurnStart } from '../contracts/stores';
import { routeKey } from '../contracts/turn-record';
import { reportFailure } from '../telemetry/failure-events';
import { prepared } from './metrics-db';
import { turnOwner } from './unfinished-turns';

// Timings are NULL until measured; the final record (recordTurn) fills in everything else.
const insertStartSql = `INSERT INTO turns (
    id, started_at, recorded_at, endpoint, route, collections, route_reason, pinned, model, provider,
    prompt_version, status, retries, fallback_used, cache_hit, input_tokens, output_tokens, cost_usd,
    sources, owner)
  VALUES (
    @id, @startedAt, @recordedAt, @endpoint, @route, @collections, '', @pinned, @model, @provider,
    '', 'in_progress', 0, 0, 0, 0, 0, 0, '[]', @owner)
  ON CONFLICT (id) DO NOTHING`;

/**
 * Stores a turn as `in_progress` the moment it starts, so a turn whose process dies before it
 * ends is not lost: the next start-up marks it `interrupted`. recordTurn closes the row.
 * Never throws: a failed write is logged and counted, and the final record still follows.
 */
export function recordTurnStart(start: TurnStart, now = Date.now()): void {
  const collections = start.collection ? [start.collection] : [];
  try {
    prepared(insertStartSql).run({
      id: start.id,
      startedAt: Math.round(start.startedAt),
      recordedAt: now,
      endpoint: start.endpoint,
      route: routeKey(collections),
      collections: JSON.stringify(collections),
      pinned: start.collection ? 1 : 0,
      model: start.model || 'unknown',
      provider: start.provider,
      owner: turnOwner(),
    });
  } catch (error) {
    reportFailure('metrics_write_failed', { subject: start.id, error, now });
  }
}
