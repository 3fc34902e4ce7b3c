import { describe, expect, it } from 'vitest';
import { isContentWord, tokenize, words } from './tokenize';

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

  it('keeps identifiers whole when asked, for names such as JavaScript', () => {
    expect(tokenize('JavaScript sorting', { splitIdentifiers: false })).toEqual(['javascript', 'sort']);
  });

  it('drops stopwords, single letters and overlong strings', () => {
    expect(isContentWord('the')).toBe(false);
    expect(isContentWord('x')).toBe(false);
    expect(isContentWord('a'.repeat(41))).toBe(false);
    expect(isContentWord('file')).toBe(true);
    expect(words('fs.readFile(__name__)')).toEqual(['fs', 'readfile', '__name__']);
  });
});
