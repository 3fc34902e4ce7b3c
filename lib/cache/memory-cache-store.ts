import { LRUCache } from 'lru-cache';
import type { CachedAnswer, CacheStore } from '../contracts/stores';

export interface MemoryCacheStoreOptions {
  maxEntries: number;
  /** Upper bound on the characters held (answers and sources), so a few huge answers cannot exhaust memory. */
  maxChars?: number;
  /** Clock for TTLs (tests). */
  now?: () => number;
}

const defaultMaxChars = 50_000_000;

function sizeOf(answer: CachedAnswer): number {
  const sourceChars = answer.sources.reduce((total, source) => total + source.text.length + 200, 0);
  return Math.max(1, answer.text.length + sourceChars);
}

/** An in-process LRU cache store bounded by entry count and total size, with per-entry TTLs. */
export function createMemoryCacheStore(options: MemoryCacheStoreOptions): CacheStore {
  const maxChars = options.maxChars ?? defaultMaxChars;
  const lru = new LRUCache<string, CachedAnswer>({
    max: Math.max(1, options.maxEntries),
    maxSize: maxChars,
    sizeCalculation: sizeOf,
    // Expired entries stay until touched or evicted; `get` never returns them.
    ttlAutopurge: false,
    perf: options.now ? { now: options.now } : undefined,
  });
  return {
    async get(key) {
      return lru.get(key);
    },
    async set(key, answer, ttlMs) {
      // An entry larger than the whole cache is silently refused by lru-cache; keep it that way.
      if (sizeOf(answer) > maxChars) return;
      lru.set(key, answer, { ttl: ttlMs });
    },
    async deleteByCollection(collection) {
      const doomed = [...lru.entries()]
        .filter(([, answer]) => answer.collections.includes(collection))
        .map(([key]) => key);
      for (const key of doomed) lru.delete(key);
      return doomed.length;
    },
    async clear() {
      lru.clear();
    },
    async size() {
      lru.purgeStale();
      return lru.size;
    },
  };
}
