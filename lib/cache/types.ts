import type { RouteDecision } from '../contracts/retrieval';
import type { SourcePart } from '../contracts/ui-message';

/** A complete answer as the cache keeps it, enough to replay the turn without the model. */
export interface CachedAnswer {
  text: string;
  sources: SourcePart[];
  lowConfidence: boolean;
  route: RouteDecision;
  /** The collections the key was built from; invalidation by collection matches on these. */
  collections: string[];
  model: string;
  promptVersion: string;
  outputTokens: number;
  /** Epoch ms when the answer was generated. */
  createdAt: number;
}

/**
 * Where cached answers live. In memory (LRU) by default; a shared store such as Redis can
 * implement the same methods for several app instances.
 */
export interface CacheStore {
  get(key: string): Promise<CachedAnswer | undefined>;
  /** Stores `answer` for `ttlMs` milliseconds (always > 0). */
  set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void>;
  /** Removes every entry built from `collection`; returns how many were removed. */
  deleteByCollection(collection: string): Promise<number>;
  clear(): Promise<void>;
  size(): Promise<number>;
}
