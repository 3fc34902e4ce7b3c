import type { AnswerEvent, AnswerModel, AnswerRequest } from '../contracts/models';
import { interruptedError, UpstreamTimeoutError } from './upstream-errors';

export interface AttemptDeadlines {
  firstTokenTimeoutMs: number;
  idleTimeoutMs: number;
}

/**
 * Streams one attempt of `model` into `emit`, under a first-token deadline and an idle limit
 * between tokens; either expiry aborts the upstream request (closing its socket). Resolves
 * when the answer is complete. A failure before any text is thrown as is (the caller may
 * retry or fall back); after text was emitted it becomes AppError 'interrupted'.
 */
export async function streamAttempt(
  model: AnswerModel,
  request: AnswerRequest,
  emit: (event: AnswerEvent) => void,
  signal: AbortSignal,
  deadlines: AttemptDeadlines,
): Promise<void> {
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(signal.reason);
  if (signal.aborted) forwardAbort();
  else signal.addEventListener('abort', forwardAbort, { once: true });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (phase: 'first-token' | 'idle', limitMs: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new UpstreamTimeoutError(phase, limitMs)), limitMs);
  };
  arm('first-token', deadlines.firstTokenTimeoutMs);

  let sentText = false;
  let complete = false;
  const iterator = model.stream({ ...request, signal: controller.signal })[Symbol.asyncIterator]();
  // Each wait for the next event is raced against the abort, so a client library that ignores
  // it cannot hold the turn past its deadline. One listener serves the whole attempt: adding
  // and removing one per token is measurable CPU at many concurrent streams.
  let abandonWait: ((reason: unknown) => void) | undefined;
  const onAbort = () => abandonWait?.(controller.signal.reason);
  controller.signal.addEventListener('abort', onAbort, { once: true });
  const nextEvent = () =>
    new Promise<IteratorResult<AnswerEvent>>((resolve, reject) => {
      controller.signal.throwIfAborted();
      abandonWait = reject;
      // A rejection after the abort won the race lands on a settled promise: absorbed.
      iterator.next().then(resolve, reject);
    });
  try {
    for (;;) {
      const next = await nextEvent();
      if (next.done) break;
      const event = next.value;
      if (event.type === 'text') {
        if (!event.text) continue;
        sentText = true;
        arm('idle', deadlines.idleTimeoutMs);
      }
      emit(event);
    }
    // The openai client ends an aborted stream quietly; that is a failure, not an answer.
    controller.signal.throwIfAborted();
    complete = true;
  } catch (error) {
    const cause = controller.signal.aborted ? controller.signal.reason : error;
    throw sentText ? interruptedError(cause) : cause;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', forwardAbort);
    controller.signal.removeEventListener('abort', onAbort);
    if (!complete) {
      controller.abort();
      iterator.return?.().catch(() => undefined);
    }
  }
}
