import { redactionMiddleware } from '../agent/redaction-middleware';
import { runTurn } from '../agent/run-turn';
import { composeTurnMiddlewares } from '../agent/turn-middleware';
import type { TurnDependencies, TurnEvent, TurnInput, TurnMiddleware } from '../agent/turn-types';
import { trackInFlight } from '../metrics/in-flight';
import { startTurnDeadline } from '../resilience/turn-deadline';

/**
 * The step every turn runs first. The turn counts as in flight from its first step until it
 * ends, however it ends (answered, failed, cancelled, or its consumer stopped pulling events),
 * and is stored as in progress until then.
 *
 * TURN_TIMEOUT_MS bounds the whole turn from the request's arrival: its deadline joins the
 * request's signal, so routing, retrieval and generation all stop when it fires, and the turn
 * ends as `timeout` (`interrupted` if part of the answer was already sent).
 */
export const guardTurn: TurnMiddleware = async function* guardTurn(input, dependencies, next) {
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
  try {
    yield* next({ ...input, signal: AbortSignal.any([input.signal, deadline.signal]) }, dependencies);
  } finally {
    deadline.clear();
    release();
  }
};

/**
 * A turn as the transports run it: {@link guardTurn}, the PII redaction, then the
 * dependencies' middlewares in order (the app's: the budgets pick the model and context size,
 * then the response cache, whose key names the model, answers or passes on), then the agent.
 * The guard and the redaction are not dependencies: no override (tests, benchmarks) can run a
 * turn without them.
 */
export function runGuardedTurn(input: TurnInput, dependencies: TurnDependencies): AsyncGenerator<TurnEvent> {
  const pipeline = composeTurnMiddlewares(
    [guardTurn, redactionMiddleware, ...(dependencies.middlewares ?? [])],
    runTurn,
  );
  return pipeline(input, dependencies);
}
