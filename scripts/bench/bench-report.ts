import type { BenchPlan } from './bench-plan';
import type { BenchResults } from './bench-results';
import { corpusSection } from './corpus-report';
import { pathologicalFigures } from './pathological-scenario';
import type { Section } from './table-printer';
import { type Figure, type TargetTable, withTargets } from './targets';
import { ttftRunLabel } from './ttft-scenario';

/**
 * Turns measured results into the table's sections, each figure beside its target from
 * `targets` (targets.json).
 */
export function benchReport(plan: BenchPlan, results: BenchResults, targets: TargetTable): Section[] {
  const { firstTokenDelayMs, tokenDelayMs } = plan.upstream;
  const overhead: Figure[] = results.ttft.flatMap((run) => {
    const key = `ttft_overhead.${run.endpoint}.c${run.concurrency}`;
    const label = ttftRunLabel(run);
    return [
      {
        key: `${key}.p50`,
        label: `${label} p50`,
        value: run.overheadMs.p50,
        unit: 'ms',
      },
      {
        key: `${key}.p95`,
        label: `${label} p95`,
        value: run.overheadMs.p95,
        unit: 'ms',
      },
      { key: `${key}.p99`, label: `${label} p99`, value: run.overheadMs.p99, unit: 'ms' },
      ...(run.errors
        ? [{ key: `${key}.errors`, label: `${label} failed requests`, value: run.errors, unit: '' }]
        : []),
    ];
  });

  const efficiency: Figure[] = results.ttft.map((run) => ({
    key: `streaming_efficiency.${run.endpoint}.c${run.concurrency}.p50`,
    label: `${ttftRunLabel(run)} p50`,
    value: run.efficiency.p50,
    unit: '',
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
  return sections.map((section) => ({ ...section, figures: withTargets(section.figures, targets) }));
}
