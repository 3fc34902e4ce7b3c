import { type AppError, toAppError } from '../errors';
import { logger } from '../logger';

/** OpenAI's error `type` for each HTTP status class, so OpenAI clients raise the right error. */
function errorType(status: number): string {
  if (status === 400) return 'invalid_request_error';
  if (status === 401) return 'authentication_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status === 504) return 'timeout_error';
  return status >= 500 ? 'server_error' : 'invalid_request_error';
}

/** The `{ error: { message, type, param, code } }` body OpenAI clients expect. */
export function openAIErrorBody(error: AppError): {
  error: { message: string; type: string; param: null; code: string };
} {
  return {
    error: { message: error.publicMessage, type: errorType(error.status), param: null, code: error.code },
  };
}

/**
 * `errorResponse` for the OpenAI-compatible endpoint: same logging and status codes, but the
 * body in OpenAI's error shape. Internal details stay in the log.
 */
export function openAIErrorResponse(error: unknown, context: Record<string, unknown> = {}): Response {
  const appError = toAppError(error);
  const log = appError.status >= 500 ? logger.error : logger.warn;
  log('request_failed', { code: appError.code, detail: appError.detail ?? appError.message, ...context });
  const headers = new Headers({ 'content-type': 'application/json' });
  if (appError.retryAfterSeconds !== undefined) {
    headers.set('retry-after', String(Math.max(1, Math.ceil(appError.retryAfterSeconds))));
  }
  return new Response(JSON.stringify(openAIErrorBody(appError)), { status: appError.status, headers });
}
