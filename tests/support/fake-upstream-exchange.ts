import type http from 'node:http';
import type { FakeBehaviour } from './fake-upstream-protocol';
import { openAIError, sendHtmlErrorPage, sendJson } from './fake-upstream-protocol';

// Captured at load time so tests that install vitest fake timers still get a fake upstream
// that answers in real time: it is the world outside the process under test.
export const realSetTimeout = globalThis.setTimeout.bind(globalThis);
export const realClearTimeout = globalThis.clearTimeout.bind(globalThis);
export const realNow = Date.now.bind(Date);

/** One request the fake upstream received, with what happened to its connection. */
export interface RecordedRequest {
  id: number;
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON when the body was JSON, else the raw text. */
  body: unknown;
  behaviour: FakeBehaviour['kind'];
  receivedAt: number;
  /** Content tokens (or embeddings) written to the client. */
  tokensSent: number;
  /** The response was fully written. */
  completed: boolean;
  /** The connection closed (either side). */
  closed: boolean;
  /** The client went away before the response was complete (timeout, abort, retry). */
  aborted: boolean;
  closedAt?: number;
}

/** Everything an endpoint handler needs to answer one request the way its behaviour says. */
export interface FakeExchange {
  response: http.ServerResponse;
  body: unknown;
  behaviour: FakeBehaviour;
  entry: RecordedRequest;
  /** Waits in real time; false when the client went away meanwhile. */
  sleep(milliseconds: number): Promise<boolean>;
}

/** Answers the behaviours every endpoint shares (429, error status, stall, HTML page); true when it did. */
export function answerCommonFault(exchange: FakeExchange): boolean {
  const { behaviour, response } = exchange;
  switch (behaviour.kind) {
    case 'rate-limit': {
      const headers: Record<string, string> = {};
      if (behaviour.retryAfterSeconds !== undefined)
        headers['retry-after'] = String(behaviour.retryAfterSeconds);
      if (behaviour.retryAfterMs !== undefined) headers['retry-after-ms'] = String(behaviour.retryAfterMs);
      sendJson(
        response,
        429,
        { error: { message: 'Rate limit reached (fake)', type: 'requests', code: 'rate_limit_exceeded' } },
        headers,
      );
      return true;
    }
    case 'error':
      sendJson(response, behaviour.status, openAIError(behaviour.status));
      return true;
    case 'html':
      sendHtmlErrorPage(response);
      return true;
    case 'stall':
      // Never answers, not even headers, until the client gives up.
      return true;
    default:
      return false;
  }
}

/** Answers a body that fails the endpoint's schema with a 400 like OpenAI's. */
export function answerInvalidRequest(response: http.ServerResponse, message: string): void {
  sendJson(response, 400, {
    error: { message: `Invalid request: ${message}`, type: 'invalid_request_error', code: null },
  });
}
