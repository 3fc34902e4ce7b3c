import { logger } from '../logger';
import { buildAnswerMessages } from '../prompts/answer-prompt';
import { raceAbort } from '../resilience/race-abort';
import { yieldToEventLoop } from '../runtime/yield-to-event-loop';
import { redactForStorage } from '../safety/redact-pii';
import type { ActiveTurn } from './active-turn';
import { retrieveContext, toSourceParts } from './retrieve-context';
import {
  isFollowUp,
  mergeFollowUpQuery,
  rewriteFollowUpQuery,
  type StandaloneQuery,
} from './standalone-query';
import { classifyFailure } from './turn-failure';
import type { TurnEvent } from './turn-types';

const maxLoggedQueryChars = 300;

/**
 * `routing` then `retrieving`: while routing, makes the question standalone from the
 * conversation and runs the router (or checks the pinned collection); then streams the route,
 * moves to `retrieving`, searches the chosen collection(s), streams the numbered sources and
 * builds the grounded prompt. So each state's time is its own step's. A failure becomes an
 * answer that says the documentation could not be searched; the turn deadline ends the turn
 * as `timeout`.
 */
export async function* retrievalPhase(turn: ActiveTurn): AsyncGenerator<TurnEvent, void> {
  const { input, dependencies, machine } = turn;
  try {
    const standalone = await standaloneQuery(turn);
    const route = await raceAbort(
      dependencies.route({ query: standalone.query, collection: input.collection, signal: input.signal }),
      input.signal,
    );
    turn.route = route;
    yield { type: 'route', route };
    yield {
      type: 'status',
      status: machine.transition('retrieving', `Searching ${route.collections.join(', ')}…`, {
        collections: route.collections,
      }),
    };
    await yieldToEventLoop();
    const context = await retrieveContext(dependencies, standalone.query, route, input.signal);
    turn.context = context;
    yield {
      type: 'sources',
      sources: { sources: toSourceParts(context.passages), lowConfidence: context.lowConfidence },
    };
    const prompt = {
      question: input.question,
      history: input.history,
      passages: context.passages,
      lowConfidence: context.lowConfidence,
    };
    turn.messages = buildAnswerMessages(prompt);
    turn.prompt = prompt;
    logger.debug('turn_context', {
      turnId: input.turnId,
      // Logs keep masked, bounded text whatever PII_MODE lets the model see.
      query: redactForStorage(standalone.query).slice(0, maxLoggedQueryChars),
      queryMethod: standalone.method,
      collections: context.route.collections,
      passages: context.passages.length,
      coverage: context.coverage,
    });
  } catch (error) {
    turn.failure = classifyFailure(error, {
      signal: input.signal,
      textSent: false,
      fallbackCode: 'retrieval_failed',
    });
    // Out of time, the turn just ends with the timeout notice; other failures explain themselves.
    if (turn.failure.error && turn.failure.status !== 'timeout') {
      turn.firstTextAt = dependencies.now();
      yield {
        type: 'text',
        text: `I could not search the documentation, so I cannot answer from it right now: ${turn.failure.error.publicMessage}`,
      };
    }
  }
}

function standaloneQuery({ input, dependencies }: ActiveTurn): Promise<StandaloneQuery> | StandaloneQuery {
  if (dependencies.rewriteModel && isFollowUp(input.question, input.history)) {
    return rewriteFollowUpQuery(dependencies.rewriteModel, input.question, input.history, input.signal);
  }
  return mergeFollowUpQuery(input.question, input.history);
}
