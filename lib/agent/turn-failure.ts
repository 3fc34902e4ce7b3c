import { AppError, type ErrorCode } from '../errors';
import type { TurnStatus } from '../metrics/turn-record';

export interface ClassifiedFailure {
  status: Exclude<TurnStatus, 'ok'>;
  /** Undefined for a cancelled turn: the user asked for it, nothing failed. */
  error?: AppError;
}

/**
 * Decides how a failed turn is recorded and reported. A client abort is `cancelled`, whatever
 * error it surfaced as; a failure after text was sent is `interrupted` (the partial answer is
 * kept); otherwise the error's code decides. Unknown errors get `fallbackCode`, so a crash in
 * retrieval reads as a retrieval failure and one in the model as the provider being unavailable.
 */
export function classifyFailure(
  error: unknown,
  options: { aborted: boolean; textSent: boolean; fallbackCode: ErrorCode },
): ClassifiedFailure {
  if (options.aborted) return { status: 'cancelled' };
  const appError =
    error instanceof AppError
      ? error
      : new AppError(options.fallbackCode, {
          detail: error instanceof Error ? error.message : String(error),
          cause: error,
        });
  if (options.textSent || appError.code === 'interrupted') {
    return {
      status: 'interrupted',
      error:
        appError.code === 'interrupted'
          ? appError
          : new AppError('interrupted', { detail: appError.detail ?? appError.message, cause: appError }),
    };
  }
  if (appError.code === 'timeout') return { status: 'timeout', error: appError };
  if (appError.code === 'rate_limited' || appError.code === 'upstream_rate_limited') {
    return { status: 'rate_limited', error: appError };
  }
  return { status: 'error', error: appError };
}
