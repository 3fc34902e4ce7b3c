import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';
import { errorMark, hasErrorMark, markError } from '../error-mark';
import { AppError, isAppError } from '../errors';
import { findBodyError } from '../models/upstream-body-error';
import { parseRetryAfterMs } from './retry-after';

/** first-token / idle / turn: a streamed answer; call: a whole non-streamed call (embeddings). */
export type TimeoutPhase = 'first-token' | 'idle' | 'turn' | 'call';

const phaseWaitingFor: Record<TimeoutPhase, string> = {
  'first-token': 'first token',
  idle: 'token',
  turn: 'end',
  call: 'response',
};

const upstreamTimeoutMark = errorMark('upstream-timeout-error');

/** One of our deadlines fired. Used as the abort reason of the upstream request it ends. */
export class UpstreamTimeoutError extends Error {
  readonly phase: TimeoutPhase;
  readonly limitMs: number;

  constructor(phase: TimeoutPhase, limitMs: number) {
    super(`${phase} timeout after ${limitMs} ms`);
    this.name = 'UpstreamTimeoutError';
    this.phase = phase;
    this.limitMs = limitMs;
    markError(this, upstreamTimeoutMark);
  }
}

/** True for an UpstreamTimeoutError from any copy of this module. */
export function isUpstreamTimeoutError(value: unknown): value is UpstreamTimeoutError {
  return hasErrorMark(value, upstreamTimeoutMark);
}

export type FailureKind =
  | 'http'
  | 'connection'
  | 'malformed'
  | 'timeout'
  | 'aborted'
  | 'circuit-open'
  | 'overloaded'
  | 'interrupted'
  | 'other';

/** What a failed upstream call means for the policies around it. */
export interface UpstreamFailure {
  kind: FailureKind;
  status?: number;
  /** What the upstream asked us to wait (Retry-After / retry-after-ms). */
  retryAfterMs?: number;
  /** Another attempt on the same upstream may succeed. */
  retryable: boolean;
  /** Says the upstream is unhealthy: counts toward its circuit breaker. */
  upstreamFault: boolean;
  /** Short reason for logs and for retry/fallback events. */
  reason: string;
}

const retryableStatuses = new Set([408, 409, 429]);
const connectionCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);
const connectionNames = new Set(['APIConnectionError', 'APIConnectionTimeoutError', 'SocketError']);

function field(value: unknown, name: string): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
}

function isConnectionError(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const code = field(error, 'code');
  if (typeof code === 'string' && connectionCodes.has(code)) return true;
  if (connectionNames.has(error.name) || connectionNames.has(error.constructor.name)) return true;
  // undici reports a socket closed mid-body as TypeError('terminated') and a refused connect as 'fetch failed'.
  if (error instanceof TypeError && /^(terminated|fetch failed)$/.test(error.message)) return true;
  return isConnectionError(error.cause, depth + 1);
}

function isAbort(error: unknown): boolean {
  if (error instanceof TaskCancelledError) return true;
  const name = field(error, 'name');
  return name === 'AbortError' || name === 'APIUserAbortError';
}

function describeAppError(error: AppError): UpstreamFailure {
  if (error.code === 'interrupted') {
    return { ...describeFailure(error.cause), kind: 'interrupted', retryable: false };
  }
  if (error.code === 'circuit_open') {
    return { kind: 'circuit-open', retryable: false, upstreamFault: false, reason: 'circuit open' };
  }
  if (error.code === 'overloaded') {
    return { kind: 'overloaded', retryable: false, upstreamFault: false, reason: 'upstream queue full' };
  }
  return { kind: 'other', retryable: false, upstreamFault: false, reason: error.code };
}

/** Classifies any error thrown by an upstream call, so retry, breaker and fallback agree. */
export function describeFailure(error: unknown): UpstreamFailure {
  if (isAppError(error)) return describeAppError(error);
  if (error instanceof BrokenCircuitError) {
    return { kind: 'circuit-open', retryable: false, upstreamFault: false, reason: 'circuit open' };
  }
  if (error instanceof BulkheadRejectedError) {
    return {
      kind: 'overloaded',
      retryable: false,
      upstreamFault: false,
      reason: 'too many concurrent calls',
    };
  }
  const bodyError = findBodyError(error);
  if (bodyError) {
    return {
      kind: 'malformed',
      retryable: true,
      upstreamFault: true,
      reason: `not the expected ${bodyError.expected}: ${bodyError.received}`,
    };
  }
  if (isUpstreamTimeoutError(error)) {
    const ours = error.phase === 'turn';
    return {
      kind: 'timeout',
      retryable: error.phase === 'first-token' || error.phase === 'call',
      upstreamFault: !ours,
      reason: `no ${phaseWaitingFor[error.phase]} within ${error.limitMs} ms`,
    };
  }
  const status = field(error, 'status');
  if (typeof status === 'number' && status >= 400) {
    const retryable = retryableStatuses.has(status) || status >= 500;
    const headers = field(error, 'headers') as Headers | Record<string, string> | undefined;
    return {
      kind: 'http',
      status,
      retryAfterMs: parseRetryAfterMs(headers),
      retryable,
      upstreamFault: retryable,
      reason: `HTTP ${status}`,
    };
  }
  if (isAbort(error)) return { kind: 'aborted', retryable: false, upstreamFault: false, reason: 'aborted' };
  if (isConnectionError(error)) {
    return { kind: 'connection', retryable: true, upstreamFault: true, reason: 'connection failed' };
  }
  if (error instanceof SyntaxError) {
    return { kind: 'malformed', retryable: true, upstreamFault: true, reason: 'malformed response' };
  }
  // Unknown errors from the model client still say something is wrong upstream, but
  // repeating an unexplained failure is not worth the wait.
  return { kind: 'other', retryable: false, upstreamFault: true, reason: 'unexpected error' };
}

/**
 * The AppError a client sees for a failed answer: timeouts, provider rate limits, an open
 * circuit or an unavailable provider. Internal detail stays in `detail` for the logs.
 */
export function toUpstreamAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const failure = describeFailure(error);
  const detail = `${failure.reason}: ${error instanceof Error ? error.message : String(error)}`;
  if (isUpstreamTimeoutError(error)) {
    const seconds = Math.round(error.limitMs / 1000);
    const publicMessage = {
      turn: `The answer took longer than ${seconds} s and was stopped. Please try again.`,
      'first-token': `The model did not start answering within ${seconds} s. Please try again.`,
      idle: `The model stopped responding for ${seconds} s. Please try again.`,
      call: `The provider did not respond within ${seconds} s. Please try again.`,
    }[error.phase];
    return new AppError('timeout', { publicMessage, detail, cause: error });
  }
  if (failure.kind === 'circuit-open') return new AppError('circuit_open', { detail, cause: error });
  if (failure.kind === 'overloaded')
    return new AppError('overloaded', { detail, cause: error, retryAfterSeconds: 1 });
  if (failure.status === 429) {
    const retryAfterSeconds =
      failure.retryAfterMs === undefined ? undefined : Math.ceil(failure.retryAfterMs / 1000);
    return new AppError('upstream_rate_limited', { detail, cause: error, retryAfterSeconds });
  }
  return new AppError('upstream_unavailable', { detail, cause: error });
}

/**
 * The error for an answer that failed after text was already sent: never retried, and the
 * agent keeps the partial answer and marks the turn interrupted.
 */
export function interruptedError(cause: unknown): AppError {
  const failure = describeFailure(cause);
  const publicMessage = isUpstreamTimeoutError(cause)
    ? cause.phase === 'turn'
      ? `The answer took longer than ${Math.round(cause.limitMs / 1000)} s and was cut off; it is incomplete.`
      : 'The model stopped responding mid-answer; the answer above is incomplete.'
    : undefined;
  return new AppError('interrupted', { publicMessage, detail: `interrupted: ${failure.reason}`, cause });
}

/** True for an answer cut off after its first token (keep the partial text, mark the turn). */
export function isInterrupted(error: unknown): boolean {
  return isAppError(error) && error.code === 'interrupted';
}
