import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  behaviourSchema,
  chatRequestSchema,
  controlDefaultSchema,
  controlScriptSchema,
  DEFAULT_EMBEDDING_DIMENSIONS,
  defaultAnswer,
  embeddingRequestSchema,
  type FakeBehaviour,
  type FakeEndpoint,
  fakeEmbedding,
  messageText,
  openAIError,
  readBody,
  sendJson,
  tokenize,
} from './fake-upstream-protocol';

export {
  defaultAnswer,
  type FakeBehaviour,
  type FakeEndpoint,
  fakeEmbedding,
  tokenize,
} from './fake-upstream-protocol';

// Captured at load time so tests that install vitest fake timers still get a server that
// answers in real time: the fake upstream is the world outside the process under test.
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realClearTimeout = globalThis.clearTimeout.bind(globalThis);
const realNow = Date.now.bind(Date);

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
  /** Content tokens written to the client. */
  tokensSent: number;
  /** The response was fully written. */
  completed: boolean;
  /** The connection closed (either side). */
  closed: boolean;
  /** The client went away before the response was complete (timeout, abort, retry). */
  aborted: boolean;
  closedAt?: number;
}

export interface FakeOpenAIServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** `url + '/v1'`, what OpenAI clients take as baseURL. */
  baseURL: string;
  /** Queues behaviours, consumed one per request (chat completions unless `endpoint` says otherwise). */
  script(behaviours: FakeBehaviour[], endpoint?: FakeEndpoint): void;
  /** What happens once the queue is empty (initially `{ kind: 'ok' }`). */
  setDefault(behaviour: FakeBehaviour, endpoint?: FakeEndpoint): void;
  requests: RecordedRequest[];
  /** Resolves when `predicate` holds for the recorded requests; rejects after `timeoutMs` (real time). */
  waitFor(predicate: (requests: RecordedRequest[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Clears queues, defaults and recorded requests, and drops connections still open. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * Starts a fake OpenAI-compatible upstream on 127.0.0.1 (loopback only) with scriptable faults.
 * Control endpoints (`/__control/*`) let another process script it.
 */
export async function createFakeOpenAIServer(options: { port?: number } = {}): Promise<FakeOpenAIServer> {
  const queues: Record<FakeEndpoint, FakeBehaviour[]> = { chat: [], embeddings: [] };
  const defaults: Record<FakeEndpoint, FakeBehaviour> = { chat: { kind: 'ok' }, embeddings: { kind: 'ok' } };
  const requests: RecordedRequest[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const openResponses = new Set<http.ServerResponse>();
  let nextId = 1;

  const sleep = (milliseconds: number, response: http.ServerResponse) =>
    new Promise<boolean>((resolve) => {
      if (milliseconds <= 0) return resolve(!response.destroyed);
      const onClose = () => {
        realClearTimeout(timer);
        timers.delete(timer);
        resolve(false);
      };
      const timer = realSetTimeout(() => {
        timers.delete(timer);
        response.off('close', onClose);
        resolve(!response.destroyed);
      }, milliseconds);
      timers.add(timer);
      response.once('close', onClose);
    });

  const nextBehaviour = (endpoint: FakeEndpoint): FakeBehaviour =>
    queues[endpoint].shift() ?? defaults[endpoint];

  const record = (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    body: unknown,
    behaviour: FakeBehaviour,
  ): RecordedRequest => {
    const entry: RecordedRequest = {
      id: nextId++,
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers: request.headers,
      body,
      behaviour: behaviour.kind,
      receivedAt: realNow(),
      tokensSent: 0,
      completed: false,
      closed: false,
      aborted: false,
    };
    requests.push(entry);
    openResponses.add(response);
    response.on('finish', () => {
      entry.completed = true;
    });
    response.on('close', () => {
      entry.closed = true;
      entry.closedAt = realNow();
      entry.aborted = !entry.completed;
      openResponses.delete(response);
    });
    return entry;
  };

  /** Handles the behaviours that do not depend on the endpoint; true when it answered. */
  const handleFault = (behaviour: FakeBehaviour, response: http.ServerResponse): boolean => {
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
      case 'stall':
        return true;
      default:
        return false;
    }
  };

  const handleChat = async (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    rawBody: string,
  ): Promise<void> => {
    let parsedBody: unknown = rawBody;
    try {
      parsedBody = JSON.parse(rawBody);
    } catch {
      // Kept as raw text in the record; answered with 400 below.
    }
    const behaviour = nextBehaviour('chat');
    const entry = record(request, response, parsedBody, behaviour);
    const parsed = chatRequestSchema.safeParse(parsedBody);
    if (!parsed.success) {
      sendJson(response, 400, {
        error: {
          message: `Invalid request: ${parsed.error.message}`,
          type: 'invalid_request_error',
          code: null,
        },
      });
      return;
    }
    if (handleFault(behaviour, response)) return;

    const chatRequest = parsed.data;
    const lastUser = [...chatRequest.messages].reverse().find((message) => message.role === 'user');
    const text = (behaviour.kind === 'ok' && behaviour.text) || defaultAnswer(messageText(lastUser?.content));
    const tokens = tokenize(text);
    const promptTokens = chatRequest.messages.reduce(
      (sum, message) => sum + tokenize(messageText(message.content)).length + 4,
      0,
    );
    const id = `chatcmpl-${randomUUID()}`;
    const created = Math.floor(realNow() / 1000);
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: tokens.length,
      total_tokens: promptTokens + tokens.length,
    };
    const firstTokenDelay = behaviour.kind === 'ok' ? (behaviour.firstTokenDelayMs ?? 0) : 0;
    const tokenDelay = behaviour.kind === 'ok' ? (behaviour.tokenDelayMs ?? 0) : 0;

    if (!chatRequest.stream) {
      if (behaviour.kind !== 'ok') {
        // A non-streamed answer cannot be partial: stall-after stalls, drop drops, malformed is garbage.
        if (behaviour.kind === 'drop') response.socket?.destroy();
        if (behaviour.kind === 'malformed') {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{"id": "broken", "choices": [');
        }
        return;
      }
      if (!(await sleep(firstTokenDelay + tokenDelay * tokens.length, response))) return;
      entry.tokensSent = tokens.length;
      sendJson(response, 200, {
        id,
        object: 'chat.completion',
        created,
        model: chatRequest.model,
        system_fingerprint: 'fp_fake',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: text, refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage,
      });
      return;
    }

    const includeUsage = chatRequest.stream_options?.include_usage === true;
    const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
      `data: ${JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model: chatRequest.model,
        system_fingerprint: 'fp_fake',
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
        ...(includeUsage ? { usage: null } : {}),
      })}\n\n`;

    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-request-id': `req_${entry.id}`,
    });
    response.flushHeaders();
    if (!(await sleep(firstTokenDelay, response))) return;
    response.write(chunk({ role: 'assistant', content: '', refusal: null }, null));

    const limit =
      behaviour.kind === 'stall-after'
        ? behaviour.tokens
        : behaviour.kind === 'drop'
          ? behaviour.afterTokens
          : behaviour.kind === 'malformed'
            ? (behaviour.afterTokens ?? 0)
            : tokens.length;
    for (let index = 0; index < Math.min(limit, tokens.length); index++) {
      if (index > 0 && !(await sleep(tokenDelay, response))) return;
      if (response.destroyed) return;
      response.write(chunk({ content: tokens[index] }, null));
      entry.tokensSent++;
    }

    if (behaviour.kind === 'stall-after') return;
    if (behaviour.kind === 'drop') {
      // Let the written tokens reach the client before the connection dies, as a real reset would.
      realSetTimeout(() => response.socket?.destroy(), 5);
      return;
    }
    if (behaviour.kind === 'malformed') {
      response.write('data: {"id": "broken", "choices": [{"delta": \n\n');
      response.end('data: [DONE]\n\n');
      return;
    }
    response.write(chunk({}, 'stop'));
    if (includeUsage) {
      response.write(
        `data: ${JSON.stringify({
          id,
          object: 'chat.completion.chunk',
          created,
          model: chatRequest.model,
          system_fingerprint: 'fp_fake',
          choices: [],
          usage,
        })}\n\n`,
      );
    }
    response.end('data: [DONE]\n\n');
  };

  const handleEmbeddings = async (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    rawBody: string,
  ): Promise<void> => {
    let parsedBody: unknown = rawBody;
    try {
      parsedBody = JSON.parse(rawBody);
    } catch {
      // Answered with 400 below.
    }
    const behaviour = nextBehaviour('embeddings');
    const entry = record(request, response, parsedBody, behaviour);
    const parsed = embeddingRequestSchema.safeParse(parsedBody);
    if (!parsed.success) {
      sendJson(response, 400, {
        error: {
          message: `Invalid request: ${parsed.error.message}`,
          type: 'invalid_request_error',
          code: null,
        },
      });
      return;
    }
    if (handleFault(behaviour, response)) return;
    if (behaviour.kind === 'stall-after') return;
    if (behaviour.kind === 'drop') {
      response.socket?.destroy();
      return;
    }
    if (behaviour.kind === 'malformed') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"object": "list", "data": [');
      return;
    }
    const delay = behaviour.kind === 'ok' ? (behaviour.firstTokenDelayMs ?? 0) : 0;
    if (!(await sleep(delay, response))) return;
    const inputs = typeof parsed.data.input === 'string' ? [parsed.data.input] : parsed.data.input;
    const dimensions = parsed.data.dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS;
    const promptTokens = inputs.reduce((sum, input) => sum + tokenize(input).length, 0);
    entry.tokensSent = inputs.length;
    sendJson(response, 200, {
      object: 'list',
      data: inputs.map((input, index) => {
        const vector = fakeEmbedding(input, dimensions);
        // The official client asks for base64 (little-endian float32) unless told otherwise.
        const embedding =
          parsed.data.encoding_format === 'base64'
            ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
            : vector;
        return { object: 'embedding', index, embedding };
      }),
      model: parsed.data.model,
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    });
  };

  const handleControl = (path: string, response: http.ServerResponse, rawBody: string): void => {
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : {};
    } catch {
      sendJson(response, 400, { error: 'body must be JSON' });
      return;
    }
    if (path === '/__control/script') {
      const parsed = controlScriptSchema.safeParse(body);
      if (!parsed.success) {
        sendJson(response, 400, { error: parsed.error.message });
        return;
      }
      server.script(parsed.data.behaviours, parsed.data.endpoint);
    } else if (path === '/__control/default') {
      const parsed = controlDefaultSchema.safeParse(body);
      if (!parsed.success) {
        sendJson(response, 400, { error: parsed.error.message });
        return;
      }
      server.setDefault(parsed.data.behaviour, parsed.data.endpoint);
    } else if (path === '/__control/reset') {
      server.reset();
    } else {
      sendJson(response, 404, { error: 'unknown control endpoint' });
      return;
    }
    sendJson(response, 200, { ok: true });
  };

  const httpServer = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const route = `${request.method} ${path}`;
    if (route === 'GET /v1/models') {
      const models = ['gpt-4o-mini', 'gpt-4o', 'fallback-model', 'text-embedding-3-small'];
      sendJson(response, 200, {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })),
      });
      return;
    }
    if (route === 'GET /__control/requests') {
      sendJson(response, 200, { requests });
      return;
    }
    const handlers: Record<string, (body: string) => Promise<void> | void> = {
      'POST /v1/chat/completions': (body) => handleChat(request, response, body),
      'POST /v1/embeddings': (body) => handleEmbeddings(request, response, body),
      'POST /__control/script': (body) => handleControl(path, response, body),
      'POST /__control/default': (body) => handleControl(path, response, body),
      'POST /__control/reset': (body) => handleControl(path, response, body),
    };
    const handler = handlers[route];
    if (!handler) {
      sendJson(response, 404, {
        error: { message: `No route ${route}`, type: 'invalid_request_error', code: null },
      });
      return;
    }
    readBody(request)
      .then(handler)
      .catch((error: unknown) => {
        if (!response.headersSent) sendJson(response, 500, { error: { message: String(error) } });
        else response.destroy();
      });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const server: FakeOpenAIServer = {
    url,
    baseURL: `${url}/v1`,
    script(behaviours, endpoint = 'chat') {
      queues[endpoint].push(...behaviours.map((behaviour) => behaviourSchema.parse(behaviour)));
    },
    setDefault(behaviour, endpoint = 'chat') {
      defaults[endpoint] = behaviourSchema.parse(behaviour);
    },
    requests,
    waitFor(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const started = realNow();
        const check = () => {
          if (predicate(requests)) return resolve();
          if (realNow() - started > timeoutMs) {
            return reject(new Error(`fake upstream: condition not met within ${timeoutMs} ms`));
          }
          realSetTimeout(check, 5);
        };
        check();
      });
    },
    reset() {
      queues.chat = [];
      queues.embeddings = [];
      defaults.chat = { kind: 'ok' };
      defaults.embeddings = { kind: 'ok' };
      requests.length = 0;
      for (const timer of timers) realClearTimeout(timer);
      timers.clear();
      // Only upstream calls: the control request asking for the reset must still get its answer.
      for (const response of openResponses) response.destroy();
      openResponses.clear();
    },
    close() {
      for (const timer of timers) realClearTimeout(timer);
      timers.clear();
      httpServer.closeAllConnections();
      return new Promise((resolve, reject) =>
        httpServer.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
  return server;
}
