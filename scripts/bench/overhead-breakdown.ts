import type { BenchResults } from './bench-results';
import { formatValue } from './table-printer';
import { ttftRunLabel } from './ttft-scenario';

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
    ttftRunLabel(run),
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
