import { describe, expect, it, vi } from 'vitest';
import { answerRequest, collectAnswer, fakeLocalModel } from '@/tests/support/collect-answer';
import { createFakeOpenAIServer, tokenize } from '@/tests/support/fake-openai-server';
import { realDelay, runFakeClock, waitUntil } from '@/tests/support/real-time';
import { setUpResilienceSuite } from '@/tests/support/resilience-harness';
import { AppError } from '../errors';
import { createOpenAIAnswerModel } from '../models/openai-answer-model';
import { getBreakerStates } from './circuit-breakers';
import { type AnswerCandidate, createResilientAnswerModel } from './resilient-answer-model';
import { startTurnDeadline } from './turn-deadline';

const upstream = setUpResilienceSuite({ breakerFailures: 4 });

const settings = {
  firstTokenTimeoutMs: 15_000,
  idleTimeoutMs: 10_000,
  turnTimeoutMs: 60_000,
  maxRetries: 3,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 20_000,
};
// Pins the jitter near its ceiling so the growing backoff is visible: 499, 999, 1998 ms.
const random = () => 0.999;

function remote(model: string): AnswerCandidate {
  return {
    model: createOpenAIAnswerModel({ model, baseURL: upstream.server.baseURL }),
    upstream: `chat:${model}`,
  };
}

/** A turn deadline of `limitMs` from now, as the agent passes it down on the request's signal. */
const turnDeadline = (limitMs: number) => startTurnDeadline({ limitMs, receivedAt: 0, now: () => 0 }).signal;

const requestsFor = (model: string) =>
  upstream.server.requests.filter((request) => (request.body as { model?: string }).model === model);

describe('resilient answer model through the real HTTP path', () => {
  it('429 then success: waits the advertised Retry-After, then delivers the answer once, complete', async () => {
    upstream.server.script([
      { kind: 'rate-limit', retryAfterSeconds: 3 },
      { kind: 'ok', text: 'Complete answer [1].' },
    ]);
    const model = createResilientAnswerModel([remote('gpt-4o-mini')], { settings, random });
    const turn = collectAnswer(model);

    await waitUntil(() => turn.events.some((event) => event.type === 'retry'));
    expect(turn.events).toEqual([{ type: 'retry', attempt: 1, delayMs: 3_000, reason: 'HTTP 429' }]);
    await vi.advanceTimersByTimeAsync(2_999);
    await realDelay(30);
    expect(upstream.server.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);

    const result = await turn.settled;
    expect(result.error).toBeUndefined();
    expect(result.text).toBe('Complete answer [1].');
    expect(upstream.server.requests).toHaveLength(2);
    expect(result.events.filter((event) => event.type === 'usage')).toHaveLength(1);
  });

  it('honours retry-after-ms over Retry-After', async () => {
    upstream.server.script([
      { kind: 'rate-limit', retryAfterSeconds: 9, retryAfterMs: 1_250 },
      { kind: 'ok' },
    ]);
    const turn = collectAnswer(createResilientAnswerModel([remote('gpt-4o-mini')], { settings, random }));
    await waitUntil(() => turn.events.length > 0);
    expect(turn.events[0]).toMatchObject({ type: 'retry', delayMs: 1_250 });
    await vi.advanceTimersByTimeAsync(1_250);
    expect((await turn.settled).error).toBeUndefined();
  });

  it('does not wait longer than the cap: a too-long Retry-After falls back at once', async () => {
    upstream.server.script([{ kind: 'rate-limit', retryAfterSeconds: 120 }]);
    const model = createResilientAnswerModel([remote('gpt-4o-mini'), { model: fakeLocalModel() }], {
      settings,
      random,
    });
    const result = await collectAnswer(model).settled;
    expect(upstream.server.requests).toHaveLength(1);
    expect(result.events[0]).toEqual({
      type: 'fallback',
      from: 'gpt-4o-mini',
      to: 'local-test',
      reason: 'HTTP 429',
    });
    expect(result.text).toBe('Local answer from the docs [1].');
  });

  it('surfaces a provider rate limit with its Retry-After when nothing can take over', async () => {
    upstream.server.script([{ kind: 'rate-limit', retryAfterSeconds: 120 }]);
    const result = await collectAnswer(createResilientAnswerModel([remote('gpt-4o-mini')], { settings }))
      .settled;
    expect(result.error).toMatchObject({ code: 'upstream_rate_limited', retryAfterSeconds: 120 });
  });

  it('500 x N: growing retries, fallback, clear error; breaker opens, fails fast, and a trial closes it', async () => {
    upstream.server.setDefault({ kind: 'error', status: 500 });
    const model = createResilientAnswerModel([remote('primary-model'), remote('fallback-model')], {
      settings,
      random,
    });

    const first = collectAnswer(model);
    await runFakeClock(first.settled);
    const result = await first.settled;
    const retries = result.events.filter((event) => event.type === 'retry');
    expect(retries.slice(0, 3).map((event) => event.delayMs)).toEqual([499, 999, 1_998]);
    expect(result.events.find((event) => event.type === 'fallback')).toEqual({
      type: 'fallback',
      from: 'primary-model',
      to: 'fallback-model',
      reason: 'HTTP 500',
    });
    expect(requestsFor('primary-model')).toHaveLength(4);
    expect(requestsFor('fallback-model')).toHaveLength(4);
    expect(result.error).toBeInstanceOf(AppError);
    expect(result.error).toMatchObject({ code: 'upstream_unavailable' });
    expect(getBreakerStates()).toEqual({ 'chat:primary-model': 'open', 'chat:fallback-model': 'open' });

    // While open: no upstream request at all, the turn ends at once without any clock advance.
    const second = await collectAnswer(model).settled;
    expect(upstream.server.requests).toHaveLength(8);
    expect(second.error).toMatchObject({ code: 'circuit_open', retryAfterSeconds: 30 });
    expect(second.events).toEqual([
      { type: 'fallback', from: 'primary-model', to: 'fallback-model', reason: 'circuit open' },
    ]);

    // After the cool-down one trial call goes through; its success closes the circuit.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(getBreakerStates()['chat:primary-model']).toBe('half-open');
    upstream.server.setDefault({ kind: 'ok', text: 'Recovered [1].' });
    const third = await collectAnswer(model).settled;
    expect(third.error).toBeUndefined();
    expect(third.text).toBe('Recovered [1].');
    expect(requestsFor('primary-model')).toHaveLength(5);
    expect(getBreakerStates()['chat:primary-model']).toBe('closed');
  });

  it('falls back to the embedded local generator as the last resort', async () => {
    upstream.server.setDefault({ kind: 'error', status: 503 });
    const model = createResilientAnswerModel(
      [remote('primary-model'), remote('fallback-model'), { model: fakeLocalModel() }],
      { settings: { ...settings, maxRetries: 1 }, random },
    );
    const turn = collectAnswer(model);
    await runFakeClock(turn.settled);
    const result = await turn.settled;
    expect(result.error).toBeUndefined();
    expect(result.text).toBe('Local answer from the docs [1].');
    expect(
      result.events.filter((event) => event.type === 'fallback').map((event) => event.type && event),
    ).toEqual([
      { type: 'fallback', from: 'primary-model', to: 'fallback-model', reason: 'HTTP 503' },
      { type: 'fallback', from: 'fallback-model', to: 'local-test', reason: 'HTTP 503' },
    ]);
  });

  it('never retries 400, 401, 403 or 404 (one request each, exactly one retry layer)', async () => {
    for (const status of [400, 401, 403, 404]) {
      upstream.server.reset();
      upstream.server.script([{ kind: 'error', status }]);
      const result = await collectAnswer(createResilientAnswerModel([remote('gpt-4o-mini')], { settings }))
        .settled;
      expect(upstream.server.requests).toHaveLength(1);
      expect(result.events.some((event) => event.type === 'retry')).toBe(false);
      expect(result.error).toMatchObject({ code: 'upstream_unavailable' });
    }
    // Client errors say nothing about the upstream's health.
    expect(getBreakerStates()['chat:gpt-4o-mini']).toBe('closed');
  });

  it('retries 408, 409 and 5xx, and a malformed chunk before the first token', async () => {
    upstream.server.script([
      { kind: 'error', status: 408 },
      { kind: 'error', status: 409 },
      { kind: 'malformed' },
      { kind: 'ok', text: 'Fine [1].' },
    ]);
    const turn = collectAnswer(createResilientAnswerModel([remote('gpt-4o-mini')], { settings, random }));
    await runFakeClock(turn.settled);
    const result = await turn.settled;
    expect(result.text).toBe('Fine [1].');
    expect(result.events.filter((event) => event.type === 'retry').map((event) => event.reason)).toEqual([
      'HTTP 408',
      'HTTP 409',
      'malformed response',
    ]);
  });

  it('retries connection failures, then gives a clear error', async () => {
    const closed = await createFakeOpenAIServer();
    const baseURL = closed.baseURL;
    await closed.close();
    const model = createResilientAnswerModel(
      [{ model: createOpenAIAnswerModel({ model: 'gpt-4o-mini', baseURL }), upstream: 'chat:unreachable' }],
      { settings: { ...settings, maxRetries: 2 }, random },
    );
    const turn = collectAnswer(model);
    await runFakeClock(turn.settled);
    const result = await turn.settled;
    expect(result.events.filter((event) => event.type === 'retry').map((event) => event.reason)).toEqual([
      'connection failed',
      'connection failed',
    ]);
    expect(result.error).toMatchObject({ code: 'upstream_unavailable' });
  });

  it('stall before the first token: each attempt ends at the deadline with its socket closed', async () => {
    upstream.server.script([{ kind: 'stall' }, { kind: 'stall' }]);
    const model = createResilientAnswerModel([remote('gpt-4o-mini')], {
      settings: { ...settings, maxRetries: 1 },
      random,
    });
    const turn = collectAnswer(model);
    await waitUntil(() => upstream.server.requests.length === 1);
    await vi.advanceTimersByTimeAsync(14_999);
    await realDelay(30);
    expect(upstream.server.requests[0].closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await upstream.server.waitFor((requests) => requests[0].closed);
    expect(upstream.server.requests[0].aborted).toBe(true);

    await waitUntil(() => turn.events.some((event) => event.type === 'retry'));
    await vi.advanceTimersByTimeAsync(499);
    await waitUntil(() => upstream.server.requests.length === 2);
    await vi.advanceTimersByTimeAsync(15_000);
    const result = await turn.settled;
    expect(result.error).toMatchObject({
      code: 'timeout',
      publicMessage: 'The model did not start answering within 15 s. Please try again.',
    });
    await upstream.server.waitFor((requests) =>
      requests.every((request) => request.closed && request.aborted),
    );
  });

  it('stall between tokens: ends at the idle limit, keeps the partial answer, flags it interrupted', async () => {
    upstream.server.script([{ kind: 'stall-after', tokens: 3 }, { kind: 'ok' }]);
    const turn = collectAnswer(createResilientAnswerModel([remote('gpt-4o-mini')], { settings, random }));
    await waitUntil(() => tokenize(turn.text()).length === 3);
    await vi.advanceTimersByTimeAsync(10_000);
    const result = await turn.settled;
    expect(result.error).toMatchObject({
      code: 'interrupted',
      publicMessage: 'The model stopped responding mid-answer; the answer above is incomplete.',
    });
    expect(tokenize(result.text)).toHaveLength(3);
    expect(upstream.server.requests).toHaveLength(1);
    await upstream.server.waitFor((requests) => requests[0].closed);
    expect(upstream.server.requests[0].aborted).toBe(true);
  });

  it('ends a slow answer at the turn deadline on its signal and closes the upstream socket', async () => {
    upstream.server.script([{ kind: 'stall-after', tokens: 2 }]);
    const model = createResilientAnswerModel([remote('gpt-4o-mini')], {
      settings: { ...settings, idleTimeoutMs: 120_000 },
    });
    const turn = collectAnswer(model, answerRequest(undefined, turnDeadline(60_000)));
    await waitUntil(() => tokenize(turn.text()).length === 2);
    await vi.advanceTimersByTimeAsync(60_000);
    const result = await turn.settled;
    expect(result.error).toMatchObject({ code: 'interrupted' });
    expect((result.error as AppError).publicMessage).toContain('longer than 60 s');
    await upstream.server.waitFor((requests) => requests[0].closed);
  });

  it('ends at the turn deadline while waiting to retry, without another request', async () => {
    upstream.server.script([{ kind: 'rate-limit', retryAfterSeconds: 20 }]);
    const model = createResilientAnswerModel([remote('gpt-4o-mini'), { model: fakeLocalModel() }], {
      settings,
    });
    const turn = collectAnswer(model, answerRequest(undefined, turnDeadline(5_000)));
    await waitUntil(() => turn.events.length > 0);
    await vi.advanceTimersByTimeAsync(5_000);
    const result = await turn.settled;
    expect(result.error).toMatchObject({ code: 'timeout' });
    expect((result.error as AppError).publicMessage).toContain('longer than 5 s');
    expect(result.events.some((event) => event.type === 'fallback')).toBe(false);
    await vi.advanceTimersByTimeAsync(20_000);
    await realDelay(30);
    expect(upstream.server.requests).toHaveLength(1);
  });

  it('drop mid-stream: no retry, no fallback, no duplicated text, partial kept and flagged', async () => {
    upstream.server.script([{ kind: 'drop', afterTokens: 4 }, { kind: 'ok' }]);
    const model = createResilientAnswerModel([remote('gpt-4o-mini'), { model: fakeLocalModel() }], {
      settings,
      random,
    });
    const result = await collectAnswer(model, answerRequest('one two three four five six seven')).settled;
    expect(result.error).toMatchObject({ code: 'interrupted' });
    expect(tokenize(result.text)).toHaveLength(4);
    expect(result.events.every((event) => event.type === 'text')).toBe(true);
    expect(upstream.server.requests).toHaveLength(1);
  });

  it('client abort: stops the upstream request, no retry, no fallback', async () => {
    upstream.server.script([{ kind: 'ok', tokenDelayMs: 20 }]);
    const controller = new AbortController();
    const model = createResilientAnswerModel([remote('gpt-4o-mini'), { model: fakeLocalModel() }], {
      settings,
    });
    const turn = collectAnswer(model, answerRequest('tell me about abort signals', controller.signal));
    await waitUntil(() => tokenize(turn.text()).length >= 2);
    controller.abort();
    const result = await turn.settled;
    expect((result.error as Error).name).toBe('AbortError');
    await upstream.server.waitFor((requests) => requests[0].closed);
    expect(upstream.server.requests[0].aborted).toBe(true);
    expect(upstream.server.requests).toHaveLength(1);
    expect(result.events.some((event) => event.type === 'fallback')).toBe(false);
  });

  it('clients leaving mid-answer never open the breaker', async () => {
    upstream.server.setDefault({ kind: 'ok', tokenDelayMs: 20 });
    const model = createResilientAnswerModel([remote('gpt-4o-mini')], { settings });
    for (let turn = 0; turn < 6; turn++) {
      const controller = new AbortController();
      const answer = collectAnswer(model, answerRequest('a long enough question here', controller.signal));
      await waitUntil(() => answer.events.length >= 2);
      controller.abort(new Error('client disconnected'));
      expect((await answer.settled).error).toEqual(new Error('client disconnected'));
    }
    expect(getBreakerStates()['chat:gpt-4o-mini']).toBe('closed');
  });

  it('a consumer that stops reading closes the upstream request', async () => {
    upstream.server.script([{ kind: 'ok', tokenDelayMs: 20 }]);
    const model = createResilientAnswerModel([remote('gpt-4o-mini')], { settings });
    for await (const event of model.stream(answerRequest('stop early please'))) {
      if (event.type === 'text') break;
    }
    await upstream.server.waitFor((requests) => requests[0].closed);
    expect(upstream.server.requests[0].aborted).toBe(true);
  });

  it('isolation: one turn aborted mid-stream does not disturb turns in flight', async () => {
    upstream.server.setDefault({ kind: 'ok', tokenDelayMs: 5 });
    const model = createResilientAnswerModel([remote('gpt-4o-mini')], { settings });
    const controller = new AbortController();
    const doomed = collectAnswer(model, answerRequest('first question here', controller.signal));
    const others = [collectAnswer(model, answerRequest('second question')), collectAnswer(model)];
    await waitUntil(() => doomed.events.length > 1);
    controller.abort();
    expect((await doomed.settled).error).toBeDefined();
    for (const other of others) {
      const result = await other.settled;
      expect(result.error).toBeUndefined();
      expect(result.text).toContain('[1]');
    }
  });
});

describe('resilient answer model delivery', () => {
  it('sends the first token on its own at once, and tokens that arrive together as one delta', async () => {
    const model = createResilientAnswerModel([{ model: fakeLocalModel() }], { settings, random });
    const result = await collectAnswer(model).settled;
    const texts = result.events.flatMap((event) => (event.type === 'text' ? [event.text] : []));
    // The fake yields every token in the same event-loop turn.
    expect(texts).toEqual(['Local ', 'answer from the docs [1].']);
  });
});
