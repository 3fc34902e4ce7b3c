import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as chat } from '@/app/api/chat/route';
import { type ChatChunk, uiChunks } from '@/tests/support/sse';
import { setConfig } from '../config';
import { ingestCollection } from '../ingest/ingest-collection';
import { closeMetricsDatabase } from '../metrics/metrics-db';
import { setClientRateLimiter } from '../resilience/client-rate-limit';

// The real app path: POST /api/chat with the configured dependencies (real retrieval over an
// ingested corpus, the local generator, the process-wide response cache, metrics).
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-http-'));
const corpus = path.join(dataDir, 'corpus');
const question = 'How do I cancel a fetch request with AbortController?';

beforeAll(async () => {
  setConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    OPENAI_API_KEY: '',
    OPENAI_BASE_URL: '',
    EMBEDDINGS: 'local',
  });
  setClientRateLimiter(null);
  fs.cpSync(path.resolve('data/corpus/javascript'), corpus, { recursive: true });
  await ingestCollection({ directory: corpus, collection: 'javascript' });
}, 120_000);
afterAll(() => {
  closeMetricsDatabase();
  setClientRateLimiter(undefined);
  setConfig({});
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function ask(text = question) {
  const response = await chat(
    new Request('http://app.test/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ id: 'u', role: 'user', parts: [{ type: 'text', text }] }] }),
    }),
  );
  expect(response.status).toBe(200);
  const chunks = await uiChunks(response);
  const answer = chunks.flatMap((chunk) => (chunk.type === 'text-delta' ? [chunk.delta] : [])).join('');
  const find = <Type extends ChatChunk['type']>(type: Type) =>
    chunks.find((chunk): chunk is Extract<ChatChunk, { type: Type }> => chunk.type === type);
  return {
    text: answer,
    sources: find('data-sources')?.data,
    route: find('data-route')?.data,
    metrics: find('data-metrics')?.data,
  };
}

describe('response cache over HTTP', () => {
  it('serves a repeated question from the cache with identical content, and a re-ingest invalidates it', async () => {
    const first = await ask();
    expect(first.metrics).toMatchObject({ cached: false, provider: 'local', status: 'ok' });
    expect(first.text.length).toBeGreaterThan(20);

    const second = await ask(`  ${question.toLowerCase()}  `);
    expect(second.metrics).toMatchObject({ cached: true, provider: 'cache', status: 'ok' });
    expect(second.text).toBe(first.text);
    expect(second.sources).toEqual(first.sources);
    expect(second.route).toEqual(first.route);

    // A re-ingest that changes the collection gives it a new index version: the entry is stale.
    const file = path.join(corpus, 'abortcontroller-cancellation.md');
    fs.appendFileSync(file, '\n\n## Timeouts\n\nUse AbortSignal.timeout(ms) to cancel after a delay.\n');
    const report = await ingestCollection({ directory: corpus, collection: 'javascript' });
    expect(report.upToDate).toBe(false);
    const third = await ask();
    expect(third.metrics).toMatchObject({ cached: false, provider: 'local' });

    const fourth = await ask();
    expect(fourth.metrics).toMatchObject({ cached: true });
    expect(fourth.text).toBe(third.text);
  }, 120_000);
});
