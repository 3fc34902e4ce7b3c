import { answerAtPlannedPace, type BenchContext } from './bench-context';
import { uniqueQuestion } from './bench-questions';
import { uiChatEndpoint } from './endpoints';
import { type Summary, summarize } from './summarize';
import { ask, errorSamples } from './ttft-scenario';

/** TTFT of answers replayed from the response cache. */
export interface CacheResult {
  questions: number;
  /** Repeats the server marked `cached: true`. */
  hits: number;
  errors: number;
  errorSamples: string[];
  /** TTFT of the repeats that were cache hits. */
  hitTtftMs: Summary;
  /** TTFT of the first asking, for comparison. */
  missTtftMs: Summary;
}

/**
 * Asks each of `plan.cacheHits` fresh questions twice on `/api/chat`, one after the other: the
 * first answer fills the cache, the repeat should be replayed from it without the upstream.
 */
export async function runCacheScenario(context: BenchContext): Promise<CacheResult> {
  answerAtPlannedPace(context);
  const misses = [];
  const repeats = [];
  for (let index = 0; index < context.plan.cacheHits; index++) {
    const question = uniqueQuestion(context.questions, context.runId, context.nextQuestion()).text;
    misses.push((await ask(context, uiChatEndpoint, question)).measurement);
    repeats.push((await ask(context, uiChatEndpoint, question)).measurement);
  }
  context.upstream.requests.splice(0);
  const hits = repeats.filter((measurement) => measurement.ok && measurement.cached === true);
  const all = [...misses, ...repeats];
  return {
    questions: context.plan.cacheHits,
    hits: hits.length,
    errors: all.filter((measurement) => !measurement.ok).length,
    errorSamples: errorSamples(all),
    hitTtftMs: summarize(hits.map((measurement) => measurement.firstTokenMs ?? Number.NaN)),
    missTtftMs: summarize(
      misses.flatMap((measurement) => (measurement.ok ? [measurement.firstTokenMs ?? Number.NaN] : [])),
    ),
  };
}
