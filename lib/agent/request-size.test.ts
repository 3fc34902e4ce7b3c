import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../errors';
import { createLocalAnswerModel } from '../models/local-answer-model';
import { countMessageTokens, countTokens, countTokensUpTo } from '../prompts/token-count';
import { checkRequestSize, type RequestSizeLimits } from './request-size';

vi.mock('../prompts/token-count', async (importOriginal) => {
  const original = await importOriginal<typeof import('../prompts/token-count')>();
  return { ...original, countTokensUpTo: vi.fn(original.countTokensUpTo) };
});

beforeEach(() => {
  vi.mocked(countTokensUpTo).mockClear();
});

const limits: RequestSizeLimits = {
  maxQuestionChars: 4000,
  maxMessageChars: 100,
  maxHistoryChars: 250,
  maxRequestTokens: 60,
  answerModel: createLocalAnswerModel(),
};

function refusal(run: () => void): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('bad_request');
    return (error as AppError).publicMessage;
  }
  throw new Error('expected a refusal');
}

describe('checkRequestSize', () => {
  it('accepts a request within every limit', () => {
    expect(() => checkRequestSize('How do I sort?', [{ role: 'user', text: 'hello' }], limits)).not.toThrow();
  });

  it('refuses one earlier message over the per-message limit', () => {
    expect(refusal(() => checkRequestSize('q', [{ role: 'user', text: 'x'.repeat(101) }], limits))).toBe(
      'A message in the conversation is 101 characters long; the limit is 100. Please start a new chat.',
    );
  });

  it('refuses a history over the total character limit', () => {
    const history = Array.from({ length: 3 }, () => ({ role: 'assistant' as const, text: 'x '.repeat(45) }));
    expect(refusal(() => checkRequestSize('q', history, limits))).toContain(
      '270 characters long; the limit is 250',
    );
  });

  it('refuses a question over the question limit', () => {
    expect(refusal(() => checkRequestSize('q'.repeat(4001), [], limits))).toBe(
      'The question is 4001 characters long; the limit is 4000.',
    );
  });

  it('refuses a request over the token limit, counted like the prompt', () => {
    const question = 'word '.repeat(40);
    const history = [{ role: 'user' as const, text: 'word '.repeat(15) }];
    const tokens = countMessageTokens([{ content: question }, { content: history[0].text }]);
    expect(tokens).toBeGreaterThan(60);
    expect(refusal(() => checkRequestSize(question, history, limits))).toContain('longer than 60 tokens');
    expect(() => checkRequestSize(question, history, { ...limits, maxRequestTokens: tokens })).not.toThrow();
  });

  it('does not count the tokens of a request too short to reach the limit', () => {
    const ideographs = '文件'.repeat(1995);
    expect(() => checkRequestSize(ideographs, [], { ...limits, maxRequestTokens: 16_000 })).not.toThrow();
    // 3 + 4 framing tokens and at most 3 tokens per character: 17 characters fit in 60 tokens.
    expect(() => checkRequestSize('x'.repeat(17), [], limits)).not.toThrow();
    expect(countTokensUpTo).not.toHaveBeenCalled();
    checkRequestSize('x'.repeat(18), [], limits);
    expect(countTokensUpTo).toHaveBeenCalledTimes(1);
  });

  it('relies on a bound no text exceeds: at most 3 tokens per UTF-16 code unit', () => {
    const texts = [
      '文件'.repeat(500),
      '😀'.repeat(500),
      `a${'\u0301'.repeat(500)}`,
      '\ud800'.repeat(500),
      'é€😀x'.repeat(200),
    ];
    for (const text of texts) {
      for (const model of [undefined, 'gpt-4'])
        expect(countTokens(text, model)).toBeLessThanOrEqual(3 * text.length);
    }
  });
});
