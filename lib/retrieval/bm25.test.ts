import { describe, expect, it } from 'vitest';
import { Bm25Index, bm25Idf } from './bm25';

const documents = [
  ['sort', 'list', 'key'],
  ['sort', 'dict'],
  ['read', 'file', 'string', 'file'],
  ['list', 'comprehens', 'list', 'list', 'filter', 'map', 'reduc', 'extra', 'word', 'pad'],
  ['dict', 'pad', 'pad', 'pad', 'pad', 'pad', 'pad', 'pad', 'pad'],
];

describe('Bm25Index', () => {
  const index = Bm25Index.build(documents);

  it('ranks documents by BM25, rarer terms counting more', () => {
    const hits = index.search(['sort', 'key'], 10);
    expect(hits.map((hit) => hit.index)).toEqual([0, 1]);
    expect(hits[0].score).toBeGreaterThan(hits[1].score);
  });

  it('rewards term frequency', () => {
    expect(index.search(['list'], 10).map((hit) => hit.index)).toEqual([3, 0]);
  });

  it('prefers the shorter document when term frequencies are equal', () => {
    expect(index.search(['dict'], 10).map((hit) => hit.index)).toEqual([1, 4]);
  });

  it('returns nothing for unknown terms and respects the limit', () => {
    expect(index.search(['zebra'], 10)).toEqual([]);
    expect(index.search(['sort', 'list', 'file'], 2)).toHaveLength(2);
  });

  it('computes IDF and document frequency', () => {
    expect(index.documentFrequency('sort')).toBe(2);
    expect(index.idf('sort')).toBeCloseTo(bm25Idf(2, 5));
    expect(index.idf('zebra')).toBe(0);
  });

  it('can score with weights shared across indexes', () => {
    const shared = index.search(['sort'], 1, () => 2)[0].score;
    const own = index.search(['sort'], 1)[0].score;
    expect(shared / own).toBeCloseTo(2 / index.idf('sort'));
  });

  it('round-trips through its serialised form', () => {
    const data = index.toData();
    expect(data.terms.slice(0, 3)).toEqual(['sort', 'list', 'key']);
    expect(data.documents[data.terms.indexOf('list')]).toEqual([0, 3]);
    expect(data.frequencies[data.terms.indexOf('list')]).toEqual([1, 3]);
    const restored = Bm25Index.fromData(JSON.parse(JSON.stringify(data)));
    expect(restored.toData()).toEqual(data);
    for (const terms of [['file', 'string'], ['pad'], ['list', 'dict', 'sort']]) {
      expect(restored.search(terms, 5)).toEqual(index.search(terms, 5));
    }
  });

  it('handles an empty index and documents without terms', () => {
    expect(Bm25Index.build([]).search(['sort'], 5)).toEqual([]);
    const sparse = Bm25Index.build([[], ['sort'], []]);
    expect(sparse.search(['sort'], 5).map((hit) => hit.index)).toEqual([1]);
    expect(Bm25Index.fromData(sparse.toData()).documentFrequency('sort')).toBe(1);
  });
});
