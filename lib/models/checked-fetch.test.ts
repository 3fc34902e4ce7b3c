import { describe, expect, it } from 'vitest';
import { describeFailure } from '../resilience/upstream-errors';
import { createCheckedFetch } from './checked-fetch';
import { UpstreamBodyError } from './upstream-body-error';

const replying =
  (body: string, init: ResponseInit): typeof fetch =>
  async () =>
    new Response(body, init);

describe('createCheckedFetch', () => {
  it('passes a reply of the expected type, and error statuses whatever their type', async () => {
    const stream = createCheckedFetch(
      'event-stream',
      replying('data: {}\n\n', { headers: { 'content-type': 'text/event-stream; charset=utf-8' } }),
    );
    expect((await stream('http://upstream/v1/chat/completions')).status).toBe(200);
    const json = createCheckedFetch(
      'json',
      replying('{}', { headers: { 'content-type': 'application/json' } }),
    );
    expect((await json('http://upstream/v1/embeddings')).status).toBe(200);
    const failed = createCheckedFetch(
      'json',
      replying('<html>502</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    );
    expect((await failed('http://upstream/v1/embeddings')).status).toBe(502);
  });

  it('refuses a 200 HTML page or JSON where a stream belongs, as a retryable upstream fault', async () => {
    const html = createCheckedFetch(
      'event-stream',
      replying('<html></html>', { headers: { 'content-type': 'text/html' } }),
    );
    const error = await html('http://upstream/v1/chat/completions').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamBodyError);
    expect(describeFailure(error)).toMatchObject({ kind: 'malformed', retryable: true, upstreamFault: true });
    expect(describeFailure(new Error('Connection error.', { cause: error })).reason).toContain('text/html');

    const json = createCheckedFetch(
      'event-stream',
      replying('{}', { headers: { 'content-type': 'application/json' } }),
    );
    await expect(json('http://upstream/v1/chat/completions')).rejects.toMatchObject({
      received: 'application/json',
    });
  });
});
