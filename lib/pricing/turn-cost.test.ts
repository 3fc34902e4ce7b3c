import { describe, expect, it } from 'vitest';
import { countMessageTokens, countTokens } from '../prompts/token-count';
import { costUsd, turnUsage } from './turn-cost';

const table = { 'gpt-4o-mini': { input: 0.15, output: 0.6 } };

describe('costUsd', () => {
  it('prices input and output tokens per million', () => {
    expect(costUsd('gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 0 }, table)).toBeCloseTo(0.15, 10);
    expect(costUsd('gpt-4o-mini', { inputTokens: 2000, outputTokens: 500 }, table)).toBeCloseTo(0.0006, 10);
  });

  it('costs nothing for an unknown model', () => {
    expect(costUsd('mystery', { inputTokens: 1000, outputTokens: 1000 }, table)).toBe(0);
  });
});

describe('turnUsage', () => {
  const promptMessages = [
    { role: 'system', content: 'Answer from the documents.' },
    { role: 'user', content: 'How do I read a file in Python?' },
  ];

  it("prefers the provider's reported usage", () => {
    expect(
      turnUsage({ reported: { inputTokens: 120, outputTokens: 40 }, promptMessages, outputText: 'x' }),
    ).toEqual({ inputTokens: 120, outputTokens: 40, estimated: false });
  });

  it('counts a stopped turn (no reported usage) with the tokenizer, partial output included', () => {
    const outputText = 'Use open() with a context manager, then call read()';
    const usage = turnUsage({ promptMessages, outputText });
    expect(usage.estimated).toBe(true);
    expect(usage.inputTokens).toBe(countMessageTokens(promptMessages));
    expect(usage.outputTokens).toBe(countTokens(outputText));
    expect(usage.outputTokens).toBeGreaterThan(5);
  });

  it('counts nothing when no prompt was sent and nothing streamed', () => {
    expect(turnUsage({ promptMessages: [], outputText: '' })).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      estimated: true,
    });
  });
});
