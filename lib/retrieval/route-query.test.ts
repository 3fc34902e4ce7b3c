import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeOpenAIServer, type FakeOpenAIServer } from '@/tests/support/fake-openai-server';
import { setConfig } from '../config';
import { AppError } from '../errors';
import { ingestCollection } from '../ingest/ingest-collection';
import { resetResilienceState } from '../resilience/reset-resilience-state';
import { retrieve } from './retrieve';
import { routeQuery } from './route-query';

const root = path.resolve(__dirname, '../..');
let dataDirectory: string;
let server: FakeOpenAIServer;

const pythonQuestion = 'How do I make a list comprehension with a condition?';

function useRouter(router: 'local' | 'llm') {
  setConfig({
    DATA_DIR: dataDirectory,
    LOG_LEVEL: 'silent',
    EMBEDDINGS: 'local',
    ROUTER: router,
    OPENAI_API_KEY: 'test',
    OPENAI_BASE_URL: server.baseURL,
    UPSTREAM_REQUESTS_PER_MINUTE: '0',
  });
  resetResilienceState();
}

beforeAll(async () => {
  server = await createFakeOpenAIServer();
  dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'route-query-'));
  setConfig({ DATA_DIR: dataDirectory, LOG_LEVEL: 'silent', EMBEDDINGS: 'local' });
  for (const collection of ['python', 'javascript']) {
    await ingestCollection({ directory: path.join(root, 'data/corpus', collection), collection });
  }
});

afterAll(async () => {
  await server.close();
  fs.rmSync(dataDirectory, { recursive: true, force: true });
  setConfig({});
});

beforeEach(() => server.reset());

describe('routeQuery', () => {
  it('routes locally by default, without calling a model', async () => {
    useRouter('local');
    const route = await routeQuery({ query: pythonQuestion });
    expect(route).toMatchObject({ collections: ['python'], pinned: false });
    expect(route.reason).toMatch(/^best match: python/);
    expect(server.requests).toHaveLength(0);
  });

  it('with ROUTER=llm, routes with the model, and retrieve searches the collection it chose', async () => {
    useRouter('llm');
    // Deliberately the other collection, so the result can only come from the model's decision.
    server.setDefault({
      kind: 'ok',
      text: '{"collections": ["javascript"], "confidence": 0.6, "reason": "asked about arrays"}',
    });
    const route = await routeQuery({ query: pythonQuestion });
    expect(route).toMatchObject({
      collections: ['javascript'],
      reason: 'LLM router (gpt-4o-mini): asked about arrays',
      confidence: 0.6,
    });
    const result = await retrieve({ query: pythonQuestion, k: 3 });
    expect(result.route).toEqual(route);
    expect(result.sources.map((source) => source.collection)).toEqual([
      'javascript',
      'javascript',
      'javascript',
    ]);
    expect(server.requests).toHaveLength(2);
  });

  it('with ROUTER=llm, an invalid answer falls back to the local decision, saying so', async () => {
    useRouter('llm');
    server.script([{ kind: 'ok', text: '{"collections": ["ruby"], "confidence": 0.9, "reason": "gems"}' }]);
    const result = await retrieve({ query: pythonQuestion, k: 2 });
    expect(result.route.collections).toEqual(['python']);
    expect(result.route.reason).toMatch(
      /^LLM router unavailable \(invalid answer \(collections\.0: .*\)\); local router: best match: python/,
    );
    expect(result.sources[0]).toMatchObject({ collection: 'python', source: 'comprehensions.md' });
  });

  it('never asks the model about a pinned collection, and checks that it exists', async () => {
    useRouter('llm');
    expect(await routeQuery({ query: pythonQuestion, collection: 'javascript' })).toMatchObject({
      collections: ['javascript'],
      pinned: true,
    });
    const error = await routeQuery({ query: 'x', collection: 'cobol' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('unknown_collection');
    expect(server.requests).toHaveLength(0);
  });

  it('lets retrieve search a route decided earlier, without routing again', async () => {
    useRouter('llm');
    const route = {
      collections: ['javascript'],
      scores: { javascript: 1 },
      reason: 'decided earlier',
      confidence: 1,
      pinned: false,
    };
    const result = await retrieve({ query: pythonQuestion, route, k: 2 });
    expect(result.route).toBe(route);
    expect(result.sources.every((source) => source.collection === 'javascript')).toBe(true);
    expect(server.requests).toHaveLength(0);
  });
});
