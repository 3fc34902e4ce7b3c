import { describe, expect, it } from 'vitest';
import { citedIndexes, splitCitations } from './citations';

describe('splitCitations', () => {
  it('returns plain text unchanged when nothing is cited', () => {
    expect(splitCitations('no citations here')).toEqual([{ kind: 'text', value: 'no citations here' }]);
  });

  it('splits single and adjacent citations', () => {
    expect(splitCitations('Use fetch [1][2].')).toEqual([
      { kind: 'text', value: 'Use fetch ' },
      { kind: 'citation', index: 1 },
      { kind: 'citation', index: 2 },
      { kind: 'text', value: '.' },
    ]);
  });

  it('expands grouped citations into one segment per source', () => {
    expect(splitCitations('[1, 3]')).toEqual([
      { kind: 'citation', index: 1 },
      { kind: 'citation', index: 3 },
    ]);
  });

  it('leaves bracketed words and empty brackets alone', () => {
    expect(splitCitations('a [note] and []')).toEqual([{ kind: 'text', value: 'a [note] and []' }]);
  });
});

describe('citedIndexes', () => {
  it('lists distinct cited numbers in order', () => {
    expect(citedIndexes('b [3] a [1] again [3] and [1,2]')).toEqual([1, 2, 3]);
  });
});
