import { createUIMessageStream, readUIMessageStream } from 'ai';
import { describe, expect, it } from 'vitest';
import { cachedAnswerFixture } from '@/tests/support/cached-answer-fixture';
import type { ChatMessage } from '../agent/ui-message';
import { cachedAnswerChunks, replayCachedAnswer, splitIntoDeltas } from './replay-cached-answer';

describe('splitIntoDeltas', () => {
  it('reassembles to the exact text, cutting after spaces', () => {
    const text = `${'word '.repeat(60)}tail\n\n\`\`\`py\nprint("x")\n\`\`\``;
    const deltas = splitIntoDeltas(text, 20);
    expect(deltas.join('')).toBe(text);
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.slice(0, -2).every((delta) => delta.endsWith(' '))).toBe(true);
  });

  it('handles empty text and text without spaces', () => {
    expect(splitIntoDeltas('')).toEqual([]);
    expect(splitIntoDeltas('x'.repeat(50), 20)).toEqual(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(10)]);
  });
});

describe('replayCachedAnswer', () => {
  it('produces a UI message with the identical text, route and sources', async () => {
    const answer = cachedAnswerFixture({ text: `${'Cached answer text. '.repeat(20)}[1]` });
    const stream = createUIMessageStream<ChatMessage>({
      execute: ({ writer }) => replayCachedAnswer(writer, answer, { textId: 'text-1' }),
    });
    let message: ChatMessage | undefined;
    for await (const update of readUIMessageStream<ChatMessage>({ stream })) message = update;
    const parts = message?.parts ?? [];
    const text = parts.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
    expect(text).toBe(answer.text);
    expect(parts.find((part) => part.type === 'data-route')).toMatchObject({ data: answer.route });
    expect(parts.find((part) => part.type === 'data-sources')).toMatchObject({
      data: { sources: answer.sources, lowConfidence: false },
    });
  });

  it('sends route and sources before the text', () => {
    const types = cachedAnswerChunks(cachedAnswerFixture(), { textId: 't' }).map((chunk) => chunk.type);
    expect(types.slice(0, 3)).toEqual(['data-route', 'data-sources', 'text-start']);
    expect(types.at(-1)).toBe('text-end');
  });
});
