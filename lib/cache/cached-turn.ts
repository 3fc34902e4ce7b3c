import { buildTurnRecord, toMetricsPart } from '../agent/turn-metrics';
import { TurnStateMachine } from '../agent/turn-state-machine';
import type { TurnDependencies, TurnEvent, TurnInput } from '../agent/turn-types';
import type { RouteDecision } from '../contracts/retrieval';
import type { TurnRecord } from '../contracts/turn-record';
import type { SourcePart } from '../contracts/ui-message';
import { logger } from '../logger';
import { answerPromptVersion } from '../prompts/answer-prompt';
import type { ContextPassage } from '../prompts/context-builder';
import type { CacheKeyInput } from './cache-key';
import type { ResponseCache } from './response-cache';
import { splitIntoDeltas } from './split-deltas';
import type { CachedAnswer } from './types';

type RunTurn = (input: TurnInput, dependencies: TurnDependencies) => AsyncIterable<TurnEvent>;

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
 * Runs a turn through the response cache. A hit replays the stored answer (route, sources,
 * text) through the same state machine and records the turn as `cacheHit` with provider
 * `cache` and no cost. A miss runs the agent and offers its answer to the cache when the turn
 * ends; the cache itself refuses errors, partial, interrupted and fallback answers.
 */
export async function* runCachedTurn(
  input: TurnInput,
  dependencies: TurnDependencies,
  next: RunTurn,
): AsyncGenerator<TurnEvent> {
  const cache = dependencies.responseCache;
  const key = cache ? await turnCacheKey(input, dependencies) : undefined;
  if (!cache || !key) {
    yield* next(input, dependencies);
    return;
  }
  const hit = await cache.lookup(key);
  if (hit) {
    yield* replayCachedTurn(input, dependencies, hit);
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

/** Cached sources as context passages, so the turn record lists them like a generated answer's. */
function passagesOf(sources: SourcePart[]): ContextPassage[] {
  return sources.map((source) => ({
    index: source.index,
    chunk: {
      id: `${source.collection}:${source.source}#${source.index}`,
      collection: source.collection,
      source: source.source,
      title: source.title,
      heading: source.heading,
      text: source.text,
      score: source.score,
    },
    text: source.text,
    truncated: false,
    tokens: 0,
  }));
}

async function* replayCachedTurn(
  input: TurnInput,
  dependencies: TurnDependencies,
  answer: CachedAnswer,
): AsyncGenerator<TurnEvent> {
  const { now } = dependencies;
  const machine = new TurnStateMachine(now, input.receivedAt);
  const progress = {
    model: answer.model,
    provider: 'openai' as const,
    text: '',
    retries: 0,
    fallbackUsed: false,
  };
  let firstTextAt: number | undefined;
  let recorded = false;
  const finish = (status: TurnRecord['status']): TurnRecord => {
    recorded = true;
    const record: TurnRecord = {
      ...buildTurnRecord({
        input,
        status,
        machine,
        route: answer.route,
        passages: passagesOf(answer.sources),
        messages: [],
        progress,
        firstTextAt,
        endedAt: now(),
        storeQuestions: dependencies.storeQuestions,
      }),
      provider: 'cache',
      cacheHit: true,
      inputTokens: 0,
      outputTokens: status === 'ok' ? answer.outputTokens : 0,
      tokensPerSecond: 0,
      costUsd: 0,
    };
    try {
      dependencies.recordTurn(record);
    } catch (error) {
      logger.error('turn_record_failed', { turnId: input.turnId, error });
    }
    return record;
  };

  try {
    yield { type: 'status', status: machine.status('Choosing where to search…') };
    yield { type: 'status', status: machine.transition('retrieving', 'Found this answer in the cache…') };
    yield { type: 'route', route: answer.route };
    yield { type: 'sources', sources: { sources: answer.sources, lowConfidence: answer.lowConfidence } };
    yield {
      type: 'status',
      status: machine.transition('generating', 'Replaying the cached answer…', {
        collections: answer.collections,
      }),
    };
    for (const delta of splitIntoDeltas(answer.text)) {
      firstTextAt ??= now();
      progress.text += delta;
      yield { type: 'text', text: delta };
    }
    yield { type: 'status', status: machine.transition('done', 'Done (from the cache)') };
    const record = finish('ok');
    logger.info('cache_hit', { turnId: input.turnId, model: answer.model, ttftMs: record.ttftMs });
    yield { type: 'metrics', metrics: toMetricsPart(record) };
    yield { type: 'end', outcome: { status: 'ok', record } };
  } finally {
    // The client left during the replay: record the turn as cancelled, like any other.
    if (!recorded) finish('cancelled');
  }
}
