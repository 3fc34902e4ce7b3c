import type { BenchContext } from './bench-context';
import { upstreamAnswer } from './bench-plan';
import { uniqueQuestion } from './bench-questions';
import { runForDuration } from './concurrency-pool';
import type { ChatEndpoint } from './endpoints';
import { type ProcessUsage, startProcessSampler } from './process-sampler';
import { type Summary, summarize } from './summarize';
import { ask, errorSamples } from './ttft-scenario';

/** Turns per second the server completes when the upstream costs nothing. */
export interface ThroughputResult {
  endpoint: ChatEndpoint['key'];
  label: string;
  concurrency: number;
  turns: number;
  errors: number;
  errorSamples: string[];
  elapsedMs: number;
  turnsPerSecond: number;
  latencyMs: Summary;
  serverUsage: ProcessUsage;
  /** This process: the load generator and the fake upstream share it, and the server's 2 cores. */
  benchUsage: ProcessUsage;
}

/**
 * Saturates `endpoint` with unique questions, `concurrency` in flight, while the upstream
 * answers instantly: what is left is the pipeline's own cost per turn. Samples the server's
 * RSS and CPU throughout.
 */
export async function runThroughputScenario(
  context: BenchContext,
  endpoint: ChatEndpoint,
): Promise<ThroughputResult> {
  const { concurrency, durationMs, maxTurns } = context.plan.throughput;
  context.upstream.setDefault({
    kind: 'ok',
    text: upstreamAnswer(context.plan.upstream.answerTokens),
    firstTokenDelayMs: 0,
    tokenDelayMs: 0,
  });
  const sampler = startProcessSampler(context.serverPid, { intervalMs: 250 });
  const benchSampler = startProcessSampler(process.pid, { intervalMs: 250, descendants: false });
  const { results, elapsedMs } = await runForDuration(durationMs, concurrency, maxTurns, () =>
    ask(context, endpoint, uniqueQuestion(context.questions, context.runId, context.nextQuestion()).text),
  );
  const serverUsage = sampler.stop();
  const benchUsage = benchSampler.stop();
  context.upstream.requests.splice(0);
  const measurements = results.map(({ measurement }) => measurement);
  const completed = measurements.filter((measurement) => measurement.ok);
  return {
    endpoint: endpoint.key,
    label: endpoint.label,
    concurrency,
    turns: completed.length,
    errors: measurements.length - completed.length,
    errorSamples: errorSamples(measurements),
    elapsedMs,
    turnsPerSecond: elapsedMs > 0 ? (completed.length * 1000) / elapsedMs : 0,
    latencyMs: summarize(completed.map((measurement) => measurement.totalMs)),
    serverUsage,
    benchUsage,
  };
}
