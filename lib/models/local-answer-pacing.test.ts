import { describe, expect, it } from 'vitest';
import { paceAnswer } from './local-answer-pacing';

async function collect(events: AsyncIterable<{ type: string; text?: string }>): Promise<string[]> {
  const texts: string[] = [];
  for await (const event of events) texts.push(event.text ?? '');
  return texts;
}

describe('paceAnswer', () => {
  it('streams words with their spacing, so the pieces join back to the answer', async () => {
    const text = 'Use `fs.readFile` [1]:\n\n```js\nread()\n```';
    const pieces = await collect(
      paceAnswer(text, { maxTokenDelayMs: 0, targetStreamMs: 0 }, new AbortController().signal),
    );
    expect(pieces.join('')).toBe(text);
    expect(pieces[0]).toBe('Use ');
  });

  it('spreads the target time over the tokens, capped per token', async () => {
    const started = performance.now();
    await collect(
      paceAnswer(
        'one two three four five',
        { maxTokenDelayMs: 5, targetStreamMs: 1_000 },
        new AbortController().signal,
      ),
    );
    // Four pauses capped at 5 ms, not 1 s spread over five tokens.
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    const events = paceAnswer('a b c', { maxTokenDelayMs: 50, targetStreamMs: 1_000 }, controller.signal);
    const iterator = events[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort(new Error('gone'));
    await expect(iterator.next()).rejects.toThrow();
  });
});
