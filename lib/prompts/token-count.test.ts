import { describe, expect, it } from 'vitest';
import { countMessageTokens, countTokens, truncateToTokens } from './token-count';

describe('token counting', () => {
  it('counts tokens offline with the bundled rank file', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens('How do I cancel a fetch request?')).toBeGreaterThan(5);
  });

  it('treats special-token markers in documents as plain text instead of throwing', () => {
    expect(countTokens('before <|endoftext|> after')).toBeGreaterThan(3);
  });

  it('truncates on a token boundary and marks the cut', () => {
    const text = 'one two three four five six seven eight';
    const cut = truncateToTokens(text, 4);
    expect(cut.endsWith('…')).toBe(true);
    expect(countTokens(cut)).toBeLessThanOrEqual(4);
    expect(truncateToTokens(text, 100)).toBe(text);
    expect(truncateToTokens(text, 0)).toBe('');
  });

  it('adds per-message framing to prompt counts', () => {
    const messages = [{ content: 'hello world' }, { content: 'hello world' }];
    expect(countMessageTokens(messages)).toBe(3 + 2 * (4 + 2));
  });
});
