import { describe, expect, it } from 'vitest';
import {
  containsTerm,
  contentTerms,
  contentWords,
  expandedTerms,
  hasReferenceWord,
  termsMatch,
} from './query-terms';
import { tokenize } from './tokenize';

describe('query terms', () => {
  it('keeps topic words and drops question scaffolding', () => {
    expect(contentTerms('How do I cancel a fetch request?')).toEqual(['cancel', 'fetch', 'request']);
    expect(contentTerms('What is it?')).toEqual([]);
    expect(contentWords('Show me how sorting works')).toEqual(['sorting']);
  });

  it('stems inflections to the same term', () => {
    expect(contentTerms('cancelling cancelled cancels cancel')).toEqual(['cancel']);
    expect(contentTerms('running runs')).toEqual(['run']);
    expect(contentTerms('classes class')).toEqual(['class']);
    expect(contentTerms('requests list called')).toEqual(['request', 'list', 'call']);
  });

  it('stems like retrieval, without request phrasing or references back', () => {
    const question = 'How do I sort the lists of dictionaries?';
    expect(contentTerms(question)).toEqual([...new Set(tokenize(question))]);
    expect(contentTerms('Show me the best example of the previous one')).toEqual([]);
    expect(tokenize('get an example')).toEqual(['get', 'exampl']);
  });

  it('splits camelCase identifiers so questions meet code', () => {
    expect(expandedTerms('fs.readFile')).toEqual(expect.arrayContaining(['readfile', 'read', 'file']));
  });

  it('matches equal stems and long prefixes only', () => {
    expect(termsMatch('abort', 'abortcontroller')).toBe(true);
    expect(termsMatch('list', 'listen')).toBe(false);
    expect(containsTerm(['fetch', 'abortcontroller'], 'abort')).toBe(true);
    expect(containsTerm(['listen'], 'list')).toBe(false);
  });

  it('detects references back to an earlier turn', () => {
    expect(hasReferenceWord('and how do I cancel it?')).toBe(true);
    expect(hasReferenceWord('How do I cancel a fetch?')).toBe(false);
  });
});
