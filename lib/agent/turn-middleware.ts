import type { TurnHandler, TurnMiddleware } from './turn-types';

/**
 * Wraps `handler` in `middlewares`, the first outermost: `[a, b]` runs a, which calls b,
 * which calls the handler.
 */
export function composeTurnMiddlewares(
  middlewares: readonly TurnMiddleware[],
  handler: TurnHandler,
): TurnHandler {
  return middlewares.reduceRight<TurnHandler>(
    (next, middleware) => (input, dependencies) => middleware(input, dependencies, next),
    handler,
  );
}
