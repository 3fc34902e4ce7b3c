import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerRequest, collectAnswer, fakeLocalModel } from '@/tests/support/collect-answer';
import {
  createFakeOpenAIServer,
  type FakeBehaviour,
  type FakeOpenAIServer,
} from '@/tests/support/fake-openai-server';
import { setConfig } from '../config';
import { AppError } from '../errors';
import { createOpenAIAnswerModel } from '../models/openai-answer-model';
import { resetResilienceState } from './reset-resilience-state';
import { createResilientAnswerModel } from './resilient-answer-model';

/** Small seeded generator so the fault mix is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const faults: FakeBehaviour[] = [
  { kind: 'ok', tokenDelayMs: 1 },
  { kind: 'ok', firstTokenDelayMs: 20 },
  { kind: 'rate-limit', retryAfterMs: 20 },
  { kind: 'error', status: 500 },
  { kind: 'error', status: 503 },
  { kind: 'error', status: 400 },
  { kind: 'stall' },
  { kind: 'stall-after', tokens: 2 },
  { kind: 'drop', afterTokens: 2 },
  { kind: 'malformed', afterTokens: 0 },
];

let server: FakeOpenAIServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  server = await createFakeOpenAIServer();
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await server.close();
});

describe('200 concurrent turns against a faulty upstream', () => {
  it('every turn ends with an answer or a clear error, the server stays up, nothing is unhandled', async () => {
    setConfig({
      BREAKER_FAILURES: '5',
      BREAKER_COOLDOWN_MS: '200',
      UPSTREAM_CONCURRENCY: '64',
      UPSTREAM_QUEUE_LIMIT: '500',
      UPSTREAM_REQUESTS_PER_MINUTE: '0',
      LOG_LEVEL: 'silent',
    });
    resetResilienceState();
    const random = seeded(42);
    server.script(Array.from({ length: 700 }, () => faults[Math.floor(random() * faults.length)]));
    const model = createResilientAnswerModel(
      [
        {
          model: createOpenAIAnswerModel({ model: 'gpt-4o-mini', baseURL: server.baseURL }),
          upstream: 'chat:load',
        },
        { model: fakeLocalModel() },
      ],
      {
        settings: {
          firstTokenTimeoutMs: 300,
          idleTimeoutMs: 300,
          maxRetries: 2,
          retryBaseDelayMs: 10,
          retryMaxDelayMs: 100,
        },
        random,
      },
    );

    const turns = Array.from({ length: 200 }, (_, index) =>
      collectAnswer(model, answerRequest(`question number ${index} about python lists`)),
    );
    const results = await Promise.all(turns.map((turn) => turn.settled));

    const allowedCodes = [
      'interrupted',
      'upstream_unavailable',
      'upstream_rate_limited',
      'timeout',
      'circuit_open',
    ];
    for (const result of results) {
      if (result.error === undefined) {
        expect(result.text.length).toBeGreaterThan(0);
        continue;
      }
      expect(result.error).toBeInstanceOf(AppError);
      expect(allowedCodes).toContain((result.error as AppError).code);
      if ((result.error as AppError).code === 'interrupted') expect(result.text.length).toBeGreaterThan(0);
    }
    const answered = results.filter((result) => result.error === undefined).length;
    expect(answered).toBeGreaterThan(100);

    // No upstream request outlives its turn: stalled ones were aborted, their sockets closed.
    await server.waitFor((requests) => requests.every((request) => request.closed));

    server.reset();
    const after = await collectAnswer(model, answerRequest('still alive?')).settled;
    expect(after.error).toBeUndefined();
    expect(after.text).toContain('[1]');
    expect(unhandled).toEqual([]);
  });
});
