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

  it("counts with the model's encoding", () => {
    const text = 'Привет, как отменить запрос fetch? 文件の取り消し';
    expect(countTokens(text, 'gpt-4o-mini')).not.toBe(countTokens(text, 'gpt-4'));
    expect(countTokens(text, 'gpt-4o-mini')).toBe(countTokens(text));
  });

  it('cuts a long unbroken run after encoding only its start', () => {
    const run = '文件'.repeat(50_000);
    const cut = truncateToTokens(run, 300);
    expect(cut.endsWith('…')).toBe(true);
    expect(countTokens(cut)).toBeLessThanOrEqual(301);
  });

  it('adds per-message framing to prompt counts', () => {
    const messages = [{ content: 'hello world' }, { content: 'hello world' }];
    expect(countMessageTokens(messages)).toBe(3 + 2 * (4 + 2));
  });
});
