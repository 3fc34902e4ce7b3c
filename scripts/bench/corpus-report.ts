import type { BenchPlan } from './bench-plan';
import type { BenchResults } from './bench-results';
import type { Section } from './table-printer';

/** The real-corpus figures; all "not measured" when that phase could not run. */
export function corpusSection(plan: BenchPlan, results: BenchResults): Section {
  const corpora = results.corpora;
  const chunks = corpora?.collections.reduce((sum, collection) => sum + collection.chunks, 0) ?? 0;
  const title = corpora
    ? `Real corpora (${corpora.collections.map((collection) => collection.name).join(' + ')}, ${chunks} chunks)`
    : `Real corpora (could not run: ${results.corporaError ?? 'unknown error'})`;
  const seconds = (milliseconds: number | undefined) =>
    milliseconds === undefined ? null : milliseconds / 1000;
  return {
    title,
    figures: [
      {
        key: 'retrieval.routing_retrieval.p50',
        label: 'routing + retrieval p50',
        value: corpora?.routingRetrievalMs.p50 ?? null,
        unit: 'ms',
      },
      {
        key: 'retrieval.routing_retrieval.p95',
        label: 'routing + retrieval p95',
        value: corpora?.routingRetrievalMs.p95 ?? null,
        unit: 'ms',
      },
      { key: 'ingest.full_seconds', label: 'ingest, full', value: seconds(corpora?.fullIngestMs), unit: 's' },
      {
        key: 'ingest.no_change_seconds',
        label: 'ingest, no change',
        value: seconds(corpora?.noChangeIngestMs),
        unit: 's',
      },
      {
        key: 'memory.rss_both_corpora',
        label: 'server RSS, both corpora loaded (idle)',
        value: corpora?.serverRssMb ?? null,
        unit: 'MB',
      },
      {
        key: 'memory.peak_rss_both_corpora_under_load',
        label: `server peak RSS under load (${plan.throughput.concurrency} concurrent turns)`,
        value: corpora?.serverPeakRssMb ?? null,
        unit: 'MB',
      },
      {
        key: 'throughput.real_corpora.api_chat.turns_per_second',
        label: '/api/chat turns/sec, zero-delay upstream',
        value: corpora?.turnsPerSecond ?? null,
        unit: '/s',
      },
      {
        key: 'ttft_overhead.real_corpora.api_chat.c1.p50',
        label: '/api/chat 1 stream TTFT overhead p50',
        value: corpora?.overheadMs.p50 ?? null,
        unit: 'ms',
      },
    ],
  };
}
