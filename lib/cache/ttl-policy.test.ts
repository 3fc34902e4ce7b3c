import { describe, expect, it } from 'vitest';
import { cacheStrategy, questionSensitivity } from './ttl-policy';

const settings = { documentationSeconds: 86_400, lowConfidenceSeconds: 3_600 };

describe('cacheStrategy', () => {
  it('keeps documentation answers for the long TTL', () => {
    expect(cacheStrategy('How do I read a file in Python?', { lowConfidence: false }, settings)).toEqual({
      strategy: 'documentation',
      ttlSeconds: 86_400,
    });
  });

  it('keeps answers the docs barely cover for the short TTL', () => {
    expect(cacheStrategy('How do I fly?', { lowConfidence: true }, settings)).toEqual({
      strategy: 'low_confidence',
      ttlSeconds: 3_600,
    });
  });

  it.each([
    'Why was my order cancelled?',
    'Can you reset my password?',
    'What is our billing address?',
    'Send it to [EMAIL] please',
  ])('never caches the personal question %j', (question) => {
    expect(cacheStrategy(question, { lowConfidence: false }, settings)).toEqual({
      strategy: 'personal',
      ttlSeconds: 0,
    });
  });

  it.each([
    'What is the latest Node release?',
    'Is the API down right now?',
    'What changed this week?',
    "What's the current version of Python?",
    'what happened today',
  ])('never caches the time-sensitive question %j', (question) => {
    expect(cacheStrategy(question, { lowConfidence: false }, settings).ttlSeconds).toBe(0);
    expect(questionSensitivity(question)).toBe('time_sensitive');
  });

  it('is disabled with a zero TTL', () => {
    expect(
      cacheStrategy(
        'How do I read a file?',
        { lowConfidence: false },
        { ...settings, documentationSeconds: 0 },
      ),
    ).toEqual({
      strategy: 'disabled',
      ttlSeconds: 0,
    });
  });

  it('does not mistake ordinary documentation questions for sensitive ones', () => {
    for (const question of [
      'How do I sort a list?',
      'What does os.getcwd return?',
      'Explain my_function naming',
    ]) {
      expect(questionSensitivity(question)).toBeUndefined();
    }
  });
});
