import { describe, expect, it } from 'vitest';
import { buildCacheKey, type CacheKeyInput, normalizeQuestion } from './cache-key';

const input: CacheKeyInput = {
  question: 'How do I read a file?',
  collections: ['python'],
  indexVersions: { python: 'v1', javascript: 'j1' },
  promptVersion: 'answer-v1',
  model: 'gpt-4o-mini',
};

describe('normalizeQuestion', () => {
  it('ignores case, spacing, full-width forms and trailing punctuation', () => {
    expect(normalizeQuestion('  How   do I\nread a FILE ?? ')).toBe('how do i read a file');
    expect(normalizeQuestion('ｈｏｗ do I read a file？')).toBe('how do i read a file');
  });

  it('keeps inner punctuation that changes meaning in code', () => {
    expect(normalizeQuestion('What does a[::2] do?')).toBe('what does a[::2] do');
    expect(normalizeQuestion('what is a?.b')).not.toBe(normalizeQuestion('what is a.b'));
  });
});

describe('buildCacheKey', () => {
  const key = buildCacheKey(input);

  it('is stable for trivially different questions and collection order', () => {
    expect(key).toMatch(/^answer:v1:[0-9a-f]{64}$/);
    expect(buildCacheKey({ ...input, question: 'how do i read a file' })).toBe(key);
    const both = { ...input, collections: ['python', 'javascript'] };
    expect(buildCacheKey({ ...both, collections: ['javascript', 'python'] })).toBe(buildCacheKey(both));
  });

  it.each([
    ['question', { question: 'How do I write a file?' }],
    ['collections', { collections: ['javascript'] }],
    ['index version', { indexVersions: { python: 'v2' } }],
    ['prompt version', { promptVersion: 'answer-v2' }],
    ['model', { model: 'gpt-4o' }],
    ['scope', { scope: 'pinned' as const }],
  ])('changes with the %s', (_name, change) => {
    expect(buildCacheKey({ ...input, ...change })).not.toBe(key);
  });

  it('ignores versions of collections the question was not routed to', () => {
    expect(buildCacheKey({ ...input, indexVersions: { python: 'v1', javascript: 'j2' } })).toBe(key);
  });

  it('refuses to build a key without an index version, collections or question', () => {
    expect(buildCacheKey({ ...input, indexVersions: {} })).toBeUndefined();
    expect(buildCacheKey({ ...input, collections: [] })).toBeUndefined();
    expect(buildCacheKey({ ...input, question: ' ?' })).toBeUndefined();
  });
});
