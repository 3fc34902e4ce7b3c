import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerChatCompletion } from './fake-chat-completions';
import { answerEmbeddings } from './fake-embeddings';
import {
  type FakeExchange,
  type RecordedRequest,
  realClearTimeout,
  realNow,
  realSetTimeout,
} from './fake-upstream-exchange';
import {
  behaviourSchema,
  controlDefaultSchema,
  controlScriptSchema,
  type FakeBehaviour,
  type FakeEndpoint,
  readBody,
  sendJson,
} from './fake-upstream-protocol';

export type { RecordedRequest } from './fake-upstream-exchange';
export {
  defaultAnswer,
  type FakeBehaviour,
  type FakeEndpoint,
  fakeEmbedding,
  tokenize,
} from './fake-upstream-protocol';

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
  /** How many model-list requests (GET /v1/models, what health probes ask) arrived since the last reset. */
  modelListRequests(): number;
  /** Resolves when `predicate` holds for the recorded requests; rejects after `timeoutMs` (real time). */
  waitFor(predicate: (requests: RecordedRequest[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Clears queues, defaults and recorded requests, and drops connections still open. */
  reset(): void;
  close(): Promise<void>;
}

const endpoints: Record<
  string,
  { endpoint: FakeEndpoint; answer: (exchange: FakeExchange) => Promise<void> }
> = {
  'POST /v1/chat/completions': { endpoint: 'chat', answer: answerChatCompletion },
  'POST /v1/embeddings': { endpoint: 'embeddings', answer: answerEmbeddings },
};
const modelIds = ['gpt-4o-mini', 'gpt-4o', 'fallback-model', 'text-embedding-3-small'];

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Kept as raw text in the record; the endpoint answers it with a 400.
    return text;
  }
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
  let modelListCount = 0;

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

  const control = (path: string, body: unknown): { status: number; body: unknown } => {
    if (path === '/__control/script') {
      const parsed = controlScriptSchema.safeParse(body);
      if (!parsed.success) return { status: 400, body: { error: parsed.error.message } };
      server.script(parsed.data.behaviours, parsed.data.endpoint);
    } else if (path === '/__control/default') {
      const parsed = controlDefaultSchema.safeParse(body);
      if (!parsed.success) return { status: 400, body: { error: parsed.error.message } };
      server.setDefault(parsed.data.behaviour, parsed.data.endpoint);
    } else if (path === '/__control/reset') {
      server.reset();
    } else {
      return { status: 404, body: { error: 'unknown control endpoint' } };
    }
    return { status: 200, body: { ok: true } };
  };

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    const path = (request.url ?? '/').split('?')[0];
    const route = `${request.method} ${path}`;
    if (route === 'GET /v1/models') {
      modelListCount++;
      const data = modelIds.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' }));
      return sendJson(response, 200, { object: 'list', data });
    }
    if (route === 'GET /__control/requests') return sendJson(response, 200, { requests });
    if (request.method === 'POST' && path.startsWith('/__control/')) {
      const body = parseJson((await readBody(request)) || '{}');
      const result = control(path, body);
      return sendJson(response, result.status, result.body);
    }
    const target = endpoints[route];
    if (!target) {
      return sendJson(response, 404, {
        error: { message: `No route ${route}`, type: 'invalid_request_error', code: null },
      });
    }
    const body = parseJson(await readBody(request));
    const behaviour = queues[target.endpoint].shift() ?? defaults[target.endpoint];
    const entry = record(request, response, body, behaviour);
    await target.answer({
      response,
      body,
      behaviour,
      entry,
      sleep: (milliseconds) => sleep(milliseconds, response),
    });
  };

  const httpServer = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
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
    modelListRequests: () => modelListCount,
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
      modelListCount = 0;
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
