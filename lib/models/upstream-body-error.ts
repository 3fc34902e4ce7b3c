import { errorMark, hasErrorMark, markError } from '../error-mark';

const upstreamBodyMark = errorMark('upstream-body-error');

/**
 * A successful status with a body that is not what the call expects (HTML where a stream or
 * JSON belongs, a stream with no chunk in it): the upstream failed, whatever its status said.
 */
export class UpstreamBodyError extends Error {
  readonly expected: string;
  readonly received: string;

  constructor(expected: string, received: string) {
    super(`expected ${expected}, received ${received}`);
    this.name = 'UpstreamBodyError';
    this.expected = expected;
    this.received = received;
    markError(this, upstreamBodyMark);
  }
}

/** True for an UpstreamBodyError from any copy of this module. */
export function isUpstreamBodyError(value: unknown): value is UpstreamBodyError {
  return hasErrorMark(value, upstreamBodyMark);
}

/** The body error itself, or the one the openai client wrapped (as a connection error's cause). */
export function findBodyError(error: unknown, depth = 0): UpstreamBodyError | undefined {
  if (isUpstreamBodyError(error)) return error;
  if (!(error instanceof Error) || depth > 3) return undefined;
  return findBodyError(error.cause, depth + 1);
}
