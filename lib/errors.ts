import { errorMark, hasErrorMark, markError } from './error-mark';

/** Every error the app reports to a client, with its HTTP status and a message that is safe to show. */
export const errorCatalog = {
  bad_request: { status: 400, message: 'The request is not valid.' },
  unknown_collection: { status: 400, message: 'That collection does not exist.' },
  unauthorized: { status: 401, message: 'This page needs the admin token.' },
  not_found: { status: 404, message: 'Not found.' },
  method_not_allowed: { status: 405, message: 'This endpoint does not accept that method.' },
  unsupported_media_type: {
    status: 415,
    message: 'Send the request body as JSON (Content-Type: application/json).',
  },
  not_implemented: { status: 501, message: 'This server does not support that method.' },
  rate_limited: { status: 429, message: 'Too many requests. Please wait and try again.' },
  upstream_rate_limited: {
    status: 429,
    message: 'The model provider is rate limiting us. Please try again shortly.',
  },
  overloaded: { status: 503, message: 'The service is busy. Please try again shortly.' },
  upstream_unavailable: { status: 503, message: 'The model provider is unavailable right now.' },
  circuit_open: { status: 503, message: 'The model provider is failing; requests are paused briefly.' },
  timeout: { status: 504, message: 'The model took too long to answer.' },
  interrupted: {
    status: 502,
    message: 'The model connection failed mid-answer; the answer above is incomplete.',
  },
  embedder_mismatch: { status: 500, message: 'The search index was built with a different embedder.' },
  index_missing: { status: 503, message: 'No search index has been built yet. Run npm run setup.' },
  index_unreadable: { status: 503, message: 'The search indexes cannot be read right now.' },
  retrieval_failed: { status: 500, message: 'Searching the documentation failed.' },
  pii_blocked: { status: 400, message: 'The question contains personal data and was not sent.' },
  budget_exceeded: { status: 402, message: 'The spending budget has been reached.' },
  internal: { status: 500, message: 'Something went wrong on our side.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalog;

const appErrorMark = errorMark('app-error');

/**
 * An error with a stable code, an HTTP status and a public message. `detail` and `cause`
 * are for logs only and never reach the client.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly publicMessage: string;
  readonly detail?: string;
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    options: { publicMessage?: string; detail?: string; cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(options.detail ?? options.publicMessage ?? errorCatalog[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalog[code].status;
    this.publicMessage = options.publicMessage ?? errorCatalog[code].message;
    this.detail = options.detail;
    this.retryAfterSeconds = options.retryAfterSeconds;
    markError(this, appErrorMark);
  }
}

/**
 * True for an AppError from any copy of this module (Next may bundle it twice; tests load
 * doubles), where `instanceof` only knows this copy's class.
 */
export function isAppError(value: unknown): value is AppError {
  return hasErrorMark(value, appErrorMark);
}

/** Any thrown value as an AppError; unknown errors become `internal`, keeping the original as cause. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  return new AppError('internal', {
    detail: error instanceof Error ? error.message : String(error),
    cause: error,
  });
}

/** The JSON body a client receives for an error: code and safe message only. */
export function errorBody(error: AppError): { error: { code: ErrorCode; message: string } } {
  return { error: { code: error.code, message: error.publicMessage } };
}
