import type { InferUIMessageChunk, UIMessageStreamWriter } from 'ai';
import type { ChatMessage } from '../agent/ui-message';
import type { CachedAnswer } from './types';

export type ChatChunk = InferUIMessageChunk<ChatMessage>;

/** Characters per text delta: small enough to render progressively, large enough to be cheap. */
const defaultDeltaChars = 64;

/** Splits text into pieces of about `size` characters, cutting after whitespace where possible. */
export function splitIntoDeltas(text: string, size = defaultDeltaChars): string[] {
  const deltas: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > start) end = space + 1;
    }
    deltas.push(text.slice(start, end));
    start = end;
  }
  return deltas;
}

/**
 * The UI message stream parts that replay a cached answer: its route, its sources, then its
 * text in a few deltas, with no waiting. The caller adds status and metrics parts.
 */
export function cachedAnswerChunks(answer: CachedAnswer, options: { textId: string }): ChatChunk[] {
  return [
    { type: 'data-route', data: answer.route },
    { type: 'data-sources', data: { sources: answer.sources, lowConfidence: answer.lowConfidence } },
    { type: 'text-start', id: options.textId },
    ...splitIntoDeltas(answer.text).map(
      (delta): ChatChunk => ({ type: 'text-delta', id: options.textId, delta }),
    ),
    { type: 'text-end', id: options.textId },
  ];
}

/** Writes a cached answer to a UI message stream (see {@link cachedAnswerChunks}). */
export function replayCachedAnswer(
  writer: UIMessageStreamWriter<ChatMessage>,
  answer: CachedAnswer,
  options: { textId: string },
): void {
  for (const chunk of cachedAnswerChunks(answer, options)) writer.write(chunk);
}
