import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as chat } from '@/app/api/chat/route';
import { createFakeOpenAIServer, type FakeOpenAIServer } from '@/tests/support/fake-openai-server';
import { type ChatChunk, uiChunks } from '@/tests/support/sse';
import { setConfig } from '../config';
import { ingestCollection } from '../ingest/ingest-collection';
import { closeMetricsDatabase } from '../metrics/metrics-db';
import { setClientRateLimiter } from '../resilience/client-rate-limit';

// The real app path (configured dependencies: registry models, budgets, cache, metrics) with the
// fake OpenAI-compatible server as the provider. gpt-4o costs ~16x gpt-4o-mini per token.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-http-'));
let server: FakeOpenAIServer;
let questionNumber = 0;

const base = () => ({
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  EMBEDDINGS: 'local',
  OPENAI_BASE_URL: server.baseURL,
  OPENAI_API_KEY: 'test-key',
  CHAT_MODEL: 'gpt-4o',
  FALLBACK_MODEL: 'gpt-4o-mini',
});

beforeAll(async () => {
  server = await createFakeOpenAIServer();
  setConfig(base());
  setClientRateLimiter(null);
  await ingestCollection({ directory: path.resolve('data/corpus/javascript'), collection: 'javascript' });
}, 120_000);
beforeEach(() => server.reset());
afterAll(async () => {
  closeMetricsDatabase();
  setClientRateLimiter(undefined);
  setConfig({});
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function ask() {
  // A new question each time, so no answer comes from the response cache.
  questionNumber += 1;
  const question = `How do I cancel a fetch request, variant ${questionNumber}?`;
  const response = await chat(
    new Request('http://app.test/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [{ id: 'u', role: 'user', parts: [{ type: 'text', text: question }] }],
      }),
    }),
  );
  const chunks = await uiChunks(response);
  const notices = chunks.flatMap((chunk) => (chunk.type === 'data-notice' ? [chunk.data.message] : []));
  const metrics = chunks.find(
    (chunk): chunk is Extract<ChatChunk, { type: 'data-metrics' }> => chunk.type === 'data-metrics',
  );
  const models = server.requests
    .filter((request) => request.path === '/v1/chat/completions')
    .map((request) => (request.body as { model: string }).model);
  server.reset();
  return { notices, model: metrics?.data.model, models };
}

describe('budgets on the real path', () => {
  it('uses the configured model when no budget applies', async () => {
    expect(await ask()).toMatchObject({ model: 'gpt-4o', models: ['gpt-4o'], notices: [] });
  });

  it('sends a turn over TURN_BUDGET_USD to the cheaper FALLBACK_MODEL, with a notice', async () => {
    setConfig({ ...base(), TURN_BUDGET_USD: '0.005' });
    const result = await ask();
    expect(result.models).toEqual(['gpt-4o-mini']);
    expect(result.model).toBe('gpt-4o-mini');
    expect(result.notices).toContain('Answered by gpt-4o-mini to stay within the per-turn budget.');
  });

  it('moves turns to the fallback once DAILY_BUDGET_USD is spent', async () => {
    setConfig({ ...base(), DAILY_BUDGET_USD: '0.000001' });
    // Any answered turn costs more than a micro-dollar, so the day is spent after one.
    await ask();
    const result = await ask();
    expect(result.models).toEqual(['gpt-4o-mini']);
    expect(result.notices).toContain("Today's budget is spent: answered by gpt-4o-mini.");
  });
});
