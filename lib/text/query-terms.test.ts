import { describe, expect, it } from 'vitest';
import { contentTerms, expandedTerms, hasReferenceWord, stem, termsMatch } from './query-terms';

describe('query terms', () => {
  it('keeps topic words and drops question scaffolding', () => {
    expect(contentTerms('How do I cancel a fetch request?')).toEqual(['cancel', 'fetch', 'request']);
    expect(contentTerms('What is it?')).toEqual([]);
  });

  it('stems common inflections to the same term', () => {
    expect(termsMatch(stem('cancelling'), stem('cancel'))).toBe(true);
    expect(termsMatch(stem('cancelled'), stem('cancels'))).toBe(true);
    expect(stem('running')).toBe('run');
    expect(stem('called')).toBe('call');
    expect(stem('classes')).toBe('class');
    expect(stem('class')).toBe('class');
    expect(stem('runs')).toBe('run');
    expect(stem('requests')).toBe('request');
    expect(stem('list')).toBe('list');
  });

  it('splits camelCase identifiers so questions meet code', () => {
    expect(expandedTerms('fs.readFile')).toEqual(expect.arrayContaining(['readfile', 'read', 'file']));
  });

  it('matches equal stems and long prefixes only', () => {
    expect(termsMatch('abort', 'abortcontroller')).toBe(true);
    expect(termsMatch('list', 'listen')).toBe(false);
  });

  it('detects references back to an earlier turn', () => {
    expect(hasReferenceWord('and how do I cancel it?')).toBe(true);
    expect(hasReferenceWord('How do I cancel a fetch?')).toBe(false);
  });
});
