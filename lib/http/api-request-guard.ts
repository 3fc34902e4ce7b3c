import { AppError } from '../errors';

/** The methods API routes are written for; Next.js answers anything else with a bare 400 or 500. */
const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

const apiPath = /^\/(api|v1)(\/|$)/;

/**
 * Why an /api or /v1 request cannot reach a route, or undefined when it can: a method no
 * route implements (501; TRACE, CONNECT and invented ones) or a path that is not valid
 * percent-encoding (400). Next.js itself answers these with an empty or plain-text error;
 * refusing them here keeps every API error a JSON body. Other paths are left to Next.js.
 */
export function apiRequestRefusal(method: string | undefined, url: string | undefined): AppError | undefined {
  const path = (url ?? '/').split('?')[0];
  if (!apiPath.test(path)) return undefined;
  if (!knownMethods.has((method ?? '').toUpperCase())) {
    return new AppError('not_implemented', { detail: `method ${JSON.stringify(method?.slice(0, 20))}` });
  }
  try {
    decodeURIComponent(path);
  } catch {
    return new AppError('bad_request', {
      publicMessage: 'The request path is not valid.',
      detail: `undecodable path ${JSON.stringify(path.slice(0, 200))}`,
    });
  }
  return undefined;
}
