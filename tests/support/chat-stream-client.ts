import { randomUUID } from 'node:crypto';
import type { TurnMetricsPart } from '@/lib/contracts/ui-message';
import { createSseParser } from '@/scripts/bench/sse-parser';

/** What a client saw of one `POST /api/chat` turn; times are ms after the request was sent. */
export interface ClientTurn {
  status: number;
  text: string;
  /** From the turn's `data-metrics` part (the server's own numbers and the turn id). */
  metrics?: TurnMetricsPart;
  errorText?: string;
  firstTextMs?: number;
  lastTextMs?: number;
  /** Output tokens (from the metrics part) over the client-observed streaming time. */
  tokensPerSecond?: number;
}

/**
 * Asks one question on `/api/chat` like the chat UI does, reading the UI message stream and
 * timing the first and last text delta with `performance.now()`: the client's own TTFT and
 * tokens/sec, to compare with what the dashboard recorded.
 */
export async function streamChat(
  baseUrl: string,
  question: string,
  collection?: string,
): Promise<ClientTurn> {
  const body = JSON.stringify({
    id: randomUUID(),
    messages: [{ id: randomUUID(), role: 'user', parts: [{ type: 'text', text: question }] }],
    ...(collection ? { collection } : {}),
  });
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(60_000),
  });
  const turn: ClientTurn = { status: response.status, text: '' };
  if (!response.ok || !response.body) {
    turn.errorText = await response.text();
    return turn;
  }
  const parser = createSseParser();
  const decoder = new TextDecoder();
  const handle = (events: string[], at: number) => {
    for (const data of events) {
      if (data === '[DONE]') continue;
      const chunk = JSON.parse(data) as { type: string; delta?: string; data?: unknown; errorText?: string };
      if (chunk.type === 'text-delta' && chunk.delta) {
        turn.firstTextMs ??= at;
        turn.lastTextMs = at;
        turn.text += chunk.delta;
      } else if (chunk.type === 'data-metrics') turn.metrics = chunk.data as TurnMetricsPart;
      else if (chunk.type === 'error') turn.errorText = chunk.errorText;
    }
  };
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    handle(parser.push(decoder.decode(read.value, { stream: true })), performance.now() - started);
  }
  const streamingMs = (turn.lastTextMs ?? 0) - (turn.firstTextMs ?? 0);
  if (turn.metrics && streamingMs > 0)
    turn.tokensPerSecond = (turn.metrics.outputTokens / streamingMs) * 1000;
  return turn;
}
