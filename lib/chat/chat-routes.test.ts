import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as chat } from '@/app/api/chat/route';
import { GET as collections } from '@/app/api/collections/route';
import { POST as completions } from '@/app/v1/chat/completions/route';
import { createScriptedModel, textSteps } from '@/tests/support/fakes';
import { type RouteServer, serveRoute } from '@/tests/support/route-server';
import { uiChunks } from '@/tests/support/sse';
import { createTurnHarness } from '@/tests/support/turn-harness';
import { logger } from '../logger';
import { createMemoryClientRateLimiter, setClientRateLimiter } from '../resilience/client-rate-limit';
import { setTurnDependencies } from './turn-dependencies';

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://app.test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const userMessage = (text: string) => ({ id: 'u1', role: 'user', parts: [{ type: 'text', text }] });

beforeAll(() => setClientRateLimiter(null));
afterEach(() => {
  setTurnDependencies(undefined);
  setClientRateLimiter(null);
  vi.restoreAllMocks();
});
afterAll(() => setClientRateLimiter(undefined));

describe('POST /api/chat', () => {
  it('streams a turn for a useChat request', async () => {
    const harness = createTurnHarness();
    setTurnDependencies(harness.dependencies);
    const response = await chat(
      post('/api/chat', {
        id: 'c',
        messages: [userMessage('How do I cancel a fetch request?')],
        trigger: 'submit-message',
      }),
    );
    expect(response.status).toBe(200);
    const chunks = await uiChunks(response);
    expect(chunks.some((chunk) => chunk.type === 'data-metrics')).toBe(true);
    expect(harness.records[0].status).toBe('ok');
  });

  it('answers bad input with a 400 JSON error before any stream starts', async () => {
    setTurnDependencies(createTurnHarness({ maxQuestionChars: 100 }).dependencies);
    const cases: [unknown, string][] = [
      ['{not json', 'bad_request'],
      [{ messages: 'nope' }, 'bad_request'],
      [{ messages: [] }, 'bad_request'],
      [{ messages: [userMessage('   ')] }, 'bad_request'],
      [{ messages: [userMessage('x'.repeat(101))] }, 'bad_request'],
      [{ messages: [userMessage('How?')], collection: 'cobol' }, 'unknown_collection'],
    ];
    for (const [body, code] of cases) {
      const response = await chat(post('/api/chat', body));
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect((await response.json()).error.code).toBe(code);
    }
  });

  it('rate limits a client with 429 and an integer Retry-After', async () => {
    setTurnDependencies(createTurnHarness().dependencies);
    setClientRateLimiter(createMemoryClientRateLimiter({ perMinute: 1, burst: 1 }));
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    const first = await chat(
      post('/api/chat', { messages: [userMessage('How do I sort a list?')] }, headers),
    );
    await first.text();
    const second = await chat(
      post('/api/chat', { messages: [userMessage('How do I sort a list?')] }, headers),
    );
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await second.json()).error.code).toBe('rate_limited');
  });
});

describe('turn timing on both chat routes', () => {
  afterEach(() => vi.useRealTimers());

  it('counts TTFT and latency from the request arrival, before rate limiting and body parsing', async () => {
    // Only the monotonic clock is fake: it moves when the test says so, and nothing else waits on it.
    vi.useFakeTimers({ toFake: ['performance'] });
    const harness = createTurnHarness();
    setTurnDependencies(harness.dependencies);
    // A rate limit store that takes 250 ms to answer (e.g. a remote one under load).
    setClientRateLimiter({
      consume: async () => {
        vi.advanceTimersByTime(250);
        return { allowed: true };
      },
    });
    const question = 'How do I cancel a fetch request?';
    await (await chat(post('/api/chat', { messages: [userMessage(question)] }))).text();
    await (
      await completions(
        post('/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: question }] }),
      )
    ).json();
    expect(harness.records.map((record) => [record.endpoint, record.status])).toEqual([
      ['chat', 'ok'],
      ['openai', 'ok'],
    ]);
    for (const record of harness.records) {
      expect(record.ttftMs).toBe(250);
      expect(record.latencyMs).toBe(250);
    }
  });
});

describe('GET /api/collections', () => {
  it('lists the collections for the picker', async () => {
    const response = await collections();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Array.isArray(body.collections)).toBe(true);
  });
});

describe('POST /v1/chat/completions over HTTP', () => {
  let server: RouteServer;
  beforeAll(async () => {
    server = await serveRoute(completions);
  });
  afterAll(() => server.close());

  const client = () => new OpenAI({ apiKey: 'any', baseURL: `${server.url}/v1`, maxRetries: 0 });

  it('streams an answer to the official openai client', async () => {
    const harness = createTurnHarness();
    setTurnDependencies(harness.dependencies);
    const stream = await client().chat.completions.create({
      model: 'anything',
      stream: true,
      messages: [{ role: 'user', content: 'How do I cancel a fetch request?' }],
    });
    let text = '';
    let sources: unknown;
    for await (const chunk of stream) {
      sources ??= (chunk as unknown as { sources?: unknown }).sources;
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text).toMatch(/\[1\]/);
    expect(Array.isArray(sources)).toBe(true);
  });

  it('cancels the upstream request when the client aborts, and logs it', async () => {
    const info = vi.spyOn(logger, 'info');
    const answerModel = createScriptedModel([...textSteps('Streaming slowly'), { type: 'wait', ms: 60_000 }]);
    const harness = createTurnHarness({ answerModel });
    setTurnDependencies(harness.dependencies);
    const controller = new AbortController();
    const stream = await client().chat.completions.create(
      { model: 'm', stream: true, messages: [{ role: 'user', content: 'How do I cancel a fetch request?' }] },
      { signal: controller.signal },
    );
    const consume = (async () => {
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content?.includes('slowly')) controller.abort();
      }
    })();
    // The openai client ends the iteration quietly when its own signal aborts.
    await consume;
    await vi.waitFor(() => expect(harness.records).toHaveLength(1));
    expect(harness.records[0].status).toBe('cancelled');
    expect(answerModel.aborted).toBe(true);
    expect(info).toHaveBeenCalledWith(
      'upstream_cancelled',
      expect.objectContaining({ turnId: harness.records[0].id }),
    );
  });

  it('returns OpenAI-shaped errors', async () => {
    setTurnDependencies(createTurnHarness().dependencies);
    const error = await client()
      .chat.completions.create({ model: 'm', messages: [{ role: 'user', content: '' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const response = await completions(post('/v1/chat/completions', '{oops'));
    expect(await response.json()).toEqual({
      error: {
        message: 'The request body is not valid JSON.',
        type: 'invalid_request_error',
        param: null,
        code: 'bad_request',
      },
    });
  });
});
