import { getConfig } from '../config';
import type { RouteDecision } from '../contracts/retrieval';
import type { CachedAnswer, CacheStore } from '../contracts/stores';
import type { TurnStatus } from '../contracts/turn-record';
import type { SourcePart } from '../contracts/ui-message';
import { logger } from '../logger';
import { processSingleton } from '../runtime/process-singleton';
import { buildCacheKey, type CacheKeyInput } from './cache-key';
import { createMemoryCacheStore } from './memory-cache-store';
import { type CacheStrategy, cacheStrategy, questionSensitivity, type TtlSettings } from './ttl-policy';

/** A finished turn offered to the cache; only complete, first-choice answers are kept. */
export interface CompletedAnswer {
  status: TurnStatus;
  fallbackUsed: boolean;
  text: string;
  sources: SourcePart[];
  lowConfidence: boolean;
  route: RouteDecision;
  outputTokens: number;
}

export type SaveResult =
  | { stored: true; strategy: CacheStrategy; ttlSeconds: number }
  | { stored: false; reason: string };

export interface ResponseCache {
  /** The cached answer for these inputs, or undefined. Store failures count as a miss. */
  lookup(input: CacheKeyInput): Promise<CachedAnswer | undefined>;
  /** Keeps `answer` if it is complete and cacheable; never throws. */
  save(input: CacheKeyInput, answer: CompletedAnswer): Promise<SaveResult>;
  /** Drops every answer built from `collection` (after a re-ingest); returns how many. */
  invalidateCollection(collection: string): Promise<number>;
  clear(): Promise<void>;
  size(): Promise<number>;
}

/**
 * The response cache: exact matches on the normalised question, collections, their index
 * versions, prompt version and model; turns carrying client history never reach it. Errors,
 * partial, interrupted and fallback answers are never stored; personal and time-sensitive
 * questions are never cached.
 */
export function createResponseCache(options: {
  store: CacheStore;
  ttl: TtlSettings;
  now?: () => number;
}): ResponseCache {
  const now = options.now ?? Date.now;
  const { store } = options;
  const enabled = options.ttl.documentationSeconds > 0;

  return {
    async lookup(input) {
      if (!enabled || questionSensitivity(input.question)) return undefined;
      const key = buildCacheKey(input);
      if (!key) return undefined;
      try {
        return await store.get(key);
      } catch (error) {
        logger.warn('cache_lookup_failed', { error });
        return undefined;
      }
    },

    async save(input, answer) {
      const refusal = refusalReason(answer);
      if (refusal) return { stored: false, reason: refusal };
      const { strategy, ttlSeconds } = cacheStrategy(input.question, answer, options.ttl);
      if (ttlSeconds <= 0) return { stored: false, reason: strategy };
      const key = buildCacheKey(input);
      if (!key) return { stored: false, reason: 'no index version for a routed collection' };
      const entry: CachedAnswer = {
        text: answer.text,
        sources: answer.sources,
        lowConfidence: answer.lowConfidence,
        route: answer.route,
        collections: [...new Set(input.collections)],
        model: input.model,
        promptVersion: input.promptVersion,
        outputTokens: answer.outputTokens,
        createdAt: now(),
      };
      try {
        await store.set(key, entry, ttlSeconds * 1000);
        return { stored: true, strategy, ttlSeconds };
      } catch (error) {
        logger.warn('cache_store_failed', { error });
        return { stored: false, reason: 'store failed' };
      }
    },

    async invalidateCollection(collection) {
      const removed = await store.deleteByCollection(collection);
      logger.info('cache_invalidated', { collection, removed });
      return removed;
    },
    clear: () => store.clear(),
    size: () => store.size(),
  };
}

function refusalReason(answer: CompletedAnswer): string | undefined {
  if (answer.status !== 'ok') return `status ${answer.status}`;
  if (answer.fallbackUsed) return 'answered by the fallback model';
  if (!answer.text.trim()) return 'empty answer';
  return undefined;
}

/** The process-wide response cache (in-memory LRU), configured from the environment. */
export function getResponseCache(): ResponseCache {
  return processSingleton('response-cache', () => {
    const config = getConfig();
    const disabled = config.CACHE_MAX_ENTRIES === 0;
    return createResponseCache({
      store: createMemoryCacheStore({ maxEntries: config.CACHE_MAX_ENTRIES }),
      ttl: {
        documentationSeconds: disabled ? 0 : config.CACHE_TTL_SECONDS,
        lowConfidenceSeconds: config.CACHE_LOW_CONFIDENCE_TTL_SECONDS,
      },
    });
  });
}
