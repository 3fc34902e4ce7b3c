import type { CachedAnswer } from '@/lib/contracts/stores';

/** A cached answer for tests, with overridable fields. */
export function cachedAnswerFixture(overrides: Partial<CachedAnswer> = {}): CachedAnswer {
  return {
    text: 'Use `open()` with a `with` block [1].',
    sources: [
      {
        index: 1,
        collection: 'python',
        source: 'library/functions.md',
        title: 'Built-in Functions',
        heading: 'open',
        score: 0.9,
        text: 'open(file, mode="r") opens a file.',
      },
    ],
    lowConfidence: false,
    route: {
      collections: ['python'],
      scores: { python: 0.9 },
      reason: 'python terms',
      confidence: 0.9,
      pinned: false,
    },
    collections: ['python'],
    model: 'gpt-4o-mini',
    promptVersion: 'answer-v1',
    outputTokens: 12,
    createdAt: 0,
    ...overrides,
  };
}
