import { runTurn } from '../agent/run-turn';
import type { TurnDependencies, TurnEvent, TurnInput } from '../agent/turn-types';
import { runCachedTurn } from '../cache/cached-turn';
import { runBudgetedTurn } from '../cost/budgeted-turn';
import { trackInFlight } from '../metrics/in-flight';
import { startTurnDeadline } from '../resilience/turn-deadline';

/**
 * A turn as the transports run it: the budgets pick the model and context size first (the
 * cache key names the model), then the response cache answers or the agent runs. The turn
 * counts as in flight from its first step until it ends, however it ends (answered, failed,
 * cancelled, or its consumer stopped pulling events), and is stored as in progress until then.
 *
 * TURN_TIMEOUT_MS bounds the whole turn from the request's arrival: its deadline joins the
 * request's signal, so routing, retrieval and generation all stop when it fires, and the turn
 * ends as `timeout` (`interrupted` if part of the answer was already sent).
 */
export async function* runGuardedTurn(
  input: TurnInput,
  dependencies: TurnDependencies,
): AsyncGenerator<TurnEvent> {
  const release = trackInFlight();
  dependencies.recordTurnStart?.({
    id: input.turnId,
    startedAt: input.startedAt,
    endpoint: input.endpoint,
    collection: input.collection,
    model: dependencies.answerModel.id,
    provider: dependencies.answerModel.provider,
  });
  const deadline = startTurnDeadline({
    limitMs: dependencies.turnTimeoutMs,
    receivedAt: input.receivedAt,
    now: dependencies.now,
  });
  const bounded = { ...input, signal: AbortSignal.any([input.signal, deadline.signal]) };
  try {
    yield* runBudgetedTurn(bounded, dependencies, (turnInput, turnDependencies) =>
      runCachedTurn(turnInput, turnDependencies, runTurn),
    );
  } finally {
    deadline.clear();
    release();
  }
}
