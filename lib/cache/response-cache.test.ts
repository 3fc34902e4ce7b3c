import { describe, expect, it } from 'vitest';
import { cachedAnswerFixture } from '@/tests/support/cached-answer-fixture';
import type { CacheStore } from '../contracts/stores';
import type { CacheKeyInput } from './cache-key';
import { createMemoryCacheStore } from './memory-cache-store';
import { type CompletedAnswer, createResponseCache } from './response-cache';

const ttl = { documentationSeconds: 86_400, lowConfidenceSeconds: 3_600 };
const fixture = cachedAnswerFixture();

const input: CacheKeyInput = {
  question: 'How do I read a file?',
  collections: ['python'],
  indexVersions: { python: 'index-1' },
  promptVersion: 'answer-v1',
  model: 'gpt-4o-mini',
};

const answer: CompletedAnswer = {
  status: 'ok',
  fallbackUsed: false,
  text: fixture.text,
  sources: fixture.sources,
  lowConfidence: false,
  route: fixture.route,
  outputTokens: 12,
};

function setup(store: CacheStore = createMemoryCacheStore({ maxEntries: 100 })) {
  return createResponseCache({ store, ttl, now: () => 42 });
}

describe('createResponseCache', () => {
  it('serves a repeated question with identical content', async () => {
    const cache = setup();
    expect(await cache.lookup(input)).toBeUndefined();
    expect(await cache.save(input, answer)).toEqual({
      stored: true,
      strategy: 'documentation',
      ttlSeconds: 86_400,
    });
    const hit = await cache.lookup({ ...input, question: '  how do I read a file ' });
    expect(hit).toEqual({
      text: answer.text,
      sources: answer.sources,
      lowConfidence: false,
      route: answer.route,
      collections: ['python'],
      model: 'gpt-4o-mini',
      promptVersion: 'answer-v1',
      outputTokens: 12,
      createdAt: 42,
    });
  });

  it.each([
    ['an error', { status: 'error' as const }, 'status error'],
    ['a timeout', { status: 'timeout' as const }, 'status timeout'],
    ['a stopped turn', { status: 'cancelled' as const }, 'status cancelled'],
    ['an interrupted answer', { status: 'interrupted' as const }, 'status interrupted'],
    ['a fallback answer', { fallbackUsed: true }, 'answered by the fallback model'],
    ['an empty answer', { text: '  ' }, 'empty answer'],
  ])('never stores %s', async (_name, change, reason) => {
    const cache = setup();
    expect(await cache.save(input, { ...answer, ...change })).toEqual({ stored: false, reason });
    expect(await cache.lookup(input)).toBeUndefined();
  });

  it('does not cache personal or time-sensitive questions', async () => {
    const cache = setup();
    const personal = { ...input, question: 'Why was my order for [EMAIL] refused?' };
    expect(await cache.save(personal, answer)).toEqual({ stored: false, reason: 'personal' });
    const timely = { ...input, question: 'What is the latest release?' };
    expect(await cache.save(timely, answer)).toEqual({ stored: false, reason: 'time_sensitive' });
    expect(await cache.size()).toBe(0);
  });

  it('misses after a re-ingest changes the index version', async () => {
    const cache = setup();
    await cache.save(input, answer);
    expect(await cache.lookup({ ...input, indexVersions: { python: 'index-2' } })).toBeUndefined();
    expect(await cache.lookup(input)).toBeDefined();
  });

  it('drops a collection on explicit invalidation', async () => {
    const cache = setup();
    await cache.save(input, answer);
    await cache.save({ ...input, collections: ['javascript'], indexVersions: { javascript: 'j' } }, answer);
    expect(await cache.invalidateCollection('python')).toBe(1);
    expect(await cache.lookup(input)).toBeUndefined();
    expect(await cache.size()).toBe(1);
  });

  it('misses on a different model or prompt version', async () => {
    const cache = setup();
    await cache.save(input, answer);
    expect(await cache.lookup({ ...input, model: 'gpt-4o' })).toBeUndefined();
    expect(await cache.lookup({ ...input, promptVersion: 'answer-v2' })).toBeUndefined();
  });

  it('stores nothing and serves nothing when disabled', async () => {
    const cache = createResponseCache({
      store: createMemoryCacheStore({ maxEntries: 10 }),
      ttl: { ...ttl, documentationSeconds: 0 },
    });
    expect(await cache.save(input, answer)).toEqual({ stored: false, reason: 'disabled' });
    expect(await cache.lookup(input)).toBeUndefined();
  });

  it('treats a failing store as a miss and never throws', async () => {
    const broken: CacheStore = {
      get: () => Promise.reject(new Error('connection refused')),
      set: () => Promise.reject(new Error('connection refused')),
      deleteByCollection: () => Promise.resolve(0),
      clear: () => Promise.resolve(),
      size: () => Promise.resolve(0),
    };
    const cache = setup(broken);
    expect(await cache.lookup(input)).toBeUndefined();
    expect(await cache.save(input, answer)).toEqual({ stored: false, reason: 'store failed' });
  });
});
