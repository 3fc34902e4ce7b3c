import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeRetriever, createScriptedModel, textSteps } from '@/tests/support/fakes';
import { waitUntil } from '@/tests/support/real-time';
import { createTurnHarness, eventText, turnInput } from '@/tests/support/turn-harness';
import type { TurnDependencies, TurnEvent, TurnInput } from '../agent/turn-types';
import type { RetrievalResult } from '../contracts/retrieval';
import { answerChatCompletion } from './openai-completions';
import { runGuardedTurn } from './run-guarded-turn';

const question = 'How do I cancel a fetch request?';
const now = () => Date.now();

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Starts a guarded turn and collects its events; `ended` tells whether it is over yet. */
function startTurn(input: TurnInput, dependencies: TurnDependencies) {
  const events: TurnEvent[] = [];
  let ended = false;
  const done = (async () => {
    for await (const event of runGuardedTurn(input, dependencies)) events.push(event);
    ended = true;
    return events;
  })();
  return { events, done, ended: () => ended };
}

/** A turn that arrived now, on the fake clock the harness uses. */
const arrivingNow = (text: string, overrides: Partial<TurnInput> = {}) =>
  turnInput(text, { receivedAt: now(), ...overrides });

const outcomeOf = (events: TurnEvent[]) => events.find((event) => event.type === 'end');

describe('TURN_TIMEOUT_MS bounds the whole turn from the request arrival', () => {
  it('stops a slow retrieval at the deadline, counting the time spent before the turn started', async () => {
    const answerModel = createScriptedModel(textSteps('unused'));
    const { dependencies, records } = createTurnHarness({
      now,
      answerModel,
      turnTimeoutMs: 5_000,
      retrieve: createFakeRetriever({ delayMs: 120_000 }).retrieve,
    });
    // 2 s went by between the request's arrival and the turn's start (rate limit, parsing...).
    const turn = startTurn(arrivingNow(question, { receivedAt: now() - 2_000 }), dependencies);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(turn.ended()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const events = await turn.done;

    expect(answerModel.requests).toHaveLength(0);
    expect(eventText(events)).toBe('');
    const notice = events.find((event) => event.type === 'notice');
    expect(notice).toMatchObject({ notice: { kind: 'error', code: 'timeout' } });
    expect(JSON.stringify(notice)).toContain('longer than 5 s');
    expect(outcomeOf(events)).toMatchObject({ outcome: { status: 'timeout', error: { code: 'timeout' } } });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: 'timeout', errorCode: 'timeout', latencyMs: 5_000 });
  });

  it('ends at the deadline even when the retriever ignores its signal', async () => {
    const retrieve = vi.fn(() => new Promise<RetrievalResult>(() => undefined));
    const { dependencies, records } = createTurnHarness({ now, turnTimeoutMs: 1_000, retrieve });
    const turn = startTurn(arrivingNow(question), dependencies);
    await vi.advanceTimersByTimeAsync(999);
    expect(turn.ended()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await turn.done;
    expect(retrieve).toHaveBeenCalledTimes(1);
    expect(records[0].status).toBe('timeout');
  });

  it('stops a slow routing step (the follow-up rewrite) before retrieval starts', async () => {
    const retriever = createFakeRetriever();
    const rewriteModel = createScriptedModel([{ type: 'wait', ms: 60_000 }]);
    const { dependencies, records } = createTurnHarness({
      now,
      turnTimeoutMs: 1_000,
      rewriteModel,
      retrieve: retriever.retrieve,
    });
    const input = arrivingNow('and how do I cancel it?', {
      history: [
        { role: 'user', text: 'How do I make an HTTP request with fetch?' },
        { role: 'assistant', text: 'Use fetch(url) [1].' },
      ],
    });
    const turn = startTurn(input, dependencies);
    await vi.advanceTimersByTimeAsync(999);
    expect(turn.ended()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await turn.done;
    expect(rewriteModel.aborted).toBe(true);
    expect(retriever.calls).toHaveLength(0);
    expect(records[0]).toMatchObject({ status: 'timeout', errorCode: 'timeout' });
  });

  it('cuts off a slow answer, keeping the partial text, as interrupted', async () => {
    const answerModel = createScriptedModel([...textSteps('The first words'), { type: 'wait', ms: 60_000 }]);
    const { dependencies, records } = createTurnHarness({ now, answerModel, turnTimeoutMs: 10_000 });
    const turn = startTurn(arrivingNow(question), dependencies);
    // The turn yields to the event loop (a real immediate) before it asks the model.
    await waitUntil(() => answerModel.requests.length > 0, 5_000, 'the model request');
    await vi.advanceTimersByTimeAsync(9_999);
    expect(turn.ended()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const events = await turn.done;
    expect(answerModel.aborted).toBe(true);
    expect(eventText(events)).toBe('The first words');
    const notice = events.find((event) => event.type === 'notice');
    expect(notice).toMatchObject({ notice: { kind: 'interrupted', code: 'interrupted' } });
    expect(JSON.stringify(notice)).toContain('longer than 10 s');
    expect(records[0]).toMatchObject({ status: 'interrupted', errorCode: 'interrupted' });
  });

  it('is not a client abort: a Stop before the deadline is still cancelled', async () => {
    const controller = new AbortController();
    const { dependencies, records } = createTurnHarness({
      now,
      turnTimeoutMs: 5_000,
      retrieve: createFakeRetriever({ delayMs: 120_000 }).retrieve,
    });
    const turn = startTurn(arrivingNow(question, { signal: controller.signal }), dependencies);
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    await turn.done;
    expect(records[0]).toMatchObject({ status: 'cancelled', errorCode: undefined });
  });

  it('answers an OpenAI-compatible request that ran out of time with a 504 timeout error', async () => {
    const { dependencies, records } = createTurnHarness({
      now,
      turnTimeoutMs: 3_000,
      retrieve: createFakeRetriever({ delayMs: 120_000 }).retrieve,
    });
    const pending = answerChatCompletion(
      { model: 'm', messages: [{ role: 'user', content: question }] },
      {
        signal: new AbortController().signal,
        dependencies,
        arrival: { receivedAt: now(), startedAt: now() },
      },
    );
    await vi.advanceTimersByTimeAsync(3_000);
    const response = await pending;
    expect(response.status).toBe(504);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: 'timeout', type: 'timeout_error' });
    expect(body.error.message).toContain('longer than 3 s');
    expect(records[0].status).toBe('timeout');
  });
});
