import { describe, expect, it, vi } from 'vitest';
import type { RetrievedChunk } from '../contracts/retrieval';

const encoded = vi.hoisted(() => ({ characters: 0 }));

vi.mock('./token-count', async (importOriginal) => {
  const original = await importOriginal<typeof import('./token-count')>();
  return {
    ...original,
    countTokens: (text: string, model?: string) => {
      encoded.characters += text.length;
      return original.countTokens(text, model);
    },
  };
});

const { buildContext } = await import('./context-builder');

const chunk = (id: string): RetrievedChunk => ({
  id,
  collection: 'python',
  source: `${id}.md`,
  title: `Title ${id}`,
  heading: 'Section',
  text: `${id} ${Array.from({ length: 120 }, (_, position) => `word${position}`).join(' ')}`,
  score: 1,
});

describe('buildContext token counting', () => {
  it('encodes each passage text and source once; later turns encode nothing', () => {
    const chunks = ['a', 'b', 'c'].map(chunk);
    const textCharacters = chunks.reduce((total, { text }) => total + text.length, 0);
    const first = buildContext(chunks, 3000);
    const firstCharacters = encoded.characters;
    expect(firstCharacters).toBeGreaterThan(textCharacters);

    encoded.characters = 0;
    const second = buildContext(chunks, 3000);
    expect(second).toEqual(first);
    expect(encoded.characters).toBe(0);
  });
});
