import { runCachedTurn } from '../cache/cached-turn';
import { runBudgetedTurn } from '../cost/budgeted-turn';
import { trackInFlight } from '../metrics/in-flight';
import { runTurn } from './run-turn';
import type { TurnDependencies, TurnEvent, TurnInput } from './turn-types';

/**
 * A turn as the transports run it: the budgets pick the model and context size first (the
 * cache key names the model), then the response cache answers or the agent runs. The turn
 * counts as in flight from its first step until it ends, however it ends (answered, failed,
 * cancelled, or its consumer stopped pulling events).
 */
export async function* runGuardedTurn(
  input: TurnInput,
  dependencies: TurnDependencies,
): AsyncGenerator<TurnEvent> {
  const release = trackInFlight();
  try {
    yield* runBudgetedTurn(input, dependencies, (turnInput, turnDependencies) =>
      runCachedTurn(turnInput, turnDependencies, runTurn),
    );
  } finally {
    release();
  }
}
