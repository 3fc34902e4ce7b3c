import type { AnswerEvent, AnswerModel, AnswerRequest } from '../contracts/models';
import { logger } from '../logger';
import { AsyncEventQueue } from './async-event-queue';
import { guardUpstreamCall } from './guard-upstream-call';
import { type ResilienceSettings, resilienceSettings } from './resilience-settings';
import { createRetryPolicy, executeWithRetries } from './retry-policy';
import { streamAttempt } from './stream-attempt';
import { isTurnDeadline } from './turn-deadline';
import { describeFailure, interruptedError, isInterrupted, toUpstreamAppError } from './upstream-errors';

/** One model in the fallback chain. */
export interface AnswerCandidate {
  model: AnswerModel;
  /**
   * Breaker name for a remote model, e.g. `chat:gpt-4o-mini`. In-process models leave it out:
   * they skip retries, the breaker, the upstream limiter and the bulkhead.
   */
  upstream?: string;
}

export interface ResilientModelOptions {
  settings?: Partial<ResilienceSettings>;
  /** Jitter source, for tests. */
  random?: () => number;
}

/** Falling back is for a failed model, not for a turn that is over or already answering. */
function canFallBack(error: unknown, turnSignal: AbortSignal, sentText: boolean): boolean {
  // Another model's answer after partial text would duplicate or contradict it.
  if (turnSignal.aborted || sentText) return false;
  const { kind } = describeFailure(error);
  // 'overloaded' is load shedding: answering locally instead would add load, not remove it.
  return kind !== 'interrupted' && kind !== 'overloaded' && kind !== 'aborted';
}

/** Consecutive buffered text goes on as one delta: fewer steps and writes downstream. */
function mergeTextEvents(earlier: AnswerEvent, later: AnswerEvent): AnswerEvent | undefined {
  if (earlier.type !== 'text' || later.type !== 'text') return undefined;
  return { type: 'text', text: earlier.text + later.text };
}

async function runCandidate(
  candidate: AnswerCandidate,
  request: AnswerRequest,
  emit: (event: AnswerEvent) => void,
  settings: ResilienceSettings,
  random: (() => number) | undefined,
): Promise<void> {
  const { upstream } = candidate;
  if (!upstream) return streamAttempt(candidate.model, request, emit, request.signal, settings);
  await executeWithRetries(
    createRetryPolicy(settings, random),
    (signal) =>
      guardUpstreamCall(
        upstream,
        (callSignal) => streamAttempt(candidate.model, request, emit, callSignal, settings),
        signal,
      ),
    request.signal,
    (notice) => {
      logger.warn('answer_retry', { model: candidate.model.id, ...notice });
      emit({ type: 'retry', ...notice });
    },
  );
}

async function* streamResiliently(
  candidates: AnswerCandidate[],
  request: AnswerRequest,
  settings: ResilienceSettings,
  random: (() => number) | undefined,
): AsyncGenerator<AnswerEvent> {
  const turn = new AbortController();
  const forwardAbort = () => turn.abort(request.signal.reason);
  if (request.signal.aborted) forwardAbort();
  else request.signal.addEventListener('abort', forwardAbort, { once: true });
  const events = new AsyncEventQueue<AnswerEvent>(mergeTextEvents);
  const turnRequest = { ...request, signal: turn.signal };
  let sentText = false;
  const emit = (event: AnswerEvent) => {
    if (event.type !== 'text') return events.push(event);
    // The first token goes out at once; later ones that arrive together go on as one delta.
    if (sentText) return events.pushSoon(event);
    sentText = true;
    events.push(event);
  };
  // A deadline or abort can overtake the attempt's own error on its way out: the client's
  // abort is passed on as is; the turn deadline (which arrives on the same signal) is the
  // cause of whatever was thrown; once text went out the answer is partial.
  const finalError = (error: unknown) => {
    const { signal } = request;
    if (signal.aborted && !isTurnDeadline(signal.reason)) return signal.reason;
    const cause = signal.aborted ? signal.reason : error;
    if (sentText && !isInterrupted(cause)) return interruptedError(cause);
    return toUpstreamAppError(cause);
  };

  const run = async () => {
    let lastError: unknown;
    for (const [index, candidate] of candidates.entries()) {
      if (index > 0) {
        const from = candidates[index - 1].model.id;
        const reason = describeFailure(lastError).reason;
        logger.warn('answer_fallback', { from, to: candidate.model.id, reason });
        events.push({ type: 'fallback', from, to: candidate.model.id, reason });
      }
      try {
        await runCandidate(candidate, turnRequest, emit, settings, random);
        return;
      } catch (error) {
        lastError = error;
        if (!canFallBack(error, turn.signal, sentText)) throw error;
      }
    }
    throw lastError;
  };
  run().then(
    () => events.end(),
    (error: unknown) => events.fail(finalError(error)),
  );

  try {
    yield* events;
  } finally {
    request.signal.removeEventListener('abort', forwardAbort);
    // Also reached when the consumer stops early: stop whatever is still running upstream.
    turn.abort(new DOMException('The answer stream was closed.', 'AbortError'));
  }
}

/**
 * Wraps a chain of answer models (primary, FALLBACK_MODEL, embedded local generator) with
 * every resilience policy: first-token / idle deadlines, retries with full-jitter backoff
 * (never after the first token), a circuit breaker per remote upstream, the global upstream
 * limiter and bulkhead, and fallback to the next model, reported as 'retry' and 'fallback'
 * events. The whole turn's deadline (TURN_TIMEOUT_MS, counted from the request's arrival) is
 * not started here: it arrives on the request's signal (see startTurnDeadline), and ends the
 * stream as a timeout rather than as the client's abort.
 * Failures end the stream with an AppError ('interrupted' when text was already sent).
 */
export function createResilientAnswerModel(
  candidates: AnswerCandidate[],
  options: ResilientModelOptions = {},
): AnswerModel {
  const [primary] = candidates;
  if (!primary) throw new Error('createResilientAnswerModel needs at least one model');
  return {
    id: primary.model.id,
    provider: primary.model.provider,
    stream: (request) =>
      streamResiliently(candidates, request, resilienceSettings(options.settings), options.random),
  };
}
