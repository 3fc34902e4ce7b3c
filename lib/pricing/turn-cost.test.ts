import { describe, expect, it } from 'vitest';
import { costUsd } from './turn-cost';

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
