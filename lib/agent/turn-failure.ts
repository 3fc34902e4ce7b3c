import type { TurnStatus } from '../contracts/turn-record';
import { AppError, type ErrorCode, isAppError } from '../errors';
import { isTurnDeadline } from '../resilience/turn-deadline';
import { interruptedError, toUpstreamAppError } from '../resilience/upstream-errors';

export interface ClassifiedFailure {
  status: Exclude<TurnStatus, 'ok'>;
  /** Undefined for a cancelled turn: the user asked for it, nothing failed. */
  error?: AppError;
}

export interface FailureContext {
  /** The turn's signal: the client's abort and the turn deadline. */
  signal: AbortSignal;
  textSent: boolean;
  fallbackCode: ErrorCode;
}

/**
 * Decides how a failed turn is recorded and reported, from the error and the turn's signal.
 * A client abort is `cancelled`, whatever error it surfaced as; the turn deadline firing is
 * `timeout` (or `interrupted` once text was sent), whichever step it stopped; a failure after
 * text was sent is `interrupted` (the partial answer is kept); otherwise the error's code
 * decides. Unknown errors get `fallbackCode`, so a crash in retrieval reads as a retrieval
 * failure and one in the model as the provider being unavailable.
 */
export function classifyFailure(error: unknown, options: FailureContext): ClassifiedFailure {
  const { signal } = options;
  if (signal.aborted && !isTurnDeadline(signal.reason)) return { status: 'cancelled' };
  const appError = toTurnError(error, options);
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

function toTurnError(error: unknown, { signal, textSent, fallbackCode }: FailureContext): AppError {
  // Whatever the step threw on its way out (an AbortError, a wrapped error), the deadline is the cause.
  if (signal.aborted) return textSent ? interruptedError(signal.reason) : toUpstreamAppError(signal.reason);
  if (isAppError(error)) return error;
  return new AppError(fallbackCode, {
    detail: error instanceof Error ? error.message : String(error),
    cause: error,
  });
}
