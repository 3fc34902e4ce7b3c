import { randomUUID } from 'node:crypto';
import { createUIMessageStream, createUIMessageStreamResponse, type UIMessageStreamWriter } from 'ai';
import { type ChatRequestBody, validateChatRequest } from '../agent/chat-request';
import type { RequestArrival } from '../agent/request-arrival';
import { createTurnAbort, withCancellation } from '../agent/turn-abort';
import type { TurnDependencies, TurnEvent } from '../agent/turn-types';
import type { ChatMessage } from '../contracts/ui-message';
import { errorBody, toAppError } from '../errors';
import { runGuardedTurn } from './run-guarded-turn';

export interface StreamChatTurnOptions {
  /** The request's signal: aborts when the client disconnects or presses Stop. */
  signal: AbortSignal;
  /** The app passes `getTurnDependencies()`; tests pass fakes. */
  dependencies: TurnDependencies;
  /**
   * When the request arrived ({@link markRequestArrival} at route entry); defaults to now, on
   * the dependencies' clock.
   */
  arrival?: RequestArrival;
}

/**
 * Answers `POST /api/chat`: validates the turn (throwing AppError before any byte is sent, so
 * bad input is a JSON 400), then streams the agent's turn as an AI SDK UI message stream:
 * `data-status` (updated in place), `data-route`, `data-sources`, the answer as text parts,
 * `data-notice` for retries/fallbacks/failures, and `data-metrics` last. A failed turn also
 * ends with an `error` chunk whose text is the `{ error: { code, message } }` JSON body.
 */
export async function streamChatTurn(
  body: ChatRequestBody,
  options: StreamChatTurnOptions,
): Promise<Response> {
  const { dependencies } = options;
  const { receivedAt, startedAt } = options.arrival ?? {
    receivedAt: dependencies.now(),
    startedAt: Date.now(),
  };
  const request = await validateChatRequest(body, dependencies);
  const turnId = randomUUID();
  const turnAbort = createTurnAbort(options.signal);
  const turn = runGuardedTurn(
    { ...request, turnId, endpoint: 'chat', receivedAt, startedAt, signal: turnAbort.signal },
    dependencies,
  );

  const stream = createUIMessageStream<ChatMessage>({
    execute: async ({ writer }) => {
      writer.write({ type: 'start', messageMetadata: { turnId, createdAt: startedAt } });
      const text = textWriter(writer, turnId);
      for await (const event of turn) {
        if (event.type === 'text') text.delta(event.text);
        else writeEvent(writer, event, text.end);
      }
      writer.write({ type: 'finish' });
    },
    onError: (error) => JSON.stringify(errorBody(toAppError(error))),
  });
  return createUIMessageStreamResponse({
    stream: withCancellation(stream, (reason) => turnAbort.abort(reason)),
    headers: { 'x-turn-id': turnId },
  });
}

type Writer = UIMessageStreamWriter<ChatMessage>;

/** Opens the answer's text part on the first delta and closes it once. */
function textWriter(writer: Writer, id: string) {
  let state: 'closed' | 'open' | 'ended' = 'closed';
  return {
    delta(delta: string) {
      if (state === 'closed') writer.write({ type: 'text-start', id });
      state = 'open';
      writer.write({ type: 'text-delta', id, delta });
    },
    end() {
      if (state === 'open') writer.write({ type: 'text-end', id });
      state = 'ended';
    },
  };
}

function writeEvent(writer: Writer, event: Exclude<TurnEvent, { type: 'text' }>, endText: () => void): void {
  switch (event.type) {
    case 'status':
      // One part, updated in place as the state machine moves.
      writer.write({ type: 'data-status', id: 'status', data: event.status });
      break;
    case 'route':
      writer.write({ type: 'data-route', id: 'route', data: event.route });
      break;
    case 'sources':
      writer.write({ type: 'data-sources', id: 'sources', data: event.sources });
      break;
    case 'notice':
      writer.write({ type: 'data-notice', data: event.notice });
      break;
    case 'metrics':
      endText();
      writer.write({ type: 'data-metrics', id: 'metrics', data: event.metrics });
      break;
    case 'end':
      endText();
      if (event.outcome.error && event.outcome.status !== 'cancelled') {
        writer.write({ type: 'error', errorText: JSON.stringify(errorBody(event.outcome.error)) });
      }
      break;
  }
}
