import { describe, expect, it } from 'vitest';
import {
  ChatRequestError,
  chatRequestErrorFrom,
  describeChatError,
  parseErrorBody,
  parseRetryAfter,
  rateLimitMessage,
} from './chat-request-error';

describe('parseErrorBody', () => {
  it('reads the API error shape', () => {
    expect(parseErrorBody('{"error":{"code":"timeout","message":"Too slow."}}')).toEqual({
      code: 'timeout',
      message: 'Too slow.',
    });
  });

  it('returns undefined for other text', () => {
    expect(parseErrorBody('boom')).toBeUndefined();
    expect(parseErrorBody('{"message":"x"}')).toBeUndefined();
    expect(parseErrorBody('null')).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('12')).toBe(12);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30);
  });

  it('ignores missing or invalid values', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('chatRequestErrorFrom', () => {
  it('keeps the public message, code and Retry-After of a 429', async () => {
    const response = new Response(
      JSON.stringify({ error: { code: 'rate_limited', message: 'Slow down.' } }),
      {
        status: 429,
        headers: { 'retry-after': '7' },
      },
    );
    const error = await chatRequestErrorFrom(response);
    expect(error).toBeInstanceOf(ChatRequestError);
    expect(error).toMatchObject({
      status: 429,
      code: 'rate_limited',
      retryAfterSeconds: 7,
      message: 'Slow down.',
    });
  });

  it('falls back to the status when the body is not JSON', async () => {
    const error = await chatRequestErrorFrom(
      new Response('<html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect(error.message).toBe('The server answered 502 Bad Gateway');
    expect(error.code).toBeUndefined();
  });
});

describe('describeChatError', () => {
  it('reports rate limits with the wait time', () => {
    const view = describeChatError(
      new ChatRequestError('Too many requests.', { status: 429, code: 'rate_limited', retryAfterSeconds: 5 }),
    );
    expect(view).toEqual({ message: 'Too many requests.', code: 'rate_limited', retryAfterSeconds: 5 });
  });

  it('reads JSON error text sent inside the stream', () => {
    expect(describeChatError(new Error('{"error":{"code":"timeout","message":"Took too long."}}'))).toEqual({
      message: 'Took too long.',
      code: 'timeout',
    });
  });

  it('explains network failures', () => {
    expect(describeChatError(new TypeError('Failed to fetch')).code).toBe('network');
  });

  it('shows plain stream error text as is', () => {
    expect(describeChatError(new Error('The model provider is unavailable right now.')).message).toBe(
      'The model provider is unavailable right now.',
    );
  });
});

describe('rateLimitMessage', () => {
  it('counts down, then says retry is possible', () => {
    expect(rateLimitMessage(3)).toBe('Too many requests, retry in 3 s.');
    expect(rateLimitMessage(0)).toBe('Too many requests. You can retry now.');
  });
});
