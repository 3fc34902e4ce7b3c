import type { CacheResult } from './cache-scenario';
import type { PathologicalResult } from './pathological-scenario';
import type { Summary } from './summarize';
import type { ThroughputResult } from './throughput-scenario';
import type { TtftResult } from './ttft-scenario';

/** The real-corpus part of a full run: ingest cost, retrieval latency, memory with both loaded. */
export interface CorpusResult {
  collections: { name: string; documents: number; chunks: number }[];
  fullIngestMs: number;
  noChangeIngestMs: number;
  routingRetrievalMs: Summary;
  /** Server RSS after answering questions on every collection, so all indexes are loaded. */
  serverRssMb: number | null;
  /** Server peak RSS while saturated with concurrent turns on the real corpora. */
  serverPeakRssMb: number | null;
  turnsPerSecond: number;
  /** TTFT overhead on /api/chat at one stream with the real corpora behind it. */
  overheadMs: Summary;
  errors: number;
  errorSamples: string[];
}

/** Everything one run measured; written to bench-results.json beside the table's figures. */
export interface BenchResults {
  ttft: TtftResult[];
  throughput: ThroughputResult[];
  cache: CacheResult;
  pathological: PathologicalResult;
  /** Server RSS at the end of the starter-corpus phase. */
  starterRssMb: number | null;
  /** Direct to the fake upstream, bypassing the app: the floor the figures are measured against. */
  baseline: { ttftMs: Summary; efficiency: Summary };
  corpora?: CorpusResult;
  /** Why the real-corpus phase of a full run could not run. */
  corporaError?: string;
}
