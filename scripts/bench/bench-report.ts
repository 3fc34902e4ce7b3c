import type { BenchPlan } from './bench-plan';
import type { BenchResults } from './bench-results';
import { pathologicalFigures } from './pathological-scenario';
import { formatValue, type Section } from './table-printer';
import type { Figure, Target } from './targets';

const atMost = (limit: number): Target => ({ comparison: '<=', limit });
const atLeast = (limit: number): Target => ({ comparison: '>=', limit });

/** Issue 8's targets for TTFT overhead at each concurrency (ms). */
const overheadTargets: Record<number, { p50?: Target; p95?: Target }> = {
  1: { p50: atMost(10), p95: atMost(25) },
  50: { p95: atMost(100) },
};

const streams = (count: number) => `${count} stream${count === 1 ? '' : 's'}`;

/** Turns measured results into the table's sections, each figure beside its target. */
export function benchReport(plan: BenchPlan, results: BenchResults): Section[] {
  const { firstTokenDelayMs, tokenDelayMs } = plan.upstream;
  const overhead: Figure[] = results.ttft.flatMap((run) => {
    const key = `ttft_overhead.${run.endpoint}.c${run.concurrency}`;
    const targets = overheadTargets[run.concurrency] ?? {};
    const label = `${run.label} ${streams(run.concurrency)}`;
    return [
      {
        key: `${key}.p50`,
        label: `${label} p50`,
        value: run.overheadMs.p50,
        unit: 'ms',
        target: targets.p50,
      },
      {
        key: `${key}.p95`,
        label: `${label} p95`,
        value: run.overheadMs.p95,
        unit: 'ms',
        target: targets.p95,
      },
      { key: `${key}.p99`, label: `${label} p99`, value: run.overheadMs.p99, unit: 'ms' },
      ...(run.errors
        ? [{ key: `${key}.errors`, label: `${label} failed requests`, value: run.errors, unit: '' }]
        : []),
    ];
  });

  const efficiency: Figure[] = results.ttft.map((run) => ({
    key: `streaming_efficiency.${run.endpoint}.c${run.concurrency}.p50`,
    label: `${run.label} ${streams(run.concurrency)} p50`,
    value: run.efficiency.p50,
    unit: '',
    target: atLeast(0.95),
  }));

  const throughput: Figure[] = results.throughput.flatMap((run) => {
    const key = `throughput.${run.endpoint}`;
    return [
      {
        key: `${key}.turns_per_second`,
        label: `${run.label} turns/sec`,
        value: run.turnsPerSecond,
        unit: '/s',
      },
      {
        key: `${key}.latency_p50`,
        label: `${run.label} turn latency p50`,
        value: run.latencyMs.p50,
        unit: 'ms',
      },
      {
        key: `${key}.peak_rss`,
        label: `${run.label} server peak RSS`,
        value: run.serverUsage.peakRssMb,
        unit: 'MB',
      },
      {
        key: `${key}.cpu_average`,
        label: `${run.label} server CPU average`,
        value: run.serverUsage.averageCpuPercent,
        unit: '%',
      },
      {
        key: `${key}.bench_cpu_average`,
        label: `${run.label} load generator + fake upstream CPU`,
        value: run.benchUsage.averageCpuPercent,
        unit: '%',
      },
      {
        key: `${key}.cpu_peak`,
        label: `${run.label} server CPU peak`,
        value: run.serverUsage.peakCpuPercent,
        unit: '%',
      },
      ...(run.errors
        ? [{ key: `${key}.errors`, label: `${run.label} failed turns`, value: run.errors, unit: '' }]
        : []),
    ];
  });

  const cache: Figure[] = [
    {
      key: 'cache.hit_ttft.p50',
      label: 'cache hit TTFT p50',
      value: results.cache.hitTtftMs.p50,
      unit: 'ms',
      target: atMost(10),
    },
    {
      key: 'cache.hit_ttft.p95',
      label: 'cache hit TTFT p95',
      value: results.cache.hitTtftMs.p95,
      unit: 'ms',
    },
    {
      key: 'cache.hits',
      label: `repeats answered from cache (of ${results.cache.questions})`,
      value: results.cache.hits,
      unit: '',
    },
  ];

  const sections: Section[] = [
    {
      title: `TTFT overhead (client TTFT minus upstream TTFT of ${firstTokenDelayMs} ms)`,
      figures: overhead,
    },
    {
      title: `Streaming efficiency (client tokens/sec / upstream tokens/sec; upstream ${tokenDelayMs} ms/token)`,
      figures: efficiency,
    },
    {
      title: `Throughput (upstream at zero delay, ${plan.throughput.concurrency} concurrent turns)`,
      figures: throughput,
    },
    { title: 'Response cache', figures: cache },
    {
      title: 'Pathological requests (long unbroken runs, huge histories)',
      figures: pathologicalFigures(results.pathological),
    },
  ];

  if (plan.realCorpora) sections.push(corpusSection(plan, results));

  sections.push({
    title: 'Reference: streaming directly from the fake upstream (no app in between)',
    figures: [
      { key: 'baseline.ttft.p50', label: 'TTFT p50', value: results.baseline.ttftMs.p50, unit: 'ms' },
      {
        key: 'baseline.efficiency.p50',
        label: 'streaming efficiency p50',
        value: results.baseline.efficiency.p50,
        unit: '',
      },
      {
        key: 'memory.rss_starter_corpus',
        label: 'server RSS, starter corpus',
        value: results.starterRssMb,
        unit: 'MB',
      },
    ],
  });
  return sections;
}

/**
 * Where each TTFT run's overhead goes, p50 in ms: before the upstream call and relaying its
 * first token (measured against the upstream), and the server's own routing, retrieval and
 * model-call times (from its metrics), plus what lies outside the server's turn. The last
 * column is the load generator's own timer lateness, which the relay column includes.
 */
export function overheadBreakdown(results: BenchResults): { header: string[]; rows: string[][] } {
  const header = [
    'p50 ms',
    'overhead',
    'before upstream',
    'routing',
    'retrieval+context',
    'model call',
    'outside turn',
    'relay 1st token',
    'bench loop lag',
  ];
  const cell = (summary: { p50: number | null }) => formatValue(summary.p50, '');
  const rows = results.ttft.map((run) => [
    `${run.label} ${streams(run.concurrency)}`,
    cell(run.overheadMs),
    cell(run.breakdown.beforeUpstreamMs),
    cell(run.breakdown.routingMs),
    cell(run.breakdown.retrievalMs),
    cell(run.breakdown.modelCallMs),
    cell(run.breakdown.outsideTurnMs),
    cell(run.breakdown.relayMs),
    formatValue(run.benchEventLoopLagMs.p50, ''),
  ]);
  return { header, rows };
}

/** The real-corpus figures; all "not measured" when that phase could not run. */
function corpusSection(plan: BenchPlan, results: BenchResults): Section {
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
        target: atMost(15),
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
        target: atMost(600),
      },
      {
        key: 'memory.peak_rss_both_corpora_under_load',
        label: `server peak RSS under load (${plan.throughput.concurrency} concurrent turns)`,
        value: corpora?.serverPeakRssMb ?? null,
        unit: 'MB',
        target: atMost(600),
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
