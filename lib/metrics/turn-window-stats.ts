import type { TurnWindowStats } from '../contracts/stores';
import { failedStatuses } from './aggregate';
import { prepared } from './metrics-db';

const failedList = [...failedStatuses].map((status) => `'${status}'`).join(', ');

/** Percentile rank of the latency the alert rules watch. */
const latencyPercentile = 95;

/**
 * The counts and p95 latency of the finished turns started in [from, to), computed by SQLite.
 * Alerts are evaluated up to once a second during bursts; reading every turn of the window
 * into JavaScript to count it took about 65 ms of blocked event loop for 5,500 turns, while
 * SQLite counts and picks the two ranks around p95 in a few milliseconds.
 */
export function turnWindowStats(from: number, to: number): TurnWindowStats {
  const counts = prepared(
    `SELECT COUNT(*) AS turns,
       COALESCE(SUM(status = 'cancelled'), 0) AS cancelled,
       COALESCE(SUM(status = 'ok'), 0) AS ok,
       COALESCE(SUM(status IN (${failedList})), 0) AS failed
     FROM turns WHERE started_at >= ? AND started_at < ? AND status <> 'in_progress'`,
  ).get(from, to) as Omit<TurnWindowStats, 'p95LatencyMs'>;
  const timed = counts.turns - counts.cancelled;
  if (timed === 0) return { ...counts, p95LatencyMs: null };
  // The same interpolation as metrics/percentiles: between the ranks either side of p95.
  const rank = (latencyPercentile / 100) * (timed - 1);
  const lower = Math.floor(rank);
  const values = (
    prepared(
      `SELECT latency_ms FROM turns
       WHERE started_at >= ? AND started_at < ? AND status NOT IN ('in_progress', 'cancelled')
       ORDER BY latency_ms LIMIT 2 OFFSET ?`,
    ).all(from, to, lower) as { latency_ms: number }[]
  ).map((row) => row.latency_ms);
  // Another process may prune between the two queries: then there is no rank to read.
  if (values.length === 0) return { ...counts, p95LatencyMs: null };
  // Past the last row the rank is exact, and the second value is not needed.
  const upper = values[1] ?? values[0];
  return { ...counts, p95LatencyMs: values[0] + (upper - values[0]) * (rank - lower) };
}
