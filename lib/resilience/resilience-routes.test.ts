import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as chat } from '@/app/api/chat/route';
import { POST as completions } from '@/app/v1/chat/completions/route';
import {
  createFakeOpenAIServer,
  type FakeBehaviour,
  type FakeOpenAIServer,
} from '@/tests/support/fake-openai-server';
import { createFakeRetriever, loadCorpusChunks } from '@/tests/support/fakes';
import { type RouteServer, serveRoute } from '@/tests/support/route-server';
import { uiChunks } from '@/tests/support/sse';
import { createTurnHarness, type TurnHarness } from '@/tests/support/turn-harness';
import { setTurnDependencies } from '../chat/turn-dependencies';
import { setConfig } from '../config';
import { getAnswerModel } from '../providers/registry';
import { getBreakerStates } from './circuit-breakers';
import { resetResilienceState } from './reset-resilience-state';

let upstream: FakeOpenAIServer;
let chatServer: RouteServer;
let completionsServer: RouteServer;
let harness: TurnHarness;

const question = 'How do I sort a list in Python?';
const chatBody = (text = question) =>
  JSON.stringify({ messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text }] }] });

function postChat(client: string, text = question): Promise<Response> {
  return fetch(`${chatServer.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
    body: chatBody(text),
  });
}

const openai = (client = '198.51.100.1') =>
  new OpenAI({
    apiKey: 'any',
    baseURL: `${completionsServer.url}/v1`,
    maxRetries: 0,
    defaultHeaders: { 'x-forwarded-for': client },
  });

/**
 * The app as configured for a real provider: the registry's resilient chain (primary model on
 * the fake upstream, then the embedded local generator) behind the real route handlers.
 */
function useRemoteModel(overrides: Record<string, string> = {}): void {
  setConfig({
    OPENAI_BASE_URL: upstream.baseURL,
    OPENAI_API_KEY: 'test-key',
    CHAT_MODEL: 'gpt-4o-mini',
    // Generous by default so a busy machine never turns a slow first token into a retry;
    // the stall tests shorten them.
    FIRST_TOKEN_TIMEOUT_MS: '5000',
    IDLE_TIMEOUT_MS: '5000',
    TURN_TIMEOUT_MS: '20000',
    MAX_RETRIES: '2',
    RETRY_MAX_DELAY_MS: '200',
    BREAKER_FAILURES: '5',
    BREAKER_COOLDOWN_MS: '30000',
    UPSTREAM_REQUESTS_PER_MINUTE: '0',
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
  resetResilienceState();
  harness = createTurnHarness({ answerModel: getAnswerModel() });
  setTurnDependencies(harness.dependencies);
}

beforeAll(async () => {
  upstream = await createFakeOpenAIServer();
  chatServer = await serveRoute(chat);
  completionsServer = await serveRoute(completions);
});
afterAll(async () => {
  setTurnDependencies(undefined);
  setConfig({});
  resetResilienceState();
  await Promise.all([upstream.close(), chatServer.close(), completionsServer.close()]);
});
beforeEach(() => useRemoteModel());
afterEach(() => {
  vi.useRealTimers();
  upstream.reset();
});

describe('client rate limit on the real routes', () => {
  it('a burst of 50 from one client: the excess get 429 with Retry-After; other clients are unaffected', async () => {
    useRemoteModel({ RATE_LIMIT_PER_MINUTE: '20', RATE_LIMIT_BURST: '10' });
    // The bucket refills continuously (a token every 3 s): the wall clock stands still during the
    // burst so a slow machine spreading the 50 requests out does not earn the client extra tokens.
    vi.useFakeTimers({ toFake: ['Date'] });
    const responses = await Promise.all(Array.from({ length: 50 }, () => postChat('203.0.113.50')));
    vi.useRealTimers();
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40);
    for (const response of responses) {
      if (response.status === 200) {
        await response.text();
        continue;
      }
      expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toEqual({
        error: { code: 'rate_limited', message: 'Too many requests. Please wait and try again.' },
      });
    }
    // The limit was decided before any stream started: only admitted turns reached the model.
    expect(upstream.requests).toHaveLength(10);

    const other = await postChat('198.51.100.77');
    expect(other.status).toBe(200);
    expect((await uiChunks(other)).some((chunk) => chunk.type === 'text-delta')).toBe(true);
  });

  it('the OpenAI-compatible endpoint shares the client budget and answers 429 in OpenAI shape', async () => {
    useRemoteModel({ RATE_LIMIT_PER_MINUTE: '20', RATE_LIMIT_BURST: '2' });
    // No refill between the requests, however long the first two turns take.
    vi.useFakeTimers({ toFake: ['Date'] });
    const client = openai('203.0.113.60');
    const ask = () =>
      client.chat.completions.create({ model: 'docs', messages: [{ role: 'user', content: question }] });
    await ask();
    await ask();
    const error = await ask().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimit.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(rateLimit.code).toBe('rate_limited');
    await expect(
      openai('198.51.100.61').chat.completions.create({
        model: 'docs',
        messages: [{ role: 'user', content: question }],
      }),
    ).resolves.toMatchObject({ object: 'chat.completion' });
  });
});

describe('a faulty upstream behind the real routes', () => {
  it('429 then success: the client gets the answer once, complete', async () => {
    upstream.script([
      { kind: 'rate-limit', retryAfterMs: 100 },
      { kind: 'ok', text: 'Use sorted(items) [1].' },
    ]);
    const completion = await openai().chat.completions.create({
      model: 'docs',
      messages: [{ role: 'user', content: question }],
    });
    expect(completion.choices[0].message.content).toBe('Use sorted(items) [1].');
    expect(upstream.requests).toHaveLength(2);
    expect(harness.records[0]).toMatchObject({ status: 'ok', retries: 1, fallbackUsed: false });
  });

  it('drop mid-stream: partial answer kept, no retry, the turn is flagged interrupted', async () => {
    upstream.script([{ kind: 'drop', afterTokens: 3 }, { kind: 'ok' }]);
    const response = await postChat('198.51.100.2');
    const chunks = await uiChunks(response);
    const text = chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : '')).join('');
    expect(text).toBe('According to the ');
    const notice = chunks.find((chunk) => chunk.type === 'data-notice');
    expect(notice).toMatchObject({ data: { kind: 'interrupted' } });
    expect(upstream.requests).toHaveLength(1);
    expect(harness.records[0].status).toBe('interrupted');
  });

  it('stall before the first token: attempts end at the deadline, sockets closed, local fallback answers', async () => {
    useRemoteModel({ MAX_RETRIES: '1', FIRST_TOKEN_TIMEOUT_MS: '400' });
    upstream.setDefault({ kind: 'stall' });
    const response = await postChat('198.51.100.3');
    const chunks = await uiChunks(response);
    const notices = chunks.flatMap((chunk) => (chunk.type === 'data-notice' ? [chunk.data] : []));
    expect(notices.map((notice) => (notice as { kind: string }).kind)).toEqual(['retry', 'fallback']);
    expect(chunks.some((chunk) => chunk.type === 'text-delta')).toBe(true);
    expect(upstream.requests).toHaveLength(2);
    await upstream.waitFor((requests) => requests.every((request) => request.closed && request.aborted));
    expect(harness.records[0]).toMatchObject({ fallbackUsed: true, retries: 1 });
  });

  it('500s open the breaker; the next turn skips the upstream entirely', async () => {
    useRemoteModel({ MAX_RETRIES: '1', BREAKER_FAILURES: '2' });
    upstream.setDefault({ kind: 'error', status: 500 });
    await (await postChat('198.51.100.4')).text();
    expect(upstream.requests).toHaveLength(2);
    expect(getBreakerStates()['chat:gpt-4o-mini']).toBe('open');

    const chunks = await uiChunks(await postChat('198.51.100.4'));
    expect(upstream.requests).toHaveLength(2);
    const notice = chunks.find((chunk) => chunk.type === 'data-notice');
    expect(notice).toMatchObject({ data: { kind: 'fallback' } });
    expect(JSON.stringify(notice)).toContain('circuit open');
    expect(chunks.some((chunk) => chunk.type === 'text-delta')).toBe(true);
  });

  it('200 concurrent turns with random faults: every turn ends, the server stays up', async () => {
    useRemoteModel({
      UPSTREAM_CONCURRENCY: '64',
      UPSTREAM_QUEUE_LIMIT: '1000',
      FIRST_TOKEN_TIMEOUT_MS: '400',
      IDLE_TIMEOUT_MS: '400',
      TURN_TIMEOUT_MS: '5000',
    });
    // A small corpus keeps the test about the upstream, not about retrieval and local generation cost.
    const retriever = createFakeRetriever({ chunks: loadCorpusChunks(['python']).slice(0, 8) });
    harness = createTurnHarness({ answerModel: getAnswerModel(), ...retriever });
    setTurnDependencies(harness.dependencies);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const faults: FakeBehaviour[] = [
      { kind: 'ok', tokenDelayMs: 1 },
      { kind: 'rate-limit', retryAfterMs: 20 },
      { kind: 'error', status: 503 },
      { kind: 'stall' },
      { kind: 'stall-after', tokens: 2 },
      { kind: 'drop', afterTokens: 2 },
      { kind: 'malformed' },
    ];
    upstream.script(Array.from({ length: 600 }, (_, index) => faults[(index * 5 + 3) % faults.length]));
    const client = openai();
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, async (_, index) => {
        try {
          const stream = await client.chat.completions.create({
            model: 'docs',
            stream: true,
            messages: [{ role: 'user', content: `${question} (${index})` }],
          });
          let text = '';
          for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
          return text ? 'answered' : 'empty';
        } catch (error) {
          return error instanceof OpenAI.APIError ? 'clear error' : `unexpected: ${String(error)}`;
        }
      }),
    );
    process.off('unhandledRejection', onUnhandled);
    expect(outcomes.filter((outcome) => outcome !== 'answered' && outcome !== 'clear error')).toEqual([]);
    expect(harness.records).toHaveLength(200);
    expect(unhandled).toEqual([]);
    upstream.reset();
    await expect(
      client.chat.completions.create({ model: 'docs', messages: [{ role: 'user', content: question }] }),
    ).resolves.toMatchObject({ object: 'chat.completion' });
  }, 60_000);
});
