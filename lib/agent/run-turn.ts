import { AppError } from '../errors';
import { logger } from '../logger';
import { yieldToEventLoop } from '../runtime/yield-to-event-loop';
import type { ActiveTurn } from './active-turn';
import { startProgress } from './generate-answer';
import { generationPhase } from './generation-phase';
import { retrievalPhase } from './retrieval-phase';
import { buildTurnRecord, toMetricsPart } from './turn-metrics';
import { TurnStateMachine } from './turn-state-machine';
import type { TurnDependencies, TurnEvent, TurnInput } from './turn-types';

/**
 * Runs one chat turn through its state machine and yields what happens, for any transport:
 * `routing` (standalone query from the conversation, then the router), `retrieving` (search +
 * token-budgeted context), `generating` (the grounded prompt streamed by the answer model), then
 * `done` or `failed` with a reason. Every turn ends with a `metrics` event and an `end` event,
 * and is recorded exactly once, also when the client aborts mid-way.
 *
 * The phases share an {@link ActiveTurn}, so another step (a cache lookup before generation,
 * a redaction step before the model) slots in between them as one more phase.
 */
export async function* runTurn(input: TurnInput, dependencies: TurnDependencies): AsyncGenerator<TurnEvent> {
  const turn: ActiveTurn = {
    input,
    dependencies,
    machine: new TurnStateMachine(dependencies.now, input.receivedAt),
    messages: [],
    generation: startProgress(dependencies.answerModel),
  };
  let recorded = false;
  try {
    yield { type: 'status', status: turn.machine.status('Choosing where to search…') };
    yield* retrievalPhase(turn);
    if (!turn.failure) {
      // Building the context and the prompt was one stretch of CPU work; the model request is
      // the next. Other requests get the event loop in between.
      await yieldToEventLoop();
      yield* generationPhase(turn);
    }
    yield* conclude(turn);
    // Recording (token counts, masking, the store) is a stretch of CPU work of its own: other
    // requests, health probes and stream timers get the event loop first.
    await yieldToEventLoop();
    recorded = true;
    const record = recordOnce(turn);
    yield { type: 'metrics', metrics: toMetricsPart(record) };
    yield { type: 'end', outcome: { status: record.status, error: turn.failure?.error, record } };
  } finally {
    // The consumer stopped pulling events early: still record the turn, as cancelled.
    if (!recorded) {
      turn.failure ??= { status: 'cancelled' };
      recordOnce(turn);
    }
  }
}

/** The final transition: `done`, or `failed` with a reason and a notice the user can read. */
function* conclude(turn: ActiveTurn): Generator<TurnEvent> {
  const { failure, machine, input } = turn;
  if (!failure) {
    yield { type: 'status', status: machine.transition('done', 'Done') };
    return;
  }
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

function recordOnce(turn: ActiveTurn) {
  const record = buildTurnRecord({
    input: turn.input,
    status: turn.failure?.status ?? 'ok',
    error: turn.failure?.error,
    machine: turn.machine,
    route: turn.route,
    passages: turn.context?.passages ?? [],
    prompt: turn.prompt,
    progress: turn.generation,
    firstTextAt: turn.firstTextAt,
    endedAt: turn.dependencies.now(),
    storeQuestions: turn.dependencies.storeQuestions,
  });
  try {
    turn.dependencies.recordTurn(record);
  } catch (error) {
    logger.error('turn_record_failed', { turnId: turn.input.turnId, error });
  }
  return record;
}
