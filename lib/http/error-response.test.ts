import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../errors';
import { logger } from '../logger';
import { errorResponse, openAIErrorResponse } from './error-response';

afterEach(() => vi.restoreAllMocks());

const responders = { app: errorResponse, openai: openAIErrorResponse };

describe('error responses', () => {
  it('answer the app shape with the code and the safe message only', async () => {
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const response = errorResponse(new AppError('bad_request', { detail: 'field x is secret-ish' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 'bad_request', message: 'The request is not valid.' },
    });
  });

  it('answer the OpenAI shape with the type OpenAI clients map to an error class', async () => {
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const response = openAIErrorResponse(new AppError('upstream_rate_limited', { retryAfterSeconds: 2 }));
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({
      error: {
        message: 'The model provider is rate limiting us. Please try again shortly.',
        type: 'rate_limit_error',
        param: null,
        code: 'upstream_rate_limited',
      },
    });
  });

  it.each(Object.entries(responders))(
    '%s: same headers and log line in both formats',
    async (_format, respond) => {
      const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
      const response = respond(
        new AppError('rate_limited', { detail: 'client 10.0.0.1', retryAfterSeconds: 0.2 }),
        {
          route: '/somewhere',
        },
      );
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.get('retry-after')).toBe('1');
      expect(warn).toHaveBeenCalledWith('request_failed', {
        code: 'rate_limited',
        detail: 'client 10.0.0.1',
        route: '/somewhere',
      });
      expect(JSON.stringify(await response.json())).not.toContain('10.0.0.1');
    },
  );

  it.each(Object.entries(responders))(
    '%s: unknown errors are a logged 500 that hides the message',
    async (_format, respond) => {
      const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
      const response = respond(new Error('database password is hunter2'));
      expect(response.status).toBe(500);
      expect(response.headers.get('retry-after')).toBeNull();
      expect(JSON.stringify(await response.json())).not.toContain('hunter2');
      expect(error).toHaveBeenCalledWith('request_failed', {
        code: 'internal',
        detail: 'database password is hunter2',
      });
    },
  );
});
