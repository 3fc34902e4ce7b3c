import { type AppError, errorBody, toAppError } from '../errors';
import { logger } from '../logger';

/** OpenAI's error `type` for each HTTP status class, so OpenAI clients raise the right error. */
function openAIErrorType(status: number): string {
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
    error: {
      message: error.publicMessage,
      type: openAIErrorType(error.status),
      param: null,
      code: error.code,
    },
  };
}

/** The error body shapes the app speaks: its own everywhere, OpenAI's on the /v1 endpoints. */
const errorBodyFormats = { app: errorBody, openai: openAIErrorBody } satisfies Record<
  string,
  (error: AppError) => unknown
>;

type ErrorFormat = keyof typeof errorBodyFormats;

/**
 * Turns any thrown value into a JSON error response in `format`. Both formats share
 * everything but the body: the log line (internal details stay server-side), the status and
 * the headers, so a client sees the same `Retry-After` whichever endpoint it called.
 */
function formattedErrorResponse(
  error: unknown,
  format: ErrorFormat,
  context: Record<string, unknown> = {},
): Response {
  const appError = toAppError(error);
  const log = appError.status >= 500 ? logger.error : logger.warn;
  log('request_failed', { code: appError.code, detail: appError.detail ?? appError.message, ...context });
  const headers = new Headers({ 'content-type': 'application/json' });
  if (appError.retryAfterSeconds !== undefined) {
    headers.set('retry-after', String(Math.max(1, Math.ceil(appError.retryAfterSeconds))));
  }
  const body = errorBodyFormats[format](appError);
  return new Response(JSON.stringify(body), { status: appError.status, headers });
}

/** An error response in the app's own `{ error: { code, message } }` shape. */
export function errorResponse(error: unknown, context: Record<string, unknown> = {}): Response {
  return formattedErrorResponse(error, 'app', context);
}

/** An error response in OpenAI's error shape, for the OpenAI-compatible endpoints. */
export function openAIErrorResponse(error: unknown, context: Record<string, unknown> = {}): Response {
  return formattedErrorResponse(error, 'openai', context);
}
