import type { RouteDecision } from '../contracts/retrieval';
import type { TurnRecord, TurnStatus } from '../contracts/turn-record';
import type { TurnMetricsPart } from '../contracts/ui-message';
import type { AppError } from '../errors';
import { costUsd } from '../pricing/turn-cost';
import {
  type AnswerPromptInput,
  answerPromptVersion,
  countAnswerPromptTokens,
} from '../prompts/answer-prompt';
import type { ContextPassage } from '../prompts/context-builder';
import { countTokens } from '../prompts/token-count';
import { maskPii } from '../safety/redact-pii';
import type { GenerationProgress } from './generate-answer';
import type { TurnStateMachine } from './turn-state-machine';
import type { TurnInput } from './turn-types';

/** Everything known about a turn when it ends, successful or not. */
export interface TurnSummary {
  input: TurnInput;
  status: TurnStatus;
  error?: AppError;
  machine: TurnStateMachine;
  route?: RouteDecision;
  passages: ContextPassage[];
  /** What the prompt was built from (none: no prompt was built). */
  prompt?: AnswerPromptInput;
  progress: GenerationProgress;
  /** Monotonic time the first text reached the client stream. */
  firstTextAt?: number;
  endedAt: number;
  storeQuestions: boolean;
}

/**
 * The turn record for metrics. Token counts come from the provider when it reports usage,
 * else from the tokenizer in the answering model's encoding; tokens/second is measured over the streaming time after the first
 * token, so it reflects generation speed rather than waiting.
 */
export function buildTurnRecord(summary: TurnSummary): TurnRecord {
  const { input, progress, machine } = summary;
  const outputTokens = progress.usage?.outputTokens || countTokens(progress.text, progress.model);
  const inputTokens =
    progress.usage?.inputTokens ||
    (summary.prompt ? countAnswerPromptTokens(summary.prompt, progress.model) : 0);
  const streamingMs =
    progress.firstTokenAt !== undefined && progress.lastTokenAt !== undefined
      ? progress.lastTokenAt - progress.firstTokenAt
      : 0;
  return {
    id: input.turnId,
    startedAt: input.startedAt,
    endpoint: input.endpoint,
    collections: summary.route?.collections ?? (input.collection ? [input.collection] : []),
    routeReason: summary.route?.reason ?? '',
    pinned: Boolean(input.collection),
    model: progress.model,
    provider: progress.provider,
    promptVersion: answerPromptVersion,
    status: summary.status,
    errorCode: summary.error?.code,
    errorMessage: summary.error?.publicMessage,
    retries: progress.retries,
    fallbackUsed: progress.fallbackUsed,
    cacheHit: false,
    routingMs: round(machine.durationOf('routing')),
    retrievalMs: round(machine.durationOf('retrieving')),
    // Never measured stays undefined (stored as NULL): a 0 would drag every percentile down.
    modelFirstTokenMs:
      progress.firstTokenAt !== undefined && progress.startedAt !== undefined
        ? round(progress.firstTokenAt - progress.startedAt)
        : undefined,
    ttftMs: summary.firstTextAt !== undefined ? round(summary.firstTextAt - input.receivedAt) : undefined,
    latencyMs: round(summary.endedAt - input.receivedAt),
    inputTokens,
    outputTokens,
    tokensPerSecond: streamingMs > 0 ? round((outputTokens / streamingMs) * 1000) : undefined,
    // Priced from the token counts, so stopped and interrupted turns cost what they used.
    costUsd: costUsd(progress.model, { inputTokens, outputTokens }),
    question: summary.storeQuestions ? maskPii(input.question).text : undefined,
    sources: summary.passages.map(({ chunk }) => ({
      collection: chunk.collection,
      source: chunk.source,
      title: chunk.title,
      heading: chunk.heading,
      score: chunk.score,
    })),
  };
}

/** The per-answer stats streamed to the UI, taken from the record so both always agree. */
export function toMetricsPart(record: TurnRecord): TurnMetricsPart {
  return {
    turnId: record.id,
    model: record.model,
    provider: record.provider,
    cached: record.cacheHit,
    fallbackUsed: record.fallbackUsed,
    retries: record.retries,
    status: record.status,
    // The UI shows 0 as "–".
    ttftMs: record.ttftMs ?? 0,
    latencyMs: record.latencyMs,
    outputTokens: record.outputTokens,
    tokensPerSecond: record.tokensPerSecond ?? 0,
    promptVersion: record.promptVersion,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
