import { UpstreamBodyError } from './upstream-body-error';

/** What a successful upstream reply must be: an SSE stream (streamed answers) or JSON (everything else). */
export type ExpectedBody = 'event-stream' | 'json';

const contentTypePatterns: Record<ExpectedBody, RegExp> = {
  'event-stream': /^text\/event-stream\b/i,
  json: /^application\/([\w.+-]+\+)?json\b/i,
};

/**
 * A `fetch` for the openai client that refuses a 2xx reply whose body is not what the call
 * expects: a proxy's 200 error page (text/html), or a whole JSON answer where a stream was
 * asked for. The client would read such a body as an empty stream or a shapeless value, and
 * the turn would end as "empty answer" with nothing retried, counted or reported. Error
 * statuses pass through: the client turns them into typed HTTP errors itself.
 */
export function createCheckedFetch(expected: ExpectedBody, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.ok) return response;
    const contentType = response.headers.get('content-type') ?? '';
    if (contentTypePatterns[expected].test(contentType)) return response;
    // Nobody reads this body: release the connection.
    await response.body?.cancel().catch(() => undefined);
    throw new UpstreamBodyError(expected, contentType.split(';')[0].trim() || 'no content type');
  };
}
