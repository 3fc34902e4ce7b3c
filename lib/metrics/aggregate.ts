import type {
  ModelRow,
  RouteSlice,
  SeriesPoint,
  SummaryCards,
  TtftSplit,
  TurnSample,
} from '../contracts/dashboard';
import type { TurnStatus } from '../contracts/turn-record';
import { hasFirstToken } from '../contracts/turn-record';
import { mean, percentiles } from './percentiles';

/** Statuses that count as errors. Cancelled turns were stopped by the user: not an error. */
export const failedStatuses: ReadonlySet<TurnStatus> = new Set([
  'error',
  'timeout',
  'rate_limited',
  'interrupted',
]);

/** Latency percentiles leave out cancelled turns: their length is the user's choice. */
function countsForLatency(sample: TurnSample): boolean {
  return sample.status !== 'cancelled';
}

/** `part / whole`, or null when there is no whole to divide by. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function feedbackScore(samples: readonly TurnSample[]): { up: number; down: number; score: number | null } {
  const up = samples.filter((sample) => sample.rating === 'up').length;
  const down = samples.filter((sample) => sample.rating === 'down').length;
  return { up, down, score: ratio(up, up + down) };
}

/** The summary cards for a set of turns. */
export function summarizeTurns(samples: readonly TurnSample[]): SummaryCards {
  const ok = samples.filter((sample) => sample.status === 'ok').length;
  const failed = samples.filter((sample) => failedStatuses.has(sample.status)).length;
  const cancelled = samples.filter((sample) => sample.status === 'cancelled').length;
  // Rates are over turns that reached an outcome: a user pressing Stop is neither.
  const decided = samples.length - cancelled;
  const withFirstToken = samples.filter(hasFirstToken);
  const sum = (pick: (sample: TurnSample) => number) => samples.reduce((total, s) => total + pick(s), 0);
  return {
    turns: samples.length,
    ok,
    failed,
    cancelled,
    successRate: ratio(ok, decided),
    errorRate: ratio(failed, decided),
    ttftMs: percentiles(withFirstToken.map((sample) => sample.ttftMs)),
    latencyMs: percentiles(samples.filter(countsForLatency).map((sample) => sample.latencyMs)),
    tokensPerSecond: percentiles(
      samples.filter((sample) => (sample.tokensPerSecond ?? 0) > 0).map((sample) => sample.tokensPerSecond),
    ),
    cacheHitRate: ratio(samples.filter((sample) => sample.cacheHit).length, samples.length),
    costUsd: sum((sample) => sample.costUsd),
    inputTokens: sum((sample) => sample.inputTokens),
    outputTokens: sum((sample) => sample.outputTokens),
    retries: sum((sample) => sample.retries),
    fallbacks: samples.filter((sample) => sample.fallbackUsed).length,
    feedback: feedbackScore(samples),
  };
}

function splitOf(samples: readonly TurnSample[]): Omit<TtftSplit, 'turns' | 'otherMs'> {
  return {
    routingMs: mean(samples.map((sample) => sample.routingMs)),
    retrievalMs: mean(samples.map((sample) => sample.retrievalMs)),
    modelMs: mean(samples.map((sample) => sample.modelFirstTokenMs)),
  };
}

/**
 * Buckets turns by start time into `bucketMs` slots covering [from, to). Bucket edges are
 * aligned to multiples of `bucketMs`, so the first bucket may start before `from`.
 */
export function buildTimeSeries(
  samples: readonly TurnSample[],
  from: number,
  to: number,
  bucketMs: number,
): SeriesPoint[] {
  const firstStart = Math.floor(from / bucketMs) * bucketMs;
  const count = Math.max(1, Math.ceil((to - firstStart) / bucketMs));
  const buckets: TurnSample[][] = Array.from({ length: count }, () => []);
  for (const sample of samples) {
    if (sample.startedAt < from || sample.startedAt >= to) continue;
    buckets[Math.min(count - 1, Math.floor((sample.startedAt - firstStart) / bucketMs))].push(sample);
  }
  return buckets.map((bucket, index) => {
    const ttft = percentiles(bucket.filter(hasFirstToken).map((sample) => sample.ttftMs));
    const latency = percentiles(bucket.filter(countsForLatency).map((sample) => sample.latencyMs));
    return {
      start: firstStart + index * bucketMs,
      turns: bucket.length,
      failed: bucket.filter((sample) => failedStatuses.has(sample.status)).length,
      ttftP50: ttft.p50,
      ttftP95: ttft.p95,
      ttftP99: ttft.p99,
      latencyP50: latency.p50,
      latencyP95: latency.p95,
      ...splitOf(bucket.filter(hasFirstToken)),
      feedbackScore: feedbackScore(bucket).score,
    };
  });
}

/** Turns per route, most used first. */
export function breakdownByRoute(samples: readonly TurnSample[]): RouteSlice[] {
  const counts = new Map<string, number>();
  for (const sample of samples) counts.set(sample.route, (counts.get(sample.route) ?? 0) + 1);
  return [...counts]
    .map(([route, turns]) => ({ route, turns }))
    .sort((left, right) => right.turns - left.turns || left.route.localeCompare(right.route));
}

/** Per model (and provider): volume, errors, speed and cost; most used first. */
export function breakdownByModel(samples: readonly TurnSample[]): ModelRow[] {
  const groups = new Map<string, TurnSample[]>();
  for (const sample of samples) {
    const key = `${sample.model}\u0000${sample.provider}`;
    const group = groups.get(key);
    if (group) group.push(sample);
    else groups.set(key, [sample]);
  }
  return [...groups.values()]
    .map((group) => {
      const cards = summarizeTurns(group);
      return {
        model: group[0].model,
        provider: group[0].provider,
        turns: cards.turns,
        failed: cards.failed,
        ttftP50: cards.ttftMs.p50,
        latencyP95: cards.latencyMs.p95,
        tokensPerSecondP50: cards.tokensPerSecond.p50,
        costUsd: cards.costUsd,
      };
    })
    .sort((left, right) => right.turns - left.turns || left.model.localeCompare(right.model));
}

/** Mean TTFT split over turns that produced a first token. */
export function ttftSplit(samples: readonly TurnSample[]): TtftSplit {
  const withFirstToken = samples.filter(hasFirstToken);
  const split = splitOf(withFirstToken);
  const ttft = mean(withFirstToken.map((sample) => sample.ttftMs));
  const explained = (split.routingMs ?? 0) + (split.retrievalMs ?? 0) + (split.modelMs ?? 0);
  return {
    turns: withFirstToken.length,
    ...split,
    otherMs: ttft === null ? null : Math.max(0, ttft - explained),
  };
}
