import { replayStoredAnswer } from '../agent/replay-turn';
import type { TurnDependencies, TurnInput, TurnMiddleware } from '../agent/turn-types';
import type { RouteDecision } from '../contracts/retrieval';
import type { TurnRecord } from '../contracts/turn-record';
import type { SourcePart } from '../contracts/ui-message';
import { logger } from '../logger';
import { answerPromptVersion } from '../prompts/answer-prompt';
import type { CacheKeyInput } from './cache-key';
import type { ResponseCache } from './response-cache';

/**
 * True when the turn carries earlier messages. The client writes its own history, assistant
 * messages included, and the history reaches the prompt: an answer shaped by it must never be
 * served to anyone else, so such turns neither read nor fill the shared cache.
 */
function hasClientHistory(input: Pick<TurnInput, 'history'>): boolean {
  return input.history.some((turn) => turn.text.trim() !== '');
}

/**
 * The cache key for a turn, or undefined when it must not use the cache. Only a turn without
 * history is cacheable (see {@link hasClientHistory}): its answer depends on nothing but the
 * question and the documents. The key holds the question, the collections it can draw on (the
 * pinned one, or all of them for the router) with their index versions, the prompt version
 * and the answer model.
 */
export async function turnCacheKey(
  input: TurnInput,
  dependencies: TurnDependencies,
): Promise<CacheKeyInput | undefined> {
  if (hasClientHistory(input)) {
    logger.debug('cache_bypass', { turnId: input.turnId, reason: 'client history' });
    return undefined;
  }
  let known: Awaited<ReturnType<TurnDependencies['listCollections']>>;
  try {
    known = await dependencies.listCollections();
  } catch (error) {
    logger.warn('cache_collections_unavailable', { turnId: input.turnId, error });
    return undefined;
  }
  return {
    question: input.question,
    collections: input.collection ? [input.collection] : known.map((collection) => collection.name),
    scope: input.collection ? 'pinned' : 'auto',
    indexVersions: Object.fromEntries(known.map((collection) => [collection.name, collection.indexVersion])),
    promptVersion: answerPromptVersion,
    model: dependencies.answerModel.id,
  };
}

/**
 * The response cache as a turn middleware. A hit replays the stored answer (route, sources,
 * text) through the agent's state machine (lib/agent/replay-turn) and records the turn as
 * `cacheHit` with provider `cache` and no cost. A miss runs the rest of the turn and offers
 * its answer to the cache when the turn ends; the cache itself refuses errors, partial,
 * interrupted and fallback answers.
 */
export function cacheMiddleware(cache: ResponseCache): TurnMiddleware {
  return async function* cachedTurn(input, dependencies, next) {
    const key = await turnCacheKey(input, dependencies);
    if (!key) {
      yield* next(input, dependencies);
      return;
    }
    const hit = await cache.lookup(key);
    if (hit) {
      yield* replayStoredAnswer(input, dependencies, hit);
      return;
    }
    let text = '';
    let route: RouteDecision | undefined;
    let sources: { sources: SourcePart[]; lowConfidence: boolean } | undefined;
    for await (const event of next(input, dependencies)) {
      if (event.type === 'text') text += event.text;
      if (event.type === 'route') route = event.route;
      if (event.type === 'sources') sources = event.sources;
      if (event.type === 'end' && route && sources) {
        await saveAnswer(cache, key, event.outcome.record, { text, route, ...sources });
      }
      yield event;
    }
  };
}

async function saveAnswer(
  cache: ResponseCache,
  key: CacheKeyInput,
  record: TurnRecord,
  answer: { text: string; route: RouteDecision; sources: SourcePart[]; lowConfidence: boolean },
): Promise<void> {
  // Only the model the key names may fill its entry (not a fallback or a budget swap).
  if (record.model !== key.model) return;
  const result = await cache.save(key, {
    status: record.status,
    fallbackUsed: record.fallbackUsed,
    outputTokens: record.outputTokens,
    ...answer,
  });
  logger.debug('cache_save', { turnId: record.id, ...result });
}
