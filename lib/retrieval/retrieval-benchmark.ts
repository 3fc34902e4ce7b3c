import type { RetrievalResult } from '../contracts/retrieval';
import { type RetrieveParams, retrieve } from './retrieve';

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
}

/** Nearest-rank percentile of ascending-sorted values. */
export function percentile(sorted: number[], fraction: number): number {
  if (!sorted.length) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank];
}

/** Summarises durations in milliseconds. */
export function summarizeLatencies(durations: number[]): LatencySummary {
  const sorted = [...durations].sort((left, right) => left - right);
  const round = (value: number) => Math.round(value * 100) / 100;
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    p99Ms: round(percentile(sorted, 0.99)),
    meanMs: round(sorted.length ? total / sorted.length : 0),
    maxMs: round(sorted.at(-1) ?? 0),
  };
}

export interface RetrievalBenchmarkOptions {
  /** Passes over the query list (default 3). */
  rounds?: number;
  k?: number;
  /** Pins every query to this collection (no routing). */
  collection?: string;
  /** Defaults to the real `retrieve`; tests pass a fake. */
  retrieveFn?: (params: RetrieveParams) => Promise<RetrievalResult>;
}

/**
 * Measures end-to-end retrieval latency (routing, query embedding, hybrid search) over a list
 * of questions, after one untimed warm-up pass that loads the indexes. Queries run one at a
 * time so each duration is a single query's cost.
 */
export async function benchmarkRetrieval(
  queries: string[],
  options: RetrievalBenchmarkOptions = {},
): Promise<LatencySummary> {
  const run = options.retrieveFn ?? retrieve;
  const rounds = options.rounds ?? 3;
  const params = (query: string): RetrieveParams => ({ query, k: options.k, collection: options.collection });
  for (const query of queries) await run(params(query));
  const durations: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const query of queries) {
      const started = performance.now();
      await run(params(query));
      durations.push(performance.now() - started);
    }
  }
  return summarizeLatencies(durations);
}
