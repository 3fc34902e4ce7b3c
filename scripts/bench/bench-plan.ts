/** How much work one benchmark run does; `--quick` keeps `npm test` to about a minute. */
export interface BenchPlan {
  mode: 'quick' | 'full';
  /** The fake upstream's known timing for the TTFT and streaming runs. */
  upstream: { firstTokenDelayMs: number; tokenDelayMs: number; answerTokens: number };
  /** Unmeasured requests per endpoint first, so lazy loading (routes, indexes, JIT) is not timed. */
  warmupRequests: number;
  ttft: { concurrency: number; requests: number }[];
  throughput: { concurrency: number; durationMs: number; maxTurns: number };
  cacheHits: number;
  /** Passes over the pathological inputs (each one to both endpoints). */
  pathologicalRounds: number;
  /** Ingest and measure the two real corpora from build-corpus.sh. */
  realCorpora: boolean;
  /** Passes over the dev questions when timing routing + retrieval. */
  retrievalRounds: number;
  /** Bounds every single request. */
  requestTimeoutMs: number;
}

/** The plan for a full run (about 10 minutes) or a quick one. */
export function benchPlan(quick: boolean): BenchPlan {
  const upstream = { firstTokenDelayMs: 100, tokenDelayMs: 10, answerTokens: 60 };
  if (quick) {
    return {
      mode: 'quick',
      upstream,
      warmupRequests: 4,
      ttft: [
        { concurrency: 1, requests: 10 },
        { concurrency: 10, requests: 30 },
        { concurrency: 50, requests: 50 },
      ],
      throughput: { concurrency: 16, durationMs: 4_000, maxTurns: 2_000 },
      cacheHits: 5,
      pathologicalRounds: 1,
      realCorpora: false,
      retrievalRounds: 0,
      requestTimeoutMs: 30_000,
    };
  }
  return {
    mode: 'full',
    upstream,
    warmupRequests: 10,
    ttft: [
      { concurrency: 1, requests: 60 },
      { concurrency: 10, requests: 200 },
      { concurrency: 50, requests: 500 },
    ],
    throughput: { concurrency: 32, durationMs: 15_000, maxTurns: 20_000 },
    cacheHits: 40,
    pathologicalRounds: 3,
    realCorpora: true,
    retrievalRounds: 3,
    requestTimeoutMs: 60_000,
  };
}

/** The answer the fake upstream streams: `tokens` words (each one fake token), citing [1]. */
export function upstreamAnswer(tokens: number): string {
  const words = 'The documentation [1] explains this with a short example and the exact rule.'.split(' ');
  return Array.from({ length: Math.max(1, tokens) }, (_, index) => words[index % words.length]).join(' ');
}
