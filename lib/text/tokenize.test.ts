import { describe, expect, it } from 'vitest';
import { porterStem } from './porter-stemmer';
import { tokenize } from './tokenize';

describe('porterStem', () => {
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['sorting', 'sort'],
    ['sorted', 'sort'],
    ['hopping', 'hop'],
    ['relational', 'relat'],
    ['generalizations', 'gener'],
    ['iteration', 'iter'],
    ['truncated', 'truncat'],
  ])('%s -> %s', (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });

  it('leaves short words, digits and non-ASCII alone', () => {
    expect(porterStem('is')).toBe('is');
    expect(porterStem('utf8')).toBe('utf8');
    expect(porterStem('café')).toBe('café');
  });
});

describe('tokenize', () => {
  it('lowercases, stems and drops stopwords and question phrasing', () => {
    expect(tokenize('How do I sort the lists?')).toEqual(['sort', 'list']);
  });

  it('splits identifiers but keeps the whole identifier too', () => {
    expect(tokenize('crypto.randomUUID() read_text')).toEqual([
      'crypto',
      'randomuuid',
      'random',
      'uuid',
      'read_text',
      'read',
      'text',
    ]);
  });
});
