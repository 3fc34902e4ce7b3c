import { isUpstreamTimeoutError, UpstreamTimeoutError } from './upstream-errors';

/** A running turn deadline: its signal aborts on expiry; `clear` when the turn ends. */
export interface TurnDeadline {
  signal: AbortSignal;
  clear(): void;
}

export interface TurnDeadlineOptions {
  /** TURN_TIMEOUT_MS: the whole turn, routing + retrieval + generation. */
  limitMs: number;
  /** When the request arrived, on the `now` clock: the deadline counts from there. */
  receivedAt: number;
  now: () => number;
}

/**
 * Starts the deadline of a whole turn, counted from the request's arrival (time already spent
 * on rate limiting, parsing and validation is used up). On expiry its signal aborts with an
 * UpstreamTimeoutError('turn'); combine it with the request's signal (`AbortSignal.any`) and
 * pass that down, so routing, retrieval and the model all stop at the same moment.
 * A timer rather than `AbortSignal.timeout`: the abort reason must say which deadline fired
 * (a client abort is `cancelled`, this is `timeout`), and fake timers must be able to drive it.
 */
export function startTurnDeadline(options: TurnDeadlineOptions): TurnDeadline {
  const controller = new AbortController();
  const expire = () => controller.abort(new UpstreamTimeoutError('turn', options.limitMs));
  const remainingMs = options.limitMs - (options.now() - options.receivedAt);
  if (remainingMs <= 0) {
    expire();
    return { signal: controller.signal, clear: () => undefined };
  }
  const timer = setTimeout(expire, remainingMs);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** True when an abort reason is a turn deadline (not the client leaving or pressing Stop). */
export function isTurnDeadline(reason: unknown): reason is UpstreamTimeoutError {
  return isUpstreamTimeoutError(reason) && reason.phase === 'turn';
}
