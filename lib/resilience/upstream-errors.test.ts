import { BrokenCircuitError, BulkheadRejectedError } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import {
  describeFailure,
  interruptedError,
  isInterrupted,
  toUpstreamAppError,
  UpstreamTimeoutError,
} from './upstream-errors';

const http = (status: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`HTTP ${status}`), { status, headers: new Headers(headers) });

describe('describeFailure', () => {
  it('retries only 408, 409, 429 and 5xx among HTTP errors', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 504])
      expect(describeFailure(http(status)).retryable).toBe(true);
    for (const status of [400, 401, 403, 404, 422]) {
      expect(describeFailure(http(status))).toMatchObject({ retryable: false, upstreamFault: false });
    }
    expect(describeFailure(http(429, { 'retry-after': '4' })).retryAfterMs).toBe(4_000);
  });

  it('treats socket and fetch failures as retryable connection errors', () => {
    const terminated = new TypeError('terminated', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const named = Object.assign(new Error('Connection error.'), { name: 'APIConnectionError' });
    for (const error of [terminated, refused, named, new TypeError('fetch failed')]) {
      expect(describeFailure(error)).toMatchObject({
        kind: 'connection',
        retryable: true,
        upstreamFault: true,
      });
    }
  });

  it('classifies our deadlines, aborts, malformed replies and policy rejections', () => {
    expect(describeFailure(new UpstreamTimeoutError('first-token', 10))).toMatchObject({
      retryable: true,
      upstreamFault: true,
    });
    expect(describeFailure(new UpstreamTimeoutError('turn', 10))).toMatchObject({
      retryable: false,
      upstreamFault: false,
    });
    expect(describeFailure(new DOMException('stop', 'AbortError'))).toMatchObject({
      kind: 'aborted',
      upstreamFault: false,
    });
    expect(describeFailure(new SyntaxError('Unexpected end of JSON input'))).toMatchObject({
      kind: 'malformed',
      retryable: true,
    });
    expect(describeFailure(new BrokenCircuitError())).toMatchObject({
      kind: 'circuit-open',
      retryable: false,
    });
    expect(describeFailure(new BulkheadRejectedError(1, 0))).toMatchObject({
      kind: 'overloaded',
      retryable: false,
    });
    expect(describeFailure(new Error('who knows'))).toMatchObject({
      kind: 'other',
      retryable: false,
      upstreamFault: true,
    });
  });

  it('an interruption keeps its cause’s health verdict but is never retried', () => {
    const dropped = interruptedError(new TypeError('terminated'));
    expect(describeFailure(dropped)).toMatchObject({
      kind: 'interrupted',
      retryable: false,
      upstreamFault: true,
    });
    const cutByDeadline = interruptedError(new UpstreamTimeoutError('turn', 60_000));
    expect(describeFailure(cutByDeadline).upstreamFault).toBe(false);
    expect(cutByDeadline.publicMessage).toContain('longer than 60 s');
    expect(isInterrupted(dropped)).toBe(true);
    expect(isInterrupted(new AppError('timeout'))).toBe(false);
  });
});

describe('toUpstreamAppError', () => {
  it('maps failures to client-safe codes, keeping detail for logs only', () => {
    expect(toUpstreamAppError(http(429, { 'retry-after': '7' }))).toMatchObject({
      code: 'upstream_rate_limited',
      retryAfterSeconds: 7,
    });
    expect(toUpstreamAppError(http(500))).toMatchObject({ code: 'upstream_unavailable', status: 503 });
    expect(toUpstreamAppError(new UpstreamTimeoutError('first-token', 15_000))).toMatchObject({
      code: 'timeout',
      publicMessage: 'The model did not start answering within 15 s. Please try again.',
    });
    expect(toUpstreamAppError(new BulkheadRejectedError(1, 0))).toMatchObject({ code: 'overloaded' });
    const existing = new AppError('circuit_open');
    expect(toUpstreamAppError(existing)).toBe(existing);
    expect(toUpstreamAppError(http(500)).publicMessage).not.toContain('HTTP 500');
  });
});
