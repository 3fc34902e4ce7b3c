import { randomUUID } from 'node:crypto';
import { type OpenAIChatRequest, validateOpenAIRequest } from '../agent/openai-request';
import type { RequestArrival } from '../agent/request-arrival';
import { createTurnAbort } from '../agent/turn-abort';
import type { TurnDependencies, TurnEvent, TurnOutcome } from '../agent/turn-types';
import type { TurnRecord } from '../contracts/turn-record';
import type { SourcePart } from '../contracts/ui-message';
import { openAIErrorBody, openAIErrorResponse } from '../http/error-response';
import { runGuardedTurn } from './run-guarded-turn';

export interface ChatCompletionOptions {
  /** The request's signal: aborts when the client disconnects. */
  signal: AbortSignal;
  /** The app passes `getTurnDependencies()`; tests pass fakes. */
  dependencies: TurnDependencies;
  /**
   * When the request arrived ({@link markRequestArrival} at route entry); defaults to now, on
   * the dependencies' clock.
   */
  arrival?: RequestArrival;
}

interface CompletionIdentity {
  turnId: string;
  id: string;
  created: number;
}

const sseHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

/**
 * Answers `POST /v1/chat/completions` with the same agent as the chat UI, in OpenAI's format:
 * a `chat.completion` object, or with `stream: true` Server-Sent Events of
 * `chat.completion.chunk` objects ending in `data: [DONE]`. The retrieved sources travel in an
 * extra top-level `sources` field (on the first chunk when streaming) whose `index` matches the
 * `[n]` citations. Validation errors are thrown before anything is sent.
 */
export async function answerChatCompletion(
  body: OpenAIChatRequest,
  options: ChatCompletionOptions,
): Promise<Response> {
  const { dependencies } = options;
  const { receivedAt, startedAt } = options.arrival ?? {
    receivedAt: dependencies.now(),
    startedAt: Date.now(),
  };
  const request = await validateOpenAIRequest(body, dependencies);
  const turnId = randomUUID();
  const identity: CompletionIdentity = {
    turnId,
    id: `chatcmpl-${turnId}`,
    created: Math.floor(startedAt / 1000),
  };
  const turnAbort = createTurnAbort(options.signal);
  const turn = runGuardedTurn(
    { ...request, turnId, endpoint: 'openai', receivedAt, startedAt, signal: turnAbort.signal },
    dependencies,
  );
  if (!body.stream) return completeTurn(turn, identity);
  const stream = streamTurn(turn, identity, {
    modelId: dependencies.answerModel.id,
    includeUsage: Boolean(body.stream_options?.include_usage),
    onCancel: (reason) => turnAbort.abort(reason),
  });
  return new Response(stream, { headers: { ...sseHeaders, 'x-turn-id': turnId } });
}

async function completeTurn(turn: AsyncIterable<TurnEvent>, identity: CompletionIdentity): Promise<Response> {
  let text = '';
  let sources: SourcePart[] = [];
  let outcome: TurnOutcome | undefined;
  for await (const event of turn) {
    if (event.type === 'text') text += event.text;
    else if (event.type === 'sources') sources = event.sources.sources;
    else if (event.type === 'end') outcome = event.outcome;
  }
  // Nobody reads the answer to a request its client abandoned; 499 says so in access logs.
  if (outcome?.status === 'cancelled') return new Response(null, { status: 499 });
  if (!outcome || outcome.error) {
    return openAIErrorResponse(outcome?.error ?? new Error('turn ended without an outcome'), {
      turnId: identity.turnId,
    });
  }
  const completion = {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: outcome.record.model,
    system_fingerprint: outcome.record.promptVersion,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: usageOf(outcome.record),
    sources,
  };
  return Response.json(completion, { headers: { 'x-turn-id': identity.turnId } });
}

interface StreamTurnOptions {
  modelId: string;
  includeUsage: boolean;
  /** The client went away (the runtime cancelled the response body): abort the turn. */
  onCancel: (reason: unknown) => void;
}

/**
 * The SSE body. The first chunk (role, empty content, `sources`) waits for retrieval so the
 * sources can ride on it; text chunks follow as the model streams; a failed turn ends with an
 * OpenAI-style `error` event (what OpenAI clients raise as an APIError) instead of `[DONE]`.
 * The body's own `cancel` aborts the turn: no wrapping stream, one stream step per chunk.
 */
function streamTurn(
  turn: AsyncIterable<TurnEvent>,
  identity: CompletionIdentity,
  { modelId, includeUsage, onCancel }: StreamTurnOptions,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    cancel: onCancel,
    async start(controller) {
      const send = (data: unknown) => {
        try {
          controller.enqueue(
            encoder.encode(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`),
          );
        } catch {
          // The client went away; the turn still runs to its end to be recorded.
        }
      };
      let model = modelId;
      let opened = false;
      const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
        id: identity.id,
        object: 'chat.completion.chunk',
        created: identity.created,
        model,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      });
      const open = (sources: SourcePart[]) => {
        if (!opened) send({ ...chunk({ role: 'assistant', content: '' }), sources });
        opened = true;
      };
      for await (const event of turn) {
        if (event.type === 'sources') open(event.sources.sources);
        else if (event.type === 'text') {
          open([]);
          send(chunk({ content: event.text }));
        } else if (event.type === 'end') {
          open([]);
          const { outcome } = event;
          model = outcome.record.model;
          if (outcome.error) {
            send({ error: openAIErrorBody(outcome.error).error });
          } else if (outcome.status === 'ok') {
            send(chunk({}, 'stop'));
            if (includeUsage) send({ ...chunk({}), choices: [], usage: usageOf(outcome.record) });
            send('[DONE]');
          }
        }
      }
      try {
        controller.close();
      } catch {
        // Already cancelled by the client.
      }
    },
  });
}

function usageOf(record: TurnRecord) {
  return {
    prompt_tokens: record.inputTokens,
    completion_tokens: record.outputTokens,
    total_tokens: record.inputTokens + record.outputTokens,
  };
}
