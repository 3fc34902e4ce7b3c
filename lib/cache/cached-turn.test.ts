import { describe, expect, it } from 'vitest';
import { runTurn } from '@/lib/agent/run-turn';
import type { TurnDependencies, TurnEvent, TurnInput } from '@/lib/agent/turn-types';
import { createScriptedModel, type ScriptStep, textSteps } from '@/tests/support/fakes';
import { createTurnHarness, eventText, turnInput } from '@/tests/support/turn-harness';
import { setConfig } from '../config';
import { cacheMiddleware, turnCacheKey } from './cached-turn';
import { createMemoryCacheStore } from './memory-cache-store';
import { createResponseCache } from './response-cache';

setConfig({ LOG_LEVEL: 'silent' });

const answer = 'Call controller.abort() to cancel the fetch request [1].';
const question = 'How do I cancel a fetch request?';

function setup(steps: ScriptStep[] = textSteps(answer), overrides: Partial<TurnDependencies> = {}) {
  const model = createScriptedModel(steps, { id: 'gpt-4o-mini' });
  const responseCache = createResponseCache({
    store: createMemoryCacheStore({ maxEntries: 50 }),
    ttl: { documentationSeconds: 3600, lowConfidenceSeconds: 600 },
  });
  const harness = createTurnHarness({ answerModel: model, ...overrides });
  const cachedTurn = cacheMiddleware(responseCache);
  let turn = 0;
  const ask = async (text = question, extra: Partial<TurnInput> = {}) => {
    turn += 1;
    const events: TurnEvent[] = [];
    const input = turnInput(text, { turnId: `turn-${turn}`, ...extra });
    for await (const event of cachedTurn(input, harness.dependencies, runTurn)) events.push(event);
    return events;
  };
  return { model, responseCache, cachedTurn, harness, ask };
}

const sourcesOf = (events: TurnEvent[]) => events.find((event) => event.type === 'sources');
const metricsOf = (events: TurnEvent[]) => events.find((event) => event.type === 'metrics');

describe('cacheMiddleware', () => {
  it('serves a repeated question from the cache with identical content, marked cached', async () => {
    const { model, harness, ask } = setup();
    const first = await ask();
    const second = await ask('  how do I cancel a FETCH request ');
    expect(model.requests).toHaveLength(1);
    expect(eventText(second)).toBe(eventText(first));
    expect(eventText(second)).toBe(answer);
    expect(sourcesOf(second)).toEqual(sourcesOf(first));
    expect(second.find((event) => event.type === 'route')).toEqual(
      first.find((event) => event.type === 'route'),
    );
    expect(metricsOf(second)).toMatchObject({ metrics: { cached: true, provider: 'cache', status: 'ok' } });
    expect(metricsOf(first)).toMatchObject({ metrics: { cached: false, provider: 'openai' } });
    const [, cached] = harness.records;
    expect(cached).toMatchObject({
      cacheHit: true,
      provider: 'cache',
      model: 'gpt-4o-mini',
      costUsd: 0,
      status: 'ok',
    });
    expect(cached.sources).toEqual(harness.records[0].sources);
    const states = second.flatMap((event) => (event.type === 'status' ? [event.status.state] : []));
    expect(states).toEqual(['routing', 'retrieving', 'generating', 'done']);
  });

  it('misses after a re-ingest changes the index version', async () => {
    let version = 'v1';
    const { model, harness, ask } = setup();
    const listCollections = harness.dependencies.listCollections;
    harness.dependencies.listCollections = async () =>
      (await listCollections()).map((collection) => ({ ...collection, indexVersion: version }));
    await ask();
    await ask();
    expect(model.requests).toHaveLength(1);
    version = 'v2';
    const third = await ask();
    expect(model.requests).toHaveLength(2);
    expect(metricsOf(third)).toMatchObject({ metrics: { cached: false } });
  });

  it('misses after an explicit invalidation of the collection', async () => {
    const { model, responseCache, ask } = setup();
    await ask();
    expect(await responseCache.invalidateCollection('javascript')).toBe(1);
    await ask();
    expect(model.requests).toHaveLength(2);
  });

  it.each([
    ['a failed turn', [{ type: 'throw', error: new Error('boom') }] as ScriptStep[]],
    [
      'an interrupted answer',
      [
        ...textSteps('Call controller'),
        { type: 'throw', error: new Error('socket hang up') },
      ] as ScriptStep[],
    ],
  ])('never caches %s', async (_name, steps) => {
    const { model, ask } = setup(steps);
    await ask();
    await ask();
    expect(model.requests).toHaveLength(2);
  });

  it('never caches a stopped turn', async () => {
    const { responseCache, harness, ask } = setup([...textSteps('Call'), { type: 'wait', ms: 5_000 }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await ask(question, { signal: controller.signal });
    expect(harness.records[0].status).toBe('cancelled');
    expect(await responseCache.size()).toBe(0);
  });

  it('keeps pinned and routed answers apart', async () => {
    const { model, ask } = setup();
    await ask();
    await ask(question, { collection: 'javascript' });
    expect(model.requests).toHaveLength(2);
    await ask(question, { collection: 'javascript' });
    expect(model.requests).toHaveLength(2);
  });

  it('records a replay the client leaves as cancelled', async () => {
    const { harness, cachedTurn, ask } = setup();
    await ask();
    const input = turnInput(question, { turnId: 'left' });
    for await (const event of cachedTurn(input, harness.dependencies, runTurn)) {
      if (event.type === 'text') break;
    }
    expect(harness.records.at(-1)).toMatchObject({ id: 'left', status: 'cancelled', cacheHit: true });
  });
});

describe('turnCacheKey', () => {
  it('keys a turn without history on its question, and skips every turn that carries history', async () => {
    const { harness } = setup();
    const key = await turnCacheKey(turnInput(question), harness.dependencies);
    expect(key).toMatchObject({ question, scope: 'auto', model: 'gpt-4o-mini' });
    expect([...(key?.collections ?? [])].sort()).toEqual(['javascript', 'python']);
    const history = [
      { role: 'user' as const, text: 'How do I read a file in Python?' },
      { role: 'assistant' as const, text: 'Use open().' },
    ];
    expect(await turnCacheKey(turnInput('and how do I close it?', { history }), harness.dependencies)).toBe(
      undefined,
    );
    // A standalone question after earlier turns: the history still reaches the prompt.
    expect(await turnCacheKey(turnInput(question, { history }), harness.dependencies)).toBeUndefined();
    const blank = [{ role: 'assistant' as const, text: '  ' }];
    expect(await turnCacheKey(turnInput(question, { history: blank }), harness.dependencies)).toBeDefined();
  });

  it('skips the cache when collections cannot be listed', async () => {
    const { harness } = setup();
    const failing = { ...harness.dependencies, listCollections: () => Promise.reject(new Error('disk')) };
    expect(await turnCacheKey(turnInput(question), failing)).toBeUndefined();
  });
});
