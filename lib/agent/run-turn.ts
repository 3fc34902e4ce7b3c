import { AppError } from '../errors';
import { logger } from '../logger';
import { localAnswerModelId } from '../models/local-answer-model';
import type { PromptMessage } from '../models/types';
import { buildAnswerMessages } from '../prompts/answer-prompt';
import type { ContextPassage } from '../prompts/context-builder';
import type { RouteDecision } from '../retrieval/types';
import { generateAnswer, startProgress } from './generate-answer';
import { retrieveContext, toSourceParts } from './retrieve-context';
import {
  isFollowUp,
  mergeFollowUpQuery,
  rewriteFollowUpQuery,
  type StandaloneQuery,
} from './standalone-query';
import { type ClassifiedFailure, classifyFailure } from './turn-failure';
import { buildTurnRecord, toMetricsPart } from './turn-metrics';
import { TurnStateMachine } from './turn-state-machine';
import type { TurnDependencies, TurnEvent, TurnInput } from './turn-types';

/**
 * Runs one chat turn through its state machine and yields what happens, for any transport:
 * `routing` (standalone query from the conversation), `retrieving` (router + search + token-
 * budgeted context), `generating` (the grounded prompt streamed by the answer model), then
 * `done` or `failed` with a reason. Every turn ends with a `metrics` event and an `end` event,
 * and is recorded exactly once, also when the client aborts mid-way.
 *
 * Each step is its own function so a cache lookup (before generation) or a redaction step
 * (before the model) can be slotted in between.
 */
export async function* runTurn(input: TurnInput, dependencies: TurnDependencies): AsyncGenerator<TurnEvent> {
  const { now } = dependencies;
  const machine = new TurnStateMachine(now, input.receivedAt);
  const progress = startProgress(dependencies.answerModel);
  let route: RouteDecision | undefined;
  let passages: ContextPassage[] = [];
  let messages: PromptMessage[] = [];
  let lowConfidence = true;
  let firstTextAt: number | undefined;
  let failure: ClassifiedFailure | undefined;
  let recorded = false;

  const finish = () => {
    recorded = true;
    const record = buildTurnRecord({
      input,
      status: failure?.status ?? 'ok',
      error: failure?.error,
      machine,
      route,
      passages,
      messages,
      progress,
      firstTextAt,
      endedAt: now(),
      storeQuestions: dependencies.storeQuestions,
    });
    try {
      dependencies.recordTurn(record);
    } catch (error) {
      logger.error('turn_record_failed', { turnId: input.turnId, error });
    }
    return record;
  };

  try {
    yield { type: 'status', status: machine.status('Choosing where to search…') };
    try {
      const standalone = await resolveStandaloneQuery(input, dependencies);
      yield {
        type: 'status',
        status: machine.transition(
          'retrieving',
          input.collection ? `Searching ${input.collection}…` : 'Searching the documentation…',
          input.collection ? { collections: [input.collection] } : {},
        ),
      };
      const context = await retrieveContext(dependencies, standalone.query, input.collection, input.signal);
      route = context.route;
      passages = context.passages;
      lowConfidence = context.lowConfidence;
      yield { type: 'route', route };
      yield {
        type: 'sources',
        sources: { sources: toSourceParts(passages), lowConfidence: context.lowConfidence },
      };
      messages = buildAnswerMessages({
        question: input.question,
        history: input.history,
        passages,
        lowConfidence: context.lowConfidence,
      });
      logger.debug('turn_context', {
        turnId: input.turnId,
        query: standalone.query,
        queryMethod: standalone.method,
        collections: route.collections,
        passages: passages.length,
        coverage: context.coverage,
      });
    } catch (error) {
      failure = classifyFailure(error, {
        aborted: input.signal.aborted,
        textSent: false,
        fallbackCode: 'retrieval_failed',
      });
      if (failure.error) {
        firstTextAt = now();
        yield {
          type: 'text',
          text: `I could not search the documentation, so I cannot answer from it right now: ${failure.error.publicMessage}`,
        };
      }
    }

    if (!failure) {
      const local = progress.provider === 'local';
      yield {
        type: 'status',
        status: machine.transition(
          'generating',
          local ? 'Writing the answer (local generator)…' : 'Writing the answer…',
          { collections: route?.collections },
        ),
      };
      try {
        const request = {
          messages,
          question: input.question,
          context: passages.map((passage) => ({ ...passage.chunk, text: passage.text })),
          lowConfidence,
          signal: input.signal,
        };
        for await (const event of generateAnswer(
          dependencies.answerModel,
          request,
          progress,
          now,
          (modelId) => modelId === localAnswerModelId,
        )) {
          if (event.type === 'text') firstTextAt ??= now();
          yield event;
        }
        if (!progress.text.trim()) {
          throw new AppError('upstream_unavailable', {
            publicMessage: 'The model returned an empty answer.',
          });
        }
      } catch (error) {
        failure = classifyFailure(error, {
          aborted: input.signal.aborted,
          textSent: progress.text.length > 0,
          fallbackCode: 'upstream_unavailable',
        });
        if (failure.status === 'cancelled') {
          logger.info('upstream_cancelled', {
            turnId: input.turnId,
            model: progress.model,
            outputChars: progress.text.length,
          });
        }
      }
    }

    if (failure) {
      yield* reportFailure(failure, machine, input);
    } else {
      yield { type: 'status', status: machine.transition('done', 'Done') };
    }
    const record = finish();
    yield { type: 'metrics', metrics: toMetricsPart(record) };
    yield { type: 'end', outcome: { status: record.status, error: failure?.error, record } };
  } finally {
    // The consumer stopped pulling events early: still record the turn, as cancelled.
    if (!recorded) {
      failure ??= { status: 'cancelled' };
      finish();
    }
  }
}

async function resolveStandaloneQuery(
  input: TurnInput,
  dependencies: TurnDependencies,
): Promise<StandaloneQuery> {
  if (dependencies.rewriteModel && isFollowUp(input.question, input.history)) {
    return rewriteFollowUpQuery(dependencies.rewriteModel, input.question, input.history, input.signal);
  }
  return mergeFollowUpQuery(input.question, input.history);
}

function* reportFailure(
  failure: ClassifiedFailure,
  machine: TurnStateMachine,
  input: TurnInput,
): Generator<TurnEvent> {
  if (failure.status === 'cancelled') {
    logger.info('turn_cancelled', { turnId: input.turnId, state: machine.state });
    yield { type: 'status', status: machine.fail('Stopped.') };
    return;
  }
  const error = failure.error ?? new AppError('internal');
  logger.warn('turn_failed', {
    turnId: input.turnId,
    state: machine.state,
    status: failure.status,
    code: error.code,
    detail: error.detail ?? error.message,
  });
  yield { type: 'status', status: machine.fail(error.publicMessage) };
  yield {
    type: 'notice',
    notice: {
      kind: failure.status === 'interrupted' ? 'interrupted' : 'error',
      message: error.publicMessage,
      code: error.code,
    },
  };
}
