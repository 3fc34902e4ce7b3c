import { redactTurn } from '../safety/redact-turn';
import type { TurnMiddleware } from './turn-types';

/**
 * Masks personal data in the question and every earlier message (`PII_MODE`) before the rest
 * of the pipeline sees them: the budget estimate, the response cache's key, the router,
 * retrieval, the model provider, the logs and the stored record. A question that `block` mode
 * refuses was turned away while the request was validated; one that reaches this step
 * without that check is refused here.
 */
export const redactionMiddleware: TurnMiddleware = async function* redactedTurn(input, dependencies, next) {
  const redacted = redactTurn(input.question, input.history);
  yield* next({ ...input, question: redacted.question, history: redacted.history }, dependencies);
};
