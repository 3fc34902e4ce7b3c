import { answerAtPlannedPace, type BenchContext } from './bench-context';
import { questionTag, uniqueQuestion } from './bench-questions';
import { runPool } from './concurrency-pool';
import type { ChatEndpoint } from './endpoints';
import { type EventLoopLag, startEventLoopLag } from './event-loop-lag';
import { type ProcessUsage, startProcessSampler } from './process-sampler';
import { serverTurnsByTag } from './server-turns';
import { measureStream, type StreamMeasurement } from './stream-client';
import { streamTiming, upstreamByTag } from './stream-timing';
import { type Summary, summarize } from './summarize';

/** TTFT overhead and streaming efficiency of one endpoint at one concurrency. */
export interface TtftResult {
  endpoint: ChatEndpoint['key'];
  label: string;
  concurrency: number;
  requests: number;
  errors: number;
  errorSamples: string[];
  ttftMs: Summary;
  overheadMs: Summary;
  /** Where the overhead goes: client-side split against the upstream, and the server's own timings. */
  breakdown: {
    beforeUpstreamMs: Summary;
    relayMs: Summary;
    routingMs: Summary;
    retrievalMs: Summary;
    modelCallMs: Summary;
    outsideTurnMs: Summary;
  };
  efficiency: Summary;
  serverUsage: ProcessUsage;
  /** This process: the load generator and the fake upstream share it, and the server's 2 cores. */
  benchUsage: ProcessUsage;
  /** Timer lateness in this process: the fake upstream's first tokens run this late too. */
  benchEventLoopLagMs: EventLoopLag;
}

/** How the report names a run, e.g. `/api/chat 10 streams`. */
export function ttftRunLabel(run: Pick<TtftResult, 'label' | 'concurrency'>): string {
  return `${run.label} ${run.concurrency} stream${run.concurrency === 1 ? '' : 's'}`;
}

/** One question the client asked and what it saw. */
export interface AskedQuestion {
  question: string;
  measurement: StreamMeasurement;
}

/** Asks one question (as-is: the caller decides whether it is unique) and measures the answer stream. */
export async function ask(
  context: BenchContext,
  endpoint: ChatEndpoint,
  question: string,
  collection?: string,
): Promise<AskedQuestion> {
  const measurement = await measureStream({
    url: `${context.serverUrl}${endpoint.path}`,
    body: endpoint.body(question, collection),
    protocol: endpoint.protocol,
    agent: context.agent,
    timeoutMs: context.plan.requestTimeoutMs,
  });
  return { question, measurement };
}

/** Sends `count` unique questions to `endpoint`, `concurrency` at a time (see `runPool` on `staggerMs`). */
export function askMany(
  context: BenchContext,
  endpoint: ChatEndpoint,
  count: number,
  concurrency: number,
  staggerMs = 0,
): Promise<AskedQuestion[]> {
  return runPool(
    count,
    concurrency,
    () =>
      ask(context, endpoint, uniqueQuestion(context.questions, context.runId, context.nextQuestion()).text),
    staggerMs,
  );
}

/** The distinct error messages of failed requests, a few of them, for the report. */
export function errorSamples(measurements: readonly StreamMeasurement[]): string[] {
  const messages = measurements.flatMap((measurement) => (measurement.error ? [measurement.error] : []));
  return [...new Set(messages)].slice(0, 3);
}

/**
 * Streams unique (never cached) questions through the server with the upstream at its known
 * first-token delay and token rate, `concurrency` streams overlapping, then pairs each stream
 * with the upstream's and the server's records of it to split the overhead and compare
 * streaming rates.
 */
export async function runTtftScenario(
  context: BenchContext,
  endpoint: ChatEndpoint,
  load: { concurrency: number; requests: number },
): Promise<TtftResult> {
  const { firstTokenDelayMs, tokenDelayMs, answerTokens } = context.plan.upstream;
  answerAtPlannedPace(context);
  context.upstream.requests.splice(0);
  const sampler = startProcessSampler(context.serverPid);
  const benchSampler = startProcessSampler(process.pid, { descendants: false });
  const lag = startEventLoopLag();
  const startedAt = Date.now();
  // Streams overlap at steady state rather than arriving in one synchronized burst per round.
  const streamMs = firstTokenDelayMs + answerTokens * tokenDelayMs;
  const asked = await askMany(context, endpoint, load.requests, load.concurrency, streamMs);
  const serverUsage = sampler.stop();
  const benchUsage = benchSampler.stop();
  const benchEventLoopLagMs = lag.stop();
  // The upstream records a stream's close a moment after the client's last byte.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const upstream = upstreamByTag(context.upstream.requests);
  const serverTurns = serverTurnsByTag(context.dataDirectory, startedAt - 1_000, Date.now() + 1_000);
  const timings = asked.map(({ question, measurement }) => {
    const tag = questionTag(question) ?? '';
    return streamTiming(measurement, upstream.get(tag), firstTokenDelayMs, serverTurns.get(tag));
  });
  const values = (pick: (timing: (typeof timings)[number]) => number | undefined) =>
    timings.map(pick).filter((value): value is number => value !== undefined);
  const measurements = asked.map(({ measurement }) => measurement);
  return {
    endpoint: endpoint.key,
    label: endpoint.label,
    concurrency: load.concurrency,
    requests: measurements.length,
    errors: measurements.filter((measurement) => !measurement.ok).length,
    errorSamples: errorSamples(measurements),
    ttftMs: summarize(
      measurements.flatMap((measurement) =>
        measurement.ok && measurement.firstTokenMs !== undefined ? [measurement.firstTokenMs] : [],
      ),
    ),
    overheadMs: summarize(values((timing) => timing.ttftOverheadMs)),
    breakdown: {
      beforeUpstreamMs: summarize(values((timing) => timing.beforeUpstreamMs)),
      relayMs: summarize(values((timing) => timing.relayMs)),
      routingMs: summarize(values((timing) => timing.routingMs)),
      retrievalMs: summarize(values((timing) => timing.retrievalMs)),
      modelCallMs: summarize(values((timing) => timing.modelCallMs)),
      outsideTurnMs: summarize(values((timing) => timing.outsideTurnMs)),
    },
    efficiency: summarize(values((timing) => timing.efficiency)),
    serverUsage,
    benchUsage,
    benchEventLoopLagMs,
  };
}
