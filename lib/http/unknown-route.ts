import { AppError } from '../errors';
import { errorResponse } from './error-response';
import { allMethods, type ErrorResponder, type HttpMethod, type RouteHandler } from './method-not-allowed';

/**
 * Every method of a path under /api or /v1 that no route serves: a JSON 404 instead of
 * Next.js's HTML not-found page.
 */
export function unknownRoute(
  respond: ErrorResponder = errorResponse,
): Record<HttpMethod | 'OPTIONS', RouteHandler> {
  const notFound: RouteHandler = (request) =>
    respond(new AppError('not_found', { detail: `no route for ${new URL(request.url).pathname}` }), {
      route: 'unknown',
    });
  return Object.fromEntries([...allMethods, 'OPTIONS'].map((method) => [method, notFound])) as Record<
    HttpMethod | 'OPTIONS',
    RouteHandler
  >;
}
