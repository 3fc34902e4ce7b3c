import type { TurnDependencies } from '../agent/turn-types';
import { cacheMiddleware } from '../cache/cached-turn';
import { getResponseCache } from '../cache/response-cache';
import { getConfig } from '../config';
import { budgetMiddleware, getTurnBudget } from '../cost/budgeted-turn';
import { getTurnStore } from '../metrics/sqlite-turn-store';
import { recordTurn } from '../operations/record-turn';
import { getAnswerModel, hasRemoteModel } from '../providers/registry';
import { listCollections, retrieve } from '../retrieval/retrieve';
import { routeQuery } from '../retrieval/route-query';

let overrides: Partial<TurnDependencies> | undefined;

/**
 * The real dependencies of a turn, from the configuration: the router and the retriever,
 * the answer model chosen by the registry, metrics recording, the limits, the response cache
 * and the budgets. No I/O happens
 * here, so routes can call it per request.
 */
export function getTurnDependencies(): TurnDependencies {
  const config = getConfig();
  const answerModel = getAnswerModel();
  return {
    route: routeQuery,
    retrieve,
    listCollections,
    answerModel,
    rewriteModel: config.QUERY_REWRITE === 'llm' && hasRemoteModel() ? answerModel : undefined,
    recordTurn,
    // A start row needs the matching end: with recordTurn replaced, it would stay in progress.
    recordTurnStart: overrides?.recordTurn
      ? overrides.recordTurnStart
      : (start) => getTurnStore().recordStart(start),
    now: () => performance.now(),
    contextTokenBudget: config.CONTEXT_TOKEN_BUDGET,
    turnTimeoutMs: config.TURN_TIMEOUT_MS,
    maxQuestionChars: config.MAX_QUESTION_CHARS,
    maxHistoryMessages: config.MAX_HISTORY_MESSAGES,
    maxMessageChars: config.MAX_MESSAGE_CHARS,
    maxHistoryChars: config.MAX_HISTORY_CHARS,
    maxRequestTokens: config.MAX_REQUEST_TOKENS,
    storeQuestions: config.STORE_QUESTIONS !== 'off',
    // The one place the turn's middlewares are composed: the budgets first (they may swap the
    // model the cache key names), then the response cache. Overrides (tests, benchmarks) run
    // without them unless they pass their own, so one test's answers never leak into another's.
    ...(overrides ?? {
      middlewares: [budgetMiddleware(getTurnBudget()), cacheMiddleware(getResponseCache())],
    }),
  };
}

/** Replaces some dependencies for tests and benchmarks; `undefined` restores the real ones. */
export function setTurnDependencies(next: Partial<TurnDependencies> | undefined): void {
  overrides = next;
}
