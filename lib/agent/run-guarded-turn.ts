import { runCachedTurn } from '../cache/cached-turn';
import { runBudgetedTurn } from '../cost/budgeted-turn';
import { runTurn } from './run-turn';
import type { TurnDependencies, TurnEvent, TurnInput } from './turn-types';

/**
 * A turn as the transports run it: the budgets pick the model and context size first (the
 * cache key names the model), then the response cache answers or the agent runs.
 */
export function runGuardedTurn(input: TurnInput, dependencies: TurnDependencies): AsyncGenerator<TurnEvent> {
  return runBudgetedTurn(input, dependencies, (turnInput, turnDependencies) =>
    runCachedTurn(turnInput, turnDependencies, runTurn),
  );
}
