import type { TokenBucketStore } from '../contracts/stores';
import { type TokenBucketState, takeToken } from './token-bucket';

/** The in-memory store, which also says how many buckets it holds. */
export interface MemoryTokenBucketStore extends TokenBucketStore {
  readonly size: number;
}

export interface MemoryTokenBucketStoreOptions {
  /** Buckets kept at most; the least recently used goes first. */
  maxKeys?: number;
}

const defaultMaxKeys = 10_000;

/**
 * Token buckets in a bounded Map, refilled lazily on each take (no timers), on the wall clock
 * (a step back refills nothing; see takeToken). Over `maxKeys`
 * the least recently used bucket is dropped: it is the one that has refilled longest, so
 * closest to full, and forgetting it (a later request starts full) gives away the least.
 */
export function createMemoryTokenBucketStore(
  options: MemoryTokenBucketStoreOptions = {},
): MemoryTokenBucketStore {
  const maxKeys = Math.max(1, options.maxKeys ?? defaultMaxKeys);
  const buckets = new Map<string, TokenBucketState>();
  return {
    get size() {
      return buckets.size;
    },
    async take(key, policy) {
      const { state, decision } = takeToken(buckets.get(key), policy, Date.now());
      // Re-inserted so the Map's order stays least recently used first.
      buckets.delete(key);
      buckets.set(key, state);
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next();
        if (!oldest.done) buckets.delete(oldest.value);
      }
      return decision;
    },
  };
}
