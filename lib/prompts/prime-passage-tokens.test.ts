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
const { primePassageTokens } = await import('./prime-passage-tokens');

const chunk = (id: string): RetrievedChunk => ({
  id,
  collection: 'python',
  source: `${id}.md`,
  title: `Title ${id}`,
  heading: 'Section',
  text: `${id} ${Array.from({ length: 120 }, (_, position) => `word${position}`).join(' ')}`,
  score: 1,
});

describe('primePassageTokens', () => {
  it('primes passage texts ahead of their first turn, each once', async () => {
    // Index tags are counted once per process on first use, not primed: count 1 to 3 here.
    buildContext(['a', 'b', 'c'].map(chunk), 3000);
    const chunks = ['d', 'e', 'f'].map(chunk);
    expect(await primePassageTokens([...chunks, chunks[0], { ...chunks[1], text: '' }])).toBe(3);
    expect(await primePassageTokens(chunks)).toBe(0);
    encoded.characters = 0;
    buildContext(chunks, 3000);
    expect(encoded.characters).toBe(0);
  });

  it('stops priming when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await primePassageTokens([chunk('g')], controller.signal)).toBe(0);
  });
});
