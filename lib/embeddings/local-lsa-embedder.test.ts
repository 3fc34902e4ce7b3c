import { describe, expect, it } from 'vitest';
import { createLocalEmbedderProvider, localEmbedderId } from './local-lsa-embedder';

const corpus = [
  'Copy a list with copy.deepcopy to duplicate nested lists and their inner lists.',
  'A deep copy recursively copies nested objects; a shallow copy shares inner objects.',
  'Shallow copies of lists share their inner lists with the original.',
  'Sort a list of dictionaries by key with sorted and a key function.',
  'The sorted function accepts a key function and a reverse flag.',
  'Sorting is stable: equal keys keep their original order.',
  'Open a file and read its whole contents into a string.',
  'Files opened in text mode decode bytes into a string.',
  'Read a file line by line with a for loop over the file object.',
];

const dot = (left: number[], right: number[]) =>
  left.reduce((sum, value, index) => sum + value * right[index], 0);

describe('local LSA embedder', () => {
  it('trains on a collection and embeds related texts closer than unrelated ones', async () => {
    const provider = createLocalEmbedderProvider();
    const trained = await provider.train(corpus);
    expect(trained.embedder.id).toBe(localEmbedderId);
    expect(trained.vectors).toHaveLength(corpus.length);
    const query = await trained.embedder.embedQuery(
      'How do I duplicate nested lists without sharing inner lists?',
    );
    expect(query).toHaveLength(trained.embedder.dimensions);
    expect(Math.sqrt(dot(query, query))).toBeCloseTo(1);
    const [copy, , , sort] = trained.vectors ?? [];
    expect(dot(query, copy)).toBeGreaterThan(dot(query, sort));
  });

  it('restores the same embedder from its saved state', async () => {
    const provider = createLocalEmbedderProvider();
    const trained = await provider.train(corpus);
    const restored = provider.load(trained.state);
    const text = 'sorted with a key function';
    const original = await trained.embedder.embedQuery(text);
    const again = await restored.embedQuery(text);
    expect(again).toEqual(original.map((value) => expect.closeTo(value, 6)));
    const [document] = await restored.embedDocuments([corpus[0]]);
    expect(document).toEqual(trained.vectors?.[0].map((value) => expect.closeTo(value, 6)));
  });

  it('gives a zero vector for text with no known words and refuses missing or corrupt state', async () => {
    const provider = createLocalEmbedderProvider();
    const trained = await provider.train(corpus);
    expect((await trained.embedder.embedQuery('zzz qqq')).every((value) => value === 0)).toBe(true);
    expect(() => provider.load(undefined)).toThrow(/missing/);
    expect(() => provider.load(new Uint8Array([1, 2, 3]))).toThrow(/corrupt/);
  });

  it('stops when aborted', async () => {
    const provider = createLocalEmbedderProvider();
    const trained = await provider.train(corpus);
    await expect(trained.embedder.embedQuery('sort', AbortSignal.abort())).rejects.toThrow();
  });
});
