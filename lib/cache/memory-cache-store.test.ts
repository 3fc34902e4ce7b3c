import { describe, expect, it } from 'vitest';
import { cachedAnswerFixture } from '@/tests/support/cached-answer-fixture';
import { createMemoryCacheStore } from './memory-cache-store';

describe('createMemoryCacheStore', () => {
  it('evicts the least recently used entry beyond maxEntries', async () => {
    const store = createMemoryCacheStore({ maxEntries: 2 });
    await store.set('a', cachedAnswerFixture({ text: 'a' }), 60_000);
    await store.set('b', cachedAnswerFixture({ text: 'b' }), 60_000);
    await store.get('a');
    await store.set('c', cachedAnswerFixture({ text: 'c' }), 60_000);
    expect(await store.size()).toBe(2);
    expect(await store.get('b')).toBeUndefined();
    expect((await store.get('a'))?.text).toBe('a');
    expect((await store.get('c'))?.text).toBe('c');
  });

  it('expires entries after their TTL', async () => {
    let now = 1_000;
    const store = createMemoryCacheStore({ maxEntries: 10, now: () => now });
    await store.set('short', cachedAnswerFixture(), 5_000);
    await store.set('long', cachedAnswerFixture(), 60_000);
    now += 5_001;
    expect(await store.get('short')).toBeUndefined();
    expect(await store.get('long')).toBeDefined();
    expect(await store.size()).toBe(1);
  });

  it('bounds the total size and refuses an entry larger than the bound', async () => {
    const store = createMemoryCacheStore({ maxEntries: 100, maxChars: 2_000 });
    for (let index = 0; index < 10; index += 1) {
      await store.set(`k${index}`, cachedAnswerFixture({ text: 'x'.repeat(400) }), 60_000);
    }
    expect(await store.size()).toBeLessThan(10);
    await store.set('huge', cachedAnswerFixture({ text: 'x'.repeat(5_000) }), 60_000);
    expect(await store.get('huge')).toBeUndefined();
  });

  it('deletes the entries of one collection', async () => {
    const store = createMemoryCacheStore({ maxEntries: 10 });
    await store.set('py', cachedAnswerFixture({ collections: ['python'] }), 60_000);
    await store.set('both', cachedAnswerFixture({ collections: ['python', 'javascript'] }), 60_000);
    await store.set('js', cachedAnswerFixture({ collections: ['javascript'] }), 60_000);
    expect(await store.deleteByCollection('python')).toBe(2);
    expect(await store.get('js')).toBeDefined();
    expect(await store.size()).toBe(1);
    await store.clear();
    expect(await store.size()).toBe(0);
  });
});
