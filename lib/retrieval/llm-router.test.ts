import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeOpenAIServer, type FakeOpenAIServer } from '@/tests/support/fake-openai-server';
import { waitUntil } from '@/tests/support/real-time';
import { setConfig } from '../config';
import type { JsonModel } from '../contracts/models';
import type { RouteDecision } from '../contracts/retrieval';
import { getRouterModel } from '../providers/registry';
import { resetResilienceState } from '../resilience/reset-resilience-state';
import { routerTimeoutMs, routeWithModel } from './llm-router';

let server: FakeOpenAIServer;

const collections = [
  { name: 'python', description: 'Python 3 language and standard library', documents: 12 },
  { name: 'javascript', description: 'Node.js runtime APIs', documents: 9 },
];
const local: RouteDecision = {
  collections: ['python'],
  scores: { python: 0.7, javascript: 0.3 },
  reason: 'best match: python (retrieval 0.70, vocabulary 0.60)',
  confidence: 0.7,
  pinned: false,
};
const question = 'How do I cancel a pending request?';

function configure(overrides: Record<string, string> = {}): JsonModel {
  setConfig({
    ROUTER: 'llm',
    OPENAI_API_KEY: 'test',
    OPENAI_BASE_URL: server.baseURL,
    CHAT_MODEL: 'gpt-4o-mini',
    BREAKER_FAILURES: '2',
    UPSTREAM_REQUESTS_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
  resetResilienceState();
  const model = getRouterModel();
  if (!model) throw new Error('expected a router model');
  return model;
}

function route(model: JsonModel, signal = new AbortController().signal) {
  return routeWithModel(model, question, collections, local, { signal });
}

beforeAll(async () => {
  server = await createFakeOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());
afterEach(() => {
  vi.useRealTimers();
  setConfig({});
});

describe('LLM router', () => {
  it('is chosen by the registry only with ROUTER=llm and a remote model', () => {
    expect(configure().id).toBe('gpt-4o-mini');
    setConfig({ ROUTER: 'local', OPENAI_BASE_URL: server.baseURL });
    expect(getRouterModel()).toBeUndefined();
    setConfig({ ROUTER: 'llm', OPENAI_API_KEY: '', OPENAI_BASE_URL: '' });
    expect(getRouterModel()).toBeUndefined();
  });

  it('routes with the model answer, validated, asking in JSON mode with the known collections', async () => {
    const model = configure();
    server.script([
      {
        kind: 'ok',
        text: '{"collections": ["javascript"], "confidence": 0.86, "reason": "AbortController is a Node.js API"}',
      },
    ]);
    expect(await route(model)).toEqual({
      collections: ['javascript'],
      scores: { python: 0, javascript: 0.86 },
      reason: 'LLM router (gpt-4o-mini): AbortController is a Node.js API',
      confidence: 0.86,
      pinned: false,
    });
    expect(server.requests).toHaveLength(1);
    const body = server.requests[0].body as {
      stream?: boolean;
      response_format: unknown;
      messages: { role: string; content: string }[];
    };
    expect(body.stream).toBeFalsy();
    expect(body.response_format).toEqual({ type: 'json_object' });
    const prompt = body.messages.map((message) => message.content).join('\n');
    expect(prompt).toContain('- python: Python 3 language and standard library (12 documents)');
    expect(prompt).toContain('- javascript: Node.js runtime APIs (9 documents)');
    expect(prompt).toContain(question);
  });

  it('accepts several collections (deduplicated, any case) and a fenced reply', async () => {
    const model = configure();
    server.script([
      {
        kind: 'ok',
        text: '```json\n{"collections": ["Python", "javascript", "python"], "confidence": 0.5, "reason": "both have it"}\n```',
      },
    ]);
    const decision = await route(model);
    expect(decision.collections).toEqual(['python', 'javascript']);
    expect(decision.scores).toEqual({ python: 0.5, javascript: 0.5 });
  });

  it.each([
    ['text that is not JSON', 'I think python.', 'the answer was not JSON'],
    [
      'an unknown collection',
      '{"collections": ["cobol"], "confidence": 0.9, "reason": "old"}',
      'invalid answer (collections.0: ',
    ],
    [
      'a confidence above 1',
      '{"collections": ["python"], "confidence": 7, "reason": "sure"}',
      'invalid answer (confidence: ',
    ],
    [
      'no collections',
      '{"collections": [], "confidence": 0.9, "reason": "none"}',
      'invalid answer (collections: ',
    ],
    ['a missing reason', '{"collections": ["python"], "confidence": 0.9}', 'invalid answer (reason: '],
  ])('falls back to the local router on %s, saying so', async (_case, text, why) => {
    const model = configure();
    server.script([{ kind: 'ok', text }]);
    const decision = await route(model);
    expect(decision).toMatchObject({ collections: local.collections, scores: local.scores, confidence: 0.7 });
    expect(decision.reason).toContain(why);
    expect(decision.reason).toMatch(/^LLM router unavailable \(.*\); local router: best match: python/);
  });

  it('falls back on an HTTP error, and once the circuit opens, without calling the model', async () => {
    const model = configure();
    server.setDefault({ kind: 'error', status: 500 });
    expect((await route(model)).reason).toContain('model call failed: HTTP 500');
    await route(model);
    expect(server.requests).toHaveLength(2);
    const decision = await route(model);
    expect(decision.reason).toContain('model call failed: circuit open');
    expect(decision.collections).toEqual(['python']);
    expect(server.requests).toHaveLength(2);
  });

  it('falls back at its deadline, closing the upstream request', async () => {
    const model = configure();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    server.script([{ kind: 'stall' }]);
    const pending = route(model);
    await waitUntil(() => server.requests.length === 1);
    await vi.advanceTimersByTimeAsync(routerTimeoutMs);
    const decision = await pending;
    expect(decision.reason).toContain(`no response within ${routerTimeoutMs} ms`);
    expect(decision.collections).toEqual(['python']);
    await waitUntil(() => server.requests[0].closed);
    expect(server.requests[0].aborted).toBe(true);
  });

  it('rejects with the caller’s reason when the caller aborts, closing the request', async () => {
    const model = configure();
    server.script([{ kind: 'stall' }]);
    const controller = new AbortController();
    const pending = route(model, controller.signal);
    await waitUntil(() => server.requests.length === 1);
    controller.abort(new Error('client gone'));
    await expect(pending).rejects.toThrow('client gone');
    await waitUntil(() => server.requests[0].closed);
  });

  it('makes no call when there is nothing to choose', async () => {
    const model = configure();
    const only = await routeWithModel(model, question, collections.slice(0, 1), local, {
      signal: new AbortController().signal,
    });
    expect(only).toBe(local);
    expect(server.requests).toHaveLength(0);
  });
});
