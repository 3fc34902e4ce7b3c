import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeRetriever, createScriptedModel, textSteps } from '@/tests/support/fakes';
import { collectTurn, createTurnHarness, eventText, turnInput } from '@/tests/support/turn-harness';
import type { AnswerModel } from '../contracts/models';
import { AppError } from '../errors';
import { logger } from '../logger';
import { localAnswerModelId } from '../models/local-answer-model';
import { answerPromptVersion, notCoveredSentence } from '../prompts/answer-prompt';
import { runTurn } from './run-turn';
import type { TurnEvent } from './turn-types';

const ofType = <T extends TurnEvent['type']>(events: TurnEvent[], type: T) =>
  events.filter((event): event is Extract<TurnEvent, { type: T }> => event.type === type);

const states = (events: TurnEvent[]) => ofType(events, 'status').map((event) => event.status.state);

afterEach(() => vi.restoreAllMocks());

describe('runTurn with the local generator', () => {
  it('walks the state machine, streams a cited answer and records the turn', async () => {
    const { dependencies, records } = createTurnHarness();
    const events = await collectTurn(turnInput('How do I cancel a fetch request?'), dependencies);

    expect(
      events.map((event) => event.type).filter((type, position, all) => type !== all[position - 1]),
    ).toEqual(['status', 'route', 'status', 'sources', 'status', 'text', 'status', 'metrics', 'end']);
    expect(states(events)).toEqual(['routing', 'retrieving', 'generating', 'done']);
    expect(ofType(events, 'status')[1].status).toEqual({
      state: 'retrieving',
      message: 'Searching javascript…',
      collections: ['javascript'],
    });

    const [sources] = ofType(events, 'sources');
    expect(sources.sources.lowConfidence).toBe(false);
    const indexes = sources.sources.sources.map((source) => source.index);
    expect(indexes[0]).toBe(1);
    const text = eventText(events);
    const cited = [...text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
    expect(cited.length).toBeGreaterThan(0);
    for (const index of cited) expect(indexes).toContain(index);
    expect(text).toContain('abort');

    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record).toMatchObject({
      id: 'turn-1',
      endpoint: 'chat',
      status: 'ok',
      model: localAnswerModelId,
      provider: 'local',
      promptVersion: answerPromptVersion,
      collections: ['javascript'],
      pinned: false,
      retries: 0,
      fallbackUsed: false,
      cacheHit: false,
      question: 'How do I cancel a fetch request?',
    });
    expect(record.sources).toHaveLength(indexes.length);
    expect(record.outputTokens).toBeGreaterThan(10);
    expect(record.inputTokens).toBeGreaterThan(100);
    expect(record.ttftMs).toBeGreaterThan(0);
    expect(record.latencyMs).toBeGreaterThanOrEqual(record.ttftMs ?? Number.POSITIVE_INFINITY);

    const [metrics] = ofType(events, 'metrics');
    expect(metrics.metrics).toMatchObject({
      turnId: 'turn-1',
      provider: 'local',
      status: 'ok',
      cached: false,
    });
    const [end] = ofType(events, 'end');
    expect(end.outcome).toMatchObject({ status: 'ok', error: undefined });
  });

  it('searches only the pinned collection and says so in the status', async () => {
    const retriever = createFakeRetriever();
    const { dependencies } = createTurnHarness({ route: retriever.route, retrieve: retriever.retrieve });
    const events = await collectTurn(
      turnInput('How do I handle errors?', { collection: 'python' }),
      dependencies,
    );
    expect(retriever.routeCalls[0].collection).toBe('python');
    expect(retriever.calls[0].collection).toBe('python');
    expect(ofType(events, 'status')[1].status).toMatchObject({
      state: 'retrieving',
      collections: ['python'],
    });
    expect(ofType(events, 'route')[0].route).toMatchObject({ pinned: true, collections: ['python'] });
    expect(
      ofType(events, 'sources')[0].sources.sources.every((source) => source.collection === 'python'),
    ).toBe(true);
  });

  it('routes while in routing, and searches the routed collection while in retrieving', async () => {
    const retriever = createFakeRetriever();
    const events: TurnEvent[] = [];
    const seen: Record<string, string[]> = {};
    const { dependencies } = createTurnHarness({
      route: (params) => {
        seen.route = states(events);
        return retriever.route(params);
      },
      retrieve: (params) => {
        seen.retrieve = states(events);
        return retriever.retrieve(params);
      },
    });
    for await (const event of runTurn(turnInput('How do I cancel a fetch request?'), dependencies)) {
      events.push(event);
    }
    expect(seen).toEqual({ route: ['routing'], retrieve: ['routing', 'retrieving'] });
    expect(retriever.routeCalls).toEqual([
      { query: 'How do I cancel a fetch request?', collection: undefined },
    ]);
    expect(retriever.calls).toEqual([
      { query: 'How do I cancel a fetch request?', collection: 'javascript' },
    ]);
  });

  it('makes a follow-up standalone before routing and retrieval', async () => {
    const retriever = createFakeRetriever();
    const { dependencies } = createTurnHarness({ route: retriever.route, retrieve: retriever.retrieve });
    const history = [
      { role: 'user' as const, text: 'How do I make an HTTP request with fetch in Node.js?' },
      { role: 'assistant' as const, text: 'Call fetch(url) [1].' },
    ];
    const events = await collectTurn(turnInput('and how do I cancel it?', { history }), dependencies);
    expect(retriever.routeCalls[0].query).toMatch(/^and how do I cancel it\? .*fetch/);
    expect(retriever.calls[0].query).toBe(retriever.routeCalls[0].query);
    const sources = ofType(events, 'sources')[0].sources.sources;
    expect(sources.some((source) => /abort/.test(source.source))).toBe(true);
  });

  it('uses the model rewrite for follow-ups when one is configured', async () => {
    const retriever = createFakeRetriever();
    const rewriteModel = createScriptedModel(textSteps('How do I cancel a fetch request?'));
    const { dependencies } = createTurnHarness({ retrieve: retriever.retrieve, rewriteModel });
    const history = [{ role: 'user' as const, text: 'How do I use fetch?' }];
    await collectTurn(turnInput('and how do I cancel it?', { history }), dependencies);
    expect(retriever.calls[0].query).toBe('How do I cancel a fetch request?');
  });

  it('says the docs do not cover an off-topic question', async () => {
    const { dependencies, records } = createTurnHarness();
    const events = await collectTurn(turnInput('What is the capital of France?'), dependencies);
    expect(ofType(events, 'sources')[0].sources.lowConfidence).toBe(true);
    expect(eventText(events).startsWith(notCoveredSentence)).toBe(true);
    expect(records[0].status).toBe('ok');
  });
});

describe('runTurn failures degrade gracefully', () => {
  it('explains a retrieval failure in the answer and fails with a reason', async () => {
    const error = new AppError('index_missing');
    const { dependencies, records } = createTurnHarness({
      retrieve: createFakeRetriever({ error }).retrieve,
    });
    const events = await collectTurn(turnInput('How do I cancel a fetch request?'), dependencies);
    expect(states(events)).toEqual(['routing', 'retrieving', 'failed']);
    expect(eventText(events)).toMatch(/could not search the documentation.*npm run setup/);
    expect(ofType(events, 'status').at(-1)?.status.reason).toBe(error.publicMessage);
    expect(ofType(events, 'notice')[0].notice).toMatchObject({ kind: 'error', code: 'index_missing' });
    expect(ofType(events, 'end')[0].outcome).toMatchObject({ status: 'error', error });
    expect(records[0]).toMatchObject({ status: 'error', errorCode: 'index_missing' });
  });

  it('keeps the route in the record when the search fails after routing', async () => {
    const { dependencies, records } = createTurnHarness({
      retrieve: createFakeRetriever({ error: new AppError('index_missing') }).retrieve,
    });
    await collectTurn(turnInput('How do I cancel a fetch request?'), dependencies);
    expect(records[0]).toMatchObject({
      status: 'error',
      collections: ['javascript'],
      routeReason: 'best lexical match in javascript',
    });
  });

  it('explains a routing failure in the answer and fails from routing, without searching', async () => {
    const retriever = createFakeRetriever();
    const { dependencies, records } = createTurnHarness({
      route: async () => {
        throw new AppError('index_missing');
      },
      retrieve: retriever.retrieve,
    });
    const events = await collectTurn(turnInput('How do I cancel a fetch request?'), dependencies);
    expect(states(events)).toEqual(['routing', 'failed']);
    expect(eventText(events)).toMatch(/could not search the documentation/);
    expect(ofType(events, 'route')).toEqual([]);
    expect(retriever.calls).toHaveLength(0);
    expect(records[0]).toMatchObject({
      status: 'error',
      errorCode: 'index_missing',
      collections: [],
      retrievalMs: 0,
    });
  });

  it('reports an unexpected retrieval crash as retrieval_failed, without internals', async () => {
    const retrieve = createFakeRetriever({ error: new Error('faiss exploded at 0xdead') }).retrieve;
    const { dependencies } = createTurnHarness({ retrieve });
    const events = await collectTurn(turnInput('How do I cancel a fetch request?'), dependencies);
    expect(ofType(events, 'notice')[0].notice.code).toBe('retrieval_failed');
    expect(JSON.stringify(events.filter((event) => event.type !== 'end'))).not.toContain('0xdead');
  });

  it('fails a turn whose model fails before the first token, by error kind', async () => {
    const cases: [Error, string, string][] = [
      [new AppError('timeout'), 'timeout', 'timeout'],
      [new AppError('upstream_rate_limited'), 'rate_limited', 'upstream_rate_limited'],
      [new Error('socket hang up'), 'error', 'upstream_unavailable'],
    ];
    for (const [error, status, code] of cases) {
      const answerModel = createScriptedModel([{ type: 'throw', error }]);
      const { dependencies, records } = createTurnHarness({ answerModel });
      const events = await collectTurn(turnInput('How do I cancel a fetch request?'), dependencies);
      expect(states(events)).toEqual(['routing', 'retrieving', 'generating', 'failed']);
      expect(eventText(events)).toBe('');
      expect(ofType(events, 'notice')[0].notice).toMatchObject({ kind: 'error', code });
      expect(records[0]).toMatchObject({ status, errorCode: code, ttftMs: undefined });
    }
  });

  it('keeps the partial answer and marks the turn interrupted when the model drops mid-answer', async () => {
    const answerModel = createScriptedModel([
      ...textSteps('Use an AbortController [1] and'),
      { type: 'throw', error: new Error('terminated') },
    ]);
    const { dependencies, records } = createTurnHarness({ answerModel });
    const events = await collectTurn(turnInput('How do I cancel a fetch request?'), dependencies);
    expect(eventText(events)).toBe('Use an AbortController [1] and');
    expect(ofType(events, 'notice')[0].notice).toMatchObject({ kind: 'interrupted', code: 'interrupted' });
    expect(records[0]).toMatchObject({ status: 'interrupted', errorCode: 'interrupted' });
    expect(records[0].outputTokens).toBeGreaterThan(0);
  });

  it('treats an empty model answer as a failure, never as a silent success', async () => {
    const { dependencies, records } = createTurnHarness({ answerModel: createScriptedModel([]) });
    const events = await collectTurn(turnInput('How do I cancel a fetch request?'), dependencies);
    expect(states(events).at(-1)).toBe('failed');
    expect(records[0].status).toBe('error');
  });

  it('still finishes the turn when recording it throws', async () => {
    const { dependencies } = createTurnHarness({
      recordTurn: () => {
        throw new Error('disk full');
      },
    });
    const events = await collectTurn(turnInput('How do I cancel a fetch request?'), dependencies);
    expect(events.at(-1)?.type).toBe('end');
  });
});

describe('runTurn retries, fallbacks and usage', () => {
  it('turns resilience events into notices and records them', async () => {
    const answerModel = createScriptedModel([
      { type: 'retry', attempt: 1, delayMs: 1500, reason: 'HTTP 429' },
      { type: 'fallback', from: 'gpt-4o-mini', to: localAnswerModelId, reason: 'circuit open' },
      ...textSteps('Fallback answer [1].'),
      { type: 'usage', usage: { inputTokens: 900, outputTokens: 42 } },
    ]);
    const { dependencies, records } = createTurnHarness({ answerModel });
    const events = await collectTurn(turnInput('How do I cancel a fetch request?'), dependencies);
    const notices = ofType(events, 'notice').map((event) => event.notice);
    expect(notices.map((notice) => notice.kind)).toEqual(['retry', 'fallback']);
    expect(notices[0].message).toMatch(/HTTP 429.*1\.5 s.*attempt 1/);
    expect(records[0]).toMatchObject({
      status: 'ok',
      retries: 1,
      fallbackUsed: true,
      model: localAnswerModelId,
      provider: 'local',
      inputTokens: 900,
      outputTokens: 42,
    });
  });

  it('times the turn: routing (standalone query + router), retrieval (search), first token, TTFT and tokens per second', async () => {
    let time = 1000;
    const advance = (milliseconds: number) => {
      time += milliseconds;
    };
    const retriever = createFakeRetriever();
    const answerModel: AnswerModel = {
      id: 'timed',
      provider: 'openai',
      async *stream() {
        advance(200); // waiting for the first token
        yield { type: 'text', text: 'first ' };
        advance(500);
        yield { type: 'text', text: 'second' };
        yield { type: 'usage', usage: { inputTokens: 10, outputTokens: 50 } };
      },
    };
    const { dependencies, records } = createTurnHarness({
      now: () => time,
      answerModel,
      route: async (params) => {
        advance(5);
        return retriever.route(params);
      },
      retrieve: async (params) => {
        advance(30);
        return retriever.retrieve(params);
      },
    });
    // 10 ms between the request's arrival and the turn's start count as routing too.
    await collectTurn(turnInput('How do I cancel a fetch request?', { receivedAt: 990 }), dependencies);
    expect(records[0]).toMatchObject({
      routingMs: 15,
      retrievalMs: 30,
      modelFirstTokenMs: 200,
      ttftMs: 245,
      latencyMs: 745,
      outputTokens: 50,
      tokensPerSecond: 100,
    });
  });
});

describe('runTurn cancellation', () => {
  it('cancels the model request when the client aborts, logs it and records the partial turn', async () => {
    const info = vi.spyOn(logger, 'info');
    const controller = new AbortController();
    const answerModel = createScriptedModel([
      ...textSteps('Partial answer'),
      { type: 'wait', ms: 60_000 },
      ...textSteps('never'),
    ]);
    const { dependencies, records } = createTurnHarness({ answerModel });
    const events: TurnEvent[] = [];
    for await (const event of runTurn(
      turnInput('How do I cancel a fetch request?', { signal: controller.signal }),
      dependencies,
    )) {
      events.push(event);
      if (eventText(events) === 'Partial answer') controller.abort();
    }
    expect(answerModel.aborted).toBe(true);
    expect(info).toHaveBeenCalledWith('upstream_cancelled', expect.objectContaining({ turnId: 'turn-1' }));
    expect(states(events).at(-1)).toBe('failed');
    expect(ofType(events, 'notice')).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: 'cancelled', errorCode: undefined });
    expect(records[0].outputTokens).toBeGreaterThan(0);
  });

  it('cancels during retrieval without calling the model', async () => {
    const controller = new AbortController();
    const answerModel = createScriptedModel(textSteps('unused'));
    const { dependencies, records } = createTurnHarness({
      answerModel,
      retrieve: createFakeRetriever({ delayMs: 60_000 }).retrieve,
    });
    const pending = collectTurn(
      turnInput('How do I cancel a fetch request?', { signal: controller.signal }),
      dependencies,
    );
    setTimeout(() => controller.abort(), 10);
    const events = await pending;
    expect(answerModel.requests).toHaveLength(0);
    expect(eventText(events)).toBe('');
    expect(records[0].status).toBe('cancelled');
  });

  it('cancels during routing, even with a router that ignores the signal, without searching', async () => {
    const controller = new AbortController();
    const retriever = createFakeRetriever();
    const { dependencies, records } = createTurnHarness({
      route: () => new Promise(() => undefined),
      retrieve: retriever.retrieve,
    });
    const pending = collectTurn(
      turnInput('How do I cancel a fetch request?', { signal: controller.signal }),
      dependencies,
    );
    setTimeout(() => controller.abort(), 10);
    const events = await pending;
    expect(states(events)).toEqual(['routing', 'failed']);
    expect(retriever.calls).toHaveLength(0);
    expect(records[0].status).toBe('cancelled');
  });

  it('records the turn as cancelled when the consumer stops reading', async () => {
    const { dependencies, records } = createTurnHarness();
    for await (const event of runTurn(turnInput('How do I cancel a fetch request?'), dependencies)) {
      if (event.type === 'sources') break;
    }
    expect(records).toHaveLength(1);
    expect(records[0].status).toBe('cancelled');
  });
});
