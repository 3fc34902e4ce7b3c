import { randomUUID } from 'node:crypto';
import {
  answerCommonFault,
  answerInvalidRequest,
  type FakeExchange,
  realNow,
  realSetTimeout,
} from './fake-upstream-exchange';
import { chatRequestSchema, defaultAnswer, messageText, sendJson, tokenize } from './fake-upstream-protocol';

/** How many content tokens the behaviour lets out before it stalls, drops or breaks. */
function tokenLimit(exchange: FakeExchange, available: number): number {
  const { behaviour } = exchange;
  if (behaviour.kind === 'stall-after') return Math.min(behaviour.tokens, available);
  if (behaviour.kind === 'drop') return Math.min(behaviour.afterTokens, available);
  if (behaviour.kind === 'malformed') return Math.min(behaviour.afterTokens ?? 0, available);
  return available;
}

/**
 * POST /v1/chat/completions: a chat.completion, or with `stream: true` SSE exactly as OpenAI
 * sends it (role delta, one content token per chunk, finish_reason chunk, usage chunk when
 * `stream_options.include_usage`, `data: [DONE]`), bent by the scripted behaviour.
 */
export async function answerChatCompletion(exchange: FakeExchange): Promise<void> {
  const { response, behaviour, entry } = exchange;
  const parsed = chatRequestSchema.safeParse(exchange.body);
  if (!parsed.success) return answerInvalidRequest(response, parsed.error.message);
  if (answerCommonFault(exchange)) return;

  const chatRequest = parsed.data;
  const lastUser = [...chatRequest.messages].reverse().find((message) => message.role === 'user');
  const text = (behaviour.kind === 'ok' && behaviour.text) || defaultAnswer(messageText(lastUser?.content));
  const tokens = tokenize(text);
  const promptTokens = chatRequest.messages.reduce(
    (sum, message) => sum + tokenize(messageText(message.content)).length + 4,
    0,
  );
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: tokens.length,
    total_tokens: promptTokens + tokens.length,
  };
  const identity = {
    id: `chatcmpl-${randomUUID()}`,
    created: Math.floor(realNow() / 1000),
    model: chatRequest.model,
    system_fingerprint: 'fp_fake',
  };
  const firstTokenDelay = behaviour.kind === 'ok' ? (behaviour.firstTokenDelayMs ?? 0) : 0;
  const tokenDelay = behaviour.kind === 'ok' ? (behaviour.tokenDelayMs ?? 0) : 0;

  if (!chatRequest.stream || behaviour.kind === 'json-instead-of-stream') {
    // A non-streamed answer cannot be partial: stall-after stalls, drop drops, malformed is garbage.
    if (behaviour.kind === 'drop') response.socket?.destroy();
    if (behaviour.kind === 'malformed') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"id": "broken", "choices": [');
    }
    if (behaviour.kind !== 'ok' && behaviour.kind !== 'json-instead-of-stream') return;
    if (!(await exchange.sleep(firstTokenDelay + tokenDelay * tokens.length))) return;
    entry.tokensSent = tokens.length;
    sendJson(response, 200, {
      ...identity,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text, refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage,
    });
    return;
  }

  const includeUsage = chatRequest.stream_options?.include_usage === true;
  const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
    `data: ${JSON.stringify({
      ...identity,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(includeUsage ? { usage: null } : {}),
    })}\n\n`;

  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-request-id': `req_${entry.id}`,
  });
  response.flushHeaders();
  if (behaviour.kind === 'empty-stream') {
    // A comment line is valid SSE but carries no event: the stream ends with nothing in it.
    response.end(': nothing to send\n\n');
    return;
  }
  if (!(await exchange.sleep(firstTokenDelay))) return;
  response.write(chunk({ role: 'assistant', content: '', refusal: null }, null));

  const limit = tokenLimit(exchange, tokens.length);
  for (let index = 0; index < limit; index++) {
    if (index > 0 && !(await exchange.sleep(tokenDelay))) return;
    if (response.destroyed) return;
    response.write(chunk({ content: tokens[index] }, null));
    entry.tokensSent++;
  }

  if (behaviour.kind === 'stall-after') return;
  if (behaviour.kind === 'drop') {
    // Let the written tokens reach the client before the connection dies, as a real reset would.
    realSetTimeout(() => response.socket?.destroy(), 5);
    return;
  }
  if (behaviour.kind === 'malformed') {
    response.write('data: {"id": "broken", "choices": [{"delta": \n\n');
    response.end('data: [DONE]\n\n');
    return;
  }
  response.write(chunk({}, 'stop'));
  if (includeUsage) {
    response.write(
      `data: ${JSON.stringify({ ...identity, object: 'chat.completion.chunk', choices: [], usage })}\n\n`,
    );
  }
  response.end('data: [DONE]\n\n');
}
