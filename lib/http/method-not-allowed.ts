import { AppError } from '../errors';
import { errorResponse } from './error-response';

/** A route handler as Next.js calls it. */
export type RouteHandler = (request: Request) => Response;

/** The methods a route can be asked for, besides OPTIONS. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const allMethods: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** How a route answers errors: the app's JSON shape by default, OpenAI's on /v1. */
export type ErrorResponder = (error: unknown, context: Record<string, unknown>) => Response;

/**
 * Handlers for every method a route does not implement: each answers 405 with an `Allow`
 * header and the usual JSON error body (Next.js's own 405 has no body), and OPTIONS answers
 * 204 with the same `Allow`, which Next.js would otherwise compute from these handlers too.
 * A route spreads the ones it lacks into its exports:
 * `export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('/api/chat', ['POST'])`.
 */
export function otherMethods(
  route: string,
  allowed: HttpMethod[],
  respond: ErrorResponder = errorResponse,
): Record<HttpMethod | 'OPTIONS', RouteHandler> {
  const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  const notAllowed: RouteHandler = (request) => {
    const response = respond(
      new AppError('method_not_allowed', { detail: `${request.method} is not one of ${allow}` }),
      { route },
    );
    response.headers.set('allow', allow);
    return response;
  };
  const handlers = Object.fromEntries(allMethods.map((method) => [method, notAllowed])) as Record<
    HttpMethod,
    RouteHandler
  >;
  return { ...handlers, OPTIONS: () => new Response(null, { status: 204, headers: { allow } }) };
}
