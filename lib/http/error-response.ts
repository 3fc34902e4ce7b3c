import { type AppError, errorBody, toAppError } from '../errors';
import { logger } from '../logger';

/**
 * Turns any thrown value into a JSON error response. Internal details are logged here and
 * never sent to the client.
 */
export function errorResponse(error: unknown, context: Record<string, unknown> = {}): Response {
  const appError: AppError = toAppError(error);
  const log = appError.status >= 500 ? logger.error : logger.warn;
  log('request_failed', { code: appError.code, detail: appError.detail ?? appError.message, ...context });
  const headers = new Headers({ 'content-type': 'application/json' });
  if (appError.retryAfterSeconds !== undefined) {
    headers.set('retry-after', String(Math.max(1, Math.ceil(appError.retryAfterSeconds))));
  }
  return new Response(JSON.stringify(errorBody(appError)), { status: appError.status, headers });
}
