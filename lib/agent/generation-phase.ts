import { AppError } from '../errors';
import { logger } from '../logger';
import { localAnswerModelId } from '../models/local-answer-model';
import type { ActiveTurn } from './active-turn';
import { generateAnswer } from './generate-answer';
import { classifyFailure } from './turn-failure';
import type { TurnEvent } from './turn-types';

/**
 * `generating`: streams the grounded prompt through the answer model. A client abort cancels
 * the model request (the signal goes all the way down) and is logged as `upstream_cancelled`;
 * an empty answer counts as a failure, never as a silent success.
 */
export async function* generationPhase(turn: ActiveTurn): AsyncGenerator<TurnEvent, void> {
  const { input, dependencies, machine, generation } = turn;
  const passages = turn.context?.passages ?? [];
  yield {
    type: 'status',
    status: machine.transition(
      'generating',
      generation.provider === 'local' ? 'Writing the answer (local generator)…' : 'Writing the answer…',
      { collections: turn.context?.route.collections },
    ),
  };
  try {
    const request = {
      messages: turn.messages,
      question: input.question,
      context: passages.map((passage) => ({ ...passage.chunk, text: passage.text })),
      lowConfidence: turn.context?.lowConfidence ?? true,
      signal: input.signal,
    };
    const isLocal = (modelId: string) => modelId === localAnswerModelId;
    // Delegated, not re-yielded one by one: one generator step less for every token.
    yield* generateAnswer(dependencies.answerModel, request, generation, dependencies.now, isLocal);
    if (!generation.text.trim()) {
      throw new AppError('upstream_unavailable', { publicMessage: 'The model returned an empty answer.' });
    }
  } catch (error) {
    turn.failure = classifyFailure(error, {
      signal: input.signal,
      textSent: generation.text.length > 0,
      fallbackCode: 'upstream_unavailable',
    });
    if (turn.failure.status === 'cancelled') {
      logger.info('upstream_cancelled', {
        turnId: input.turnId,
        model: generation.model,
        outputChars: generation.text.length,
      });
    }
  } finally {
    // When the first token was handed on, also when the consumer stopped early.
    turn.firstTextAt ??= generation.firstTokenAt;
  }
}
