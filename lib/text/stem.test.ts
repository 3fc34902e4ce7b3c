import { describe, expect, it } from 'vitest';
import { stem } from './stem';

describe('stem', () => {
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
    ['cancelling', 'cancel'],
    ['classes', 'class'],
  ])('%s -> %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('leaves short words, identifiers, digits and non-ASCII alone', () => {
    expect(stem('is')).toBe('is');
    expect(stem('utf8')).toBe('utf8');
    expect(stem('café')).toBe('café');
    expect(stem('check_keywords')).toBe('check_keywords');
  });
});
