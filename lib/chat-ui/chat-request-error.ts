/**
 * The same kind of registry-symbol mark as lib/error-mark.ts gives the server's errors,
 * written out here because browser code imports nothing from lib/ but the shared contracts.
 */
const chatRequestMark = Symbol.for('docs-chat.chat-request-error');

/** A failed HTTP call to the chat API, carrying what the server said in a form the UI can show. */
export class ChatRequestError extends Error {
  override name = 'ChatRequestError';
  readonly status: number;
  readonly code?: string;
  readonly retryAfterSeconds?: number;

  constructor(message: string, options: { status: number; code?: string; retryAfterSeconds?: number }) {
    super(message);
    this.status = options.status;
    this.code = options.code;
    this.retryAfterSeconds = options.retryAfterSeconds;
    Object.defineProperty(this, chatRequestMark, { value: true });
  }
}

/** True for a ChatRequestError from any copy of this module (the client bundle may hold two). */
export function isChatRequestError(value: unknown): value is ChatRequestError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[chatRequestMark] === true
  );
}

/** The `{ error: { code, message } }` body the API sends, if `text` is one. */
export function parseErrorBody(text: string): { code: string; message: string } | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
    const error: unknown = body.error;
    if (typeof error !== 'object' || error === null) return undefined;
    const code = 'code' in error && typeof error.code === 'string' ? error.code : 'unknown';
    const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
    return { code, message };
  } catch {
    return undefined;
  }
}

/** Seconds from a `Retry-After` header (seconds or an HTTP date), or undefined when absent or invalid. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Reads a non-OK response into a {@link ChatRequestError}. */
export async function chatRequestErrorFrom(response: Response): Promise<ChatRequestError> {
  const text = await response.text().catch(() => '');
  const body = parseErrorBody(text);
  const message = body?.message || `The server answered ${response.status} ${response.statusText}`.trim();
  return new ChatRequestError(message, {
    status: response.status,
    code: body?.code,
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
  });
}

/**
 * A `fetch` for the chat transport: failed responses become a {@link ChatRequestError}
 * so the UI can show the server's message and the Retry-After wait.
 */
export async function fetchChat(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (!response.ok) throw await chatRequestErrorFrom(response);
  return response;
}

/** What the error banner shows for an error from the chat hook. */
export interface ChatErrorView {
  message: string;
  code?: string;
  /** Set for rate limits: how long to wait before retrying, counted from when the error arrived. */
  retryAfterSeconds?: number;
}

/**
 * Turns any error the chat hook reports into a clear message: API error bodies, errors sent
 * inside the stream, and network failures.
 */
export function describeChatError(error: Error): ChatErrorView {
  if (isChatRequestError(error)) {
    if (error.status === 429) {
      return {
        message: error.message || 'Too many requests.',
        code: error.code ?? 'rate_limited',
        retryAfterSeconds: error.retryAfterSeconds ?? 0,
      };
    }
    return { message: error.message, code: error.code };
  }
  const body = parseErrorBody(error.message);
  if (body) return { message: body.message || 'Something went wrong.', code: body.code };
  if (error instanceof TypeError || /failed to fetch|network/i.test(error.message)) {
    return { message: 'Could not reach the server. Check your connection and try again.', code: 'network' };
  }
  return { message: error.message || 'Something went wrong while answering.' };
}

/** The banner text for a rate limit, given the seconds still to wait. */
export function rateLimitMessage(secondsLeft: number): string {
  return secondsLeft > 0
    ? `Too many requests, retry in ${secondsLeft} s.`
    : 'Too many requests. You can retry now.';
}
