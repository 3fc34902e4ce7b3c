import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../contracts/retrieval';
import { buildContext } from './context-builder';
import { formatPassage } from './passage-format';
import { countTokens } from './token-count';

const chunk = (id: string, text: string, score = 1): RetrievedChunk => ({
  id,
  collection: 'python',
  source: `${id}.md`,
  title: `Title ${id}`,
  heading: `Title ${id} > Section`,
  text,
  score,
});

const words = (count: number, word = 'token') => Array.from({ length: count }, () => word).join(' ');

describe('buildContext', () => {
  it('keeps the best chunks in order, numbered from 1, within the budget', () => {
    const chunks = ['a', 'b', 'c', 'd'].map((id) => chunk(id, `${id} ${words(150, id)}`));
    const context = buildContext(chunks, 400);
    expect(context.passages.map((passage) => passage.chunk.id)).toEqual(['a', 'b']);
    expect(context.passages.map((passage) => passage.index)).toEqual([1, 2]);
    expect(context.tokens).toBeLessThanOrEqual(400);
    expect(context.omitted).toBe(2);
    const formatted = context.passages.map((passage) =>
      formatPassage(passage.index, passage.chunk, passage.text),
    );
    expect(formatted.reduce((total, text) => total + countTokens(text), 0)).toBe(context.tokens);
  });

  it('cuts a chunk to the remaining budget when enough room is left', () => {
    const context = buildContext([chunk('long', words(1000))], 300);
    expect(context.passages).toHaveLength(1);
    expect(context.passages[0].truncated).toBe(true);
    expect(context.passages[0].text.endsWith('…')).toBe(true);
    expect(context.tokens).toBeLessThanOrEqual(300);
  });

  it('counts a cut passage as its whole formatted text, for every budget, first time and repeated', () => {
    const chunks = [chunk('first', words(150, 'first')), chunk('long', `Intro. ${words(900, 'data.')}`)];
    for (const budget of [400, 555, 900, 400, 555]) {
      const context = buildContext(chunks, budget);
      expect(context.passages[1].truncated).toBe(true);
      const formatted = context.passages.map((passage) =>
        countTokens(formatPassage(passage.index, passage.chunk, passage.text)),
      );
      expect(context.passages.map((passage) => passage.tokens)).toEqual(formatted);
      expect(context.tokens).toBeLessThanOrEqual(budget);
    }
  });

  it('lets a smaller later chunk fill the space a big one could not', () => {
    const chunks = [chunk('first', words(200)), chunk('huge', words(2000)), chunk('small', 'short passage')];
    const context = buildContext(chunks, 300);
    expect(context.passages.map((passage) => passage.chunk.id)).toEqual(['first', 'small']);
  });

  it('skips repeated chunks by id and by identical text', () => {
    const chunks = [chunk('a', 'same text'), chunk('a', 'other'), chunk('b', 'same text'), chunk('c', 'new')];
    const context = buildContext(chunks, 3000);
    expect(context.passages.map((passage) => passage.chunk.id)).toEqual(['a', 'c']);
  });

  it('returns nothing for no chunks', () => {
    expect(buildContext([], 3000)).toEqual({ passages: [], tokens: 0, omitted: 0 });
  });
});
