import { z } from 'zod';
import type { JsonModel } from '../contracts/models';
import type { RouteDecision } from '../contracts/retrieval';
import { isAppError } from '../errors';
import { logger } from '../logger';
import { buildRouterMessages, type RouterCollection, routerPromptVersion } from '../prompts/router-prompt';
import { describeFailure } from '../resilience/upstream-errors';

/** The whole router call, queueing included: routing must not hold up the answer for long. */
export const routerTimeoutMs = 3_000;

/** The reply the router model must give, for the collections known right now. */
function answerSchema(names: [string, ...string[]]) {
  return z.object({
    collections: z
      .array(
        z.preprocess(
          (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
          z.enum(names),
        ),
      )
      .min(1)
      .transform((chosen) => [...new Set(chosen)]),
    confidence: z.number().min(0).max(1),
    reason: z.string().trim().min(1).max(500),
  });
}

class InvalidAnswer extends Error {}

/** The JSON object in a reply, also when a server wraps it in a code fence or a sentence. */
function parseReply(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) throw new InvalidAnswer('the answer was not JSON');
  try {
    return JSON.parse(text.slice(start, end + 1));
  } catch {
    throw new InvalidAnswer('the answer was not JSON');
  }
}

function fallbackReason(error: unknown): string {
  if (error instanceof InvalidAnswer) return error.message;
  const cause = isAppError(error) && error.cause ? error.cause : error;
  return `model call failed: ${describeFailure(cause).reason}`;
}

/**
 * Routes with a model (ROUTER=llm): asks it, in JSON mode, which of the known collections fit
 * the question, and validates the answer with zod (names from the list only, confidence 0..1,
 * a reason). Any failure (timeout, HTTP error, open circuit, not JSON, unknown collection)
 * returns `fallback`, the local router's decision, saying why in its reason. With fewer than
 * two collections there is nothing to choose, so no call is made. The caller's abort rejects.
 */
export async function routeWithModel(
  model: JsonModel,
  question: string,
  collections: RouterCollection[],
  fallback: RouteDecision,
  options: { signal: AbortSignal; timeoutMs?: number },
): Promise<RouteDecision> {
  const [first, ...rest] = collections.map((collection) => collection.name);
  if (first === undefined || !rest.length) return fallback;
  try {
    const reply = await model.complete({
      messages: buildRouterMessages(question, collections),
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? routerTimeoutMs,
    });
    const parsed = answerSchema([first, ...rest]).safeParse(parseReply(reply));
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      throw new InvalidAnswer(`invalid answer (${issue.path.join('.') || 'reply'}: ${issue.message})`);
    }
    const answer = parsed.data;
    return {
      collections: answer.collections,
      // The chosen collections share the weight: their passages are interleaved, best first.
      scores: Object.fromEntries(
        collections.map(({ name }) => [name, answer.collections.includes(name) ? answer.confidence : 0]),
      ),
      reason: `LLM router (${model.id}): ${answer.reason}`,
      confidence: answer.confidence,
      pinned: false,
    };
  } catch (error) {
    options.signal.throwIfAborted();
    const why = fallbackReason(error);
    logger.warn('llm_router_fallback', { model: model.id, promptVersion: routerPromptVersion, why, error });
    return { ...fallback, reason: `LLM router unavailable (${why}); local router: ${fallback.reason}` };
  }
}
