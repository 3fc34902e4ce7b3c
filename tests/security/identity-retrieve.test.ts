import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as retrieve } from '@/app/api/retrieve/route';
import { setConfig } from '@/lib/config';
import { ingestCollection } from '@/lib/ingest/ingest-collection';
import { renderPrometheusMetrics } from '@/lib/operations/prometheus-exposition';
import { setClientRateLimiter } from '@/lib/resilience/client-rate-limit';
import { resetResilienceState } from '@/lib/resilience/reset-resilience-state';
import { createFakeOpenAIServer, type FakeOpenAIServer } from '@/tests/support/fake-openai-server';
import { type RouteServer, serveRoute } from '@/tests/support/route-server';

const root = path.resolve(__dirname, '../..');
const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'identity-retrieve-'));
const email = 'jane.doe@example.com';
let upstream: FakeOpenAIServer;
let server: RouteServer;

function configure(overrides: Record<string, string> = {}): void {
  setConfig({
    DATA_DIR: dataDirectory,
    LOG_LEVEL: 'silent',
    EMBEDDINGS: 'local',
    // Every search asks the model which collection fits: the costly case the limit protects.
    ROUTER: 'llm',
    OPENAI_BASE_URL: upstream.baseURL,
    OPENAI_API_KEY: 'test-key',
    UPSTREAM_REQUESTS_PER_MINUTE: '0',
    RATE_LIMIT_PER_MINUTE: '1',
    RATE_LIMIT_BURST: '3',
    MAX_QUESTION_CHARS: '200',
    PII_MODE: 'mask',
    ...overrides,
  });
  resetResilienceState();
  setClientRateLimiter(undefined);
}

function search(body: unknown): Promise<Response> {
  return fetch(`${server.url}/api/retrieve`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
}

/** The value of one Prometheus sample line, e.g. `docs_chat_retrieve_requests_total{status="429"}`. */
async function sample(name: string): Promise<number> {
  const { body } = await renderPrometheusMetrics();
  const line = body.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

beforeAll(async () => {
  upstream = await createFakeOpenAIServer();
  configure();
  for (const collection of ['javascript', 'python']) {
    await ingestCollection({ directory: path.join(root, 'data/corpus', collection), collection });
  }
  server = await serveRoute(retrieve, { forwardPeer: true });
}, 60_000);
beforeEach(() => {
  upstream.reset();
  configure();
});
afterAll(async () => {
  setClientRateLimiter(undefined);
  setConfig({});
  await server.close();
  await upstream.close();
  fs.rmSync(dataDirectory, { recursive: true, force: true });
});

describe('POST /api/retrieve', () => {
  it('has the chat endpoints’ client limit: 429 with Retry-After once the burst is spent', async () => {
    const results: Response[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1)
      results.push(await search({ query: 'cancel a fetch request' }));
    expect(results.map((response) => response.status)).toEqual([200, 200, 200, 429, 429]);
    expect(Number(results[3].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await results[3].json()).error.code).toBe('rate_limited');
    // Refused requests never reached the model.
    expect(upstream.requests.length).toBe(3);
  });

  it('holds the query to MAX_QUESTION_CHARS with a clear 400', async () => {
    const response = await search({ query: 'x'.repeat(201) });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 'bad_request', message: 'The query is 201 characters long; the limit is 200.' },
    });
  });

  it('masks personal data before the router model sees the query (PII_MODE=mask)', async () => {
    const response = await search({ query: `I am ${email}: how do I cancel a fetch request?` });
    expect(response.status).toBe(200);
    expect(upstream.requests.length).toBeGreaterThan(0);
    const sent = JSON.stringify(upstream.requests.map((request) => request.body));
    expect(sent).not.toContain(email);
    expect(sent).toContain('[EMAIL]');
  });

  it('refuses a query holding personal data with 400 pii_blocked (PII_MODE=block), calling no model', async () => {
    configure({ PII_MODE: 'block' });
    const response = await search({ query: `I am ${email}: how do I cancel a fetch request?` });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('pii_blocked');
    expect(upstream.requests).toEqual([]);
  });

  it('counts every request by status and observes its latency in the Prometheus registry', async () => {
    const ok = await sample('docs_chat_retrieve_requests_total{status="200"}');
    const refused = await sample('docs_chat_retrieve_requests_total{status="400"}');
    const latencies = await sample('docs_chat_retrieve_latency_seconds_count{outcome="error"}');
    await (await search({ query: 'cancel a fetch request' })).body?.cancel();
    await (await search({ query: '' })).body?.cancel();
    expect(await sample('docs_chat_retrieve_requests_total{status="200"}')).toBe(ok + 1);
    expect(await sample('docs_chat_retrieve_requests_total{status="400"}')).toBe(refused + 1);
    expect(await sample('docs_chat_retrieve_latency_seconds_count{outcome="error"}')).toBe(latencies + 1);
  });
});
