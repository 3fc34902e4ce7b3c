import { describe, expect, it } from 'vitest';
import { benchPlan } from './bench-plan';
import { benchReport } from './bench-report';
import type { BenchResults } from './bench-results';
import { overheadBreakdown } from './overhead-breakdown';
import { summarize } from './summarize';
import { loadTargets } from './targets-file';
import type { TtftResult } from './ttft-scenario';

const usage = { peakRssMb: 300, averageCpuPercent: 90, peakCpuPercent: 130, durationMs: 1000 };

const ttftRun = (endpoint: TtftResult['endpoint'], concurrency: number, overhead: number[]): TtftResult => ({
  endpoint,
  label: endpoint === 'api_chat' ? '/api/chat' : '/v1/chat/completions',
  concurrency,
  requests: overhead.length,
  errors: 0,
  errorSamples: [],
  ttftMs: summarize(overhead.map((value) => value + 100)),
  overheadMs: summarize(overhead),
  breakdown: {
    beforeUpstreamMs: summarize(overhead),
    relayMs: summarize([1]),
    routingMs: summarize([0.5]),
    retrievalMs: summarize([3]),
    modelCallMs: summarize([2]),
    outsideTurnMs: summarize([1]),
  },
  efficiency: summarize([0.99]),
  serverUsage: usage,
  benchUsage: usage,
  benchEventLoopLagMs: { p50: 1.2, p99: 3, max: 4 },
});

const results: BenchResults = {
  ttft: [ttftRun('api_chat', 1, [5, 6, 30]), ttftRun('api_chat', 50, [50, 60, 70])],
  throughput: [],
  cache: {
    questions: 2,
    hits: 2,
    errors: 0,
    errorSamples: [],
    hitTtftMs: summarize([3, 4]),
    missTtftMs: summarize([]),
  },
  pathological: {
    requests: 14,
    statuses: { 200: 10, 400: 3, 500: 1 },
    serverEventLoopDelayMaxMs: 12,
    livenessMs: summarize([2, 3, 40]),
  },
  starterRssMb: 250,
  baseline: { ttftMs: summarize([101]), efficiency: summarize([1]) },
  corpora: {
    collections: [
      { name: 'python', documents: 400, chunks: 7000 },
      { name: 'javascript', documents: 60, chunks: 3000 },
    ],
    fullIngestMs: 60_000,
    noChangeIngestMs: 2_000,
    routingRetrievalMs: summarize([12, 14, 40]),
    serverRssMb: 650,
    serverPeakRssMb: 700,
    turnsPerSecond: 30,
    overheadMs: summarize([9]),
    errors: 0,
    errorSamples: [],
  },
};

const targets = loadTargets();

describe('benchReport', () => {
  const figures = benchReport(benchPlan(false), results, targets).flatMap((section) => section.figures);
  const byKey = (key: string) => figures.find((figure) => figure.key === key);

  it('puts the targets from targets.json on the matching figures', () => {
    expect(byKey('ttft_overhead.api_chat.c1.p50')).toMatchObject({
      value: 6,
      target: { comparison: '<=', limit: 10 },
    });
    expect(byKey('ttft_overhead.api_chat.c1.p95')?.target).toMatchObject({ comparison: '<=', limit: 25 });
    expect(byKey('ttft_overhead.api_chat.c50.p95')?.target).toMatchObject({ comparison: '<=', limit: 100 });
    expect(byKey('ttft_overhead.api_chat.c50.p50')?.target).toBeUndefined();
    expect(byKey('streaming_efficiency.api_chat.c1.p50')?.target).toMatchObject({
      comparison: '>=',
      limit: 0.95,
    });
    expect(byKey('cache.hit_ttft.p50')).toMatchObject({
      value: 3.5,
      target: { comparison: '<=', limit: 10 },
    });
    expect(byKey('retrieval.routing_retrieval.p50')).toMatchObject({ value: 14, target: { limit: 15 } });
    expect(byKey('pathological.server_event_loop_delay.max')).toMatchObject({
      value: 12,
      target: { comparison: '<=', limit: 50 },
    });
    expect(byKey('pathological.failures')?.value).toBe(1);
    expect(byKey('memory.rss_both_corpora')).toMatchObject({
      value: 650,
      target: { comparison: '<=', limit: 600 },
    });
    expect(byKey('memory.peak_rss_both_corpora_under_load')).toMatchObject({
      value: 700,
      target: { limit: 600 },
    });
  });

  it('finds a figure for every target in targets.json', () => {
    const plan = benchPlan(false);
    const everyRun = plan.ttft.flatMap(({ concurrency }) =>
      (['api_chat', 'v1_chat'] as const).map((endpoint) => ttftRun(endpoint, concurrency, [5])),
    );
    const report = benchReport(plan, { ...results, ttft: everyRun }, targets);
    const keys = new Set(report.flatMap((section) => section.figures).map((figure) => figure.key));
    expect([...targets.keys()].filter((key) => !keys.has(key))).toEqual([]);
  });

  it('names the issue behind each target', () => {
    expect(byKey('pathological.server_event_loop_delay.max')?.target?.source).toMatch(
      /^Issue 11 \(hardening\): /,
    );
  });

  it('reports ingest times in seconds and keeps keys unique', () => {
    expect(byKey('ingest.full_seconds')?.value).toBe(60);
    expect(new Set(figures.map((figure) => figure.key)).size).toBe(figures.length);
  });

  it('reports every real-corpus figure as not measured when that phase failed', () => {
    const failed = benchReport(
      benchPlan(false),
      {
        ...results,
        corpora: undefined,
        corporaError: 'no corpus',
      },
      targets,
    );
    const section = failed.find((entry) => entry.title.startsWith('Real corpora'));
    expect(section?.title).toContain('could not run: no corpus');
    expect(section?.figures.every((figure) => figure.value === null)).toBe(true);
  });

  it('leaves the real-corpus section out when it was not run', () => {
    const quick = benchReport(benchPlan(true), { ...results, corpora: undefined }, targets);
    expect(quick.some((section) => section.title.startsWith('Real corpora'))).toBe(false);
  });
});

describe('overheadBreakdown', () => {
  it('gives one row of p50 components per TTFT run', () => {
    const { header, rows } = overheadBreakdown(results);
    expect(header).toHaveLength(9);
    expect(rows[0]).toEqual([
      '/api/chat 1 stream',
      '6.00',
      '6.00',
      '0.50',
      '3.00',
      '2.00',
      '1.00',
      '1.00',
      '1.20',
    ]);
    expect(rows).toHaveLength(2);
  });
});
