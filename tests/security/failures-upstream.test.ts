import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as chat } from '@/app/api/chat/route';
import { GET as health } from '@/app/api/health/route';
import { setTurnDependencies } from '@/lib/chat/turn-dependencies';
import { setConfig } from '@/lib/config';
import type { HealthReport } from '@/lib/contracts/dashboard';
import { createOpenAIEmbedderProvider } from '@/lib/embeddings/openai-embedder';
import { clearModelHealthCache } from '@/lib/health/check-model-provider';
import { createOpenAIJsonModel } from '@/lib/models/openai-json-model';
import { getAnswerModel } from '@/lib/providers/registry';
import { getBreakerStates } from '@/lib/resilience/circuit-breakers';
import { resetResilienceState } from '@/lib/resilience/reset-resilience-state';
import { withEmbedderResilience } from '@/lib/resilience/resilient-embedder';
import { withJsonModelResilience } from '@/lib/resilience/resilient-json-model';
import { describeFailure } from '@/lib/resilience/upstream-errors';
import {
  createFakeOpenAIServer,
  type FakeBehaviour,
  type FakeOpenAIServer,
} from '@/tests/support/fake-openai-server';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { type RouteServer, serveRoute } from '@/tests/support/route-server';
import { type ChatChunk, uiChunks } from '@/tests/support/sse';
import { createTurnHarness, type TurnHarness } from '@/tests/support/turn-harness';

const adminToken = 'failures-suite-admin-token';
let upstream: FakeOpenAIServer;
let chatServer: RouteServer;
let healthServer: RouteServer;
let dataDir: ReturnType<typeof useTemporaryDataDir>;
let harness: TurnHarness;

function configureRemoteModel(overrides: Record<string, string> = {}): void {
  setConfig({
    OPENAI_BASE_URL: upstream.baseURL,
    OPENAI_API_KEY: 'test-key',
    CHAT_MODEL: 'gpt-4o-mini',
    FIRST_TOKEN_TIMEOUT_MS: '5000',
    IDLE_TIMEOUT_MS: '5000',
    TURN_TIMEOUT_MS: '20000',
    MAX_RETRIES: '2',
    RETRY_MAX_DELAY_MS: '20',
    BREAKER_FAILURES: '5',
    BREAKER_COOLDOWN_MS: '60000',
    UPSTREAM_REQUESTS_PER_MINUTE: '0',
    RATE_LIMIT_PER_MINUTE: '0',
    ADMIN_TOKEN: adminToken,
    DATA_DIR: dataDir.directory,
    LOG_LEVEL: 'silent',
    ...overrides,
  });
  resetResilienceState();
  clearModelHealthCache();
  harness = createTurnHarness({ answerModel: getAnswerModel() });
  setTurnDependencies(harness.dependencies);
}

async function askChat(text = 'How do I sort a list in Python?'): Promise<ChatChunk[]> {
  const response = await fetch(`${chatServer.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text }] }] }),
  });
  expect(response.status).toBe(200);
  return uiChunks(response);
}

const answerText = (chunks: ChatChunk[]) =>
  chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : '')).join('');
const noticeKinds = (chunks: ChatChunk[]) =>
  chunks.flatMap((chunk) => (chunk.type === 'data-notice' ? [(chunk.data as { kind: string }).kind] : []));
const chatRequests = () => upstream.requests.filter((entry) => entry.path === '/v1/chat/completions');

async function readHealth(): Promise<HealthReport> {
  const response = await fetch(`${healthServer.url}/api/health`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  return (await response.json()) as HealthReport;
}

beforeAll(async () => {
  dataDir = useTemporaryDataDir();
  upstream = await createFakeOpenAIServer();
  chatServer = await serveRoute(chat);
  healthServer = await serveRoute(health);
});
afterAll(async () => {
  dataDir.cleanup();
  setTurnDependencies(undefined);
  setConfig({});
  resetResilienceState();
  clearModelHealthCache();
  await Promise.all([upstream.close(), chatServer.close(), healthServer.close()]);
});
beforeEach(() => configureRemoteModel());
afterEach(() => upstream.reset());

describe('a 200 body that is not the expected stream is an upstream failure', () => {
  const faults: [string, FakeBehaviour][] = [
    ["a proxy's 200 text/html error page", { kind: 'html' }],
    ['a whole JSON answer where a stream was asked for', { kind: 'json-instead-of-stream' }],
    ['an event stream with no chunk in it', { kind: 'empty-stream' }],
  ];

  it.each(faults)('%s: retried, then the fallback answers (never "empty answer")', async (_name, fault) => {
    upstream.setDefault(fault);
    const chunks = await askChat();
    // One attempt and MAX_RETRIES retries on the primary, then the local generator.
    expect(chatRequests()).toHaveLength(3);
    expect(noticeKinds(chunks)).toEqual(['retry', 'retry', 'fallback']);
    expect(answerText(chunks).length).toBeGreaterThan(0);
    expect(chunks.some((chunk) => chunk.type === 'error')).toBe(false);
    expect(harness.records[0]).toMatchObject({
      status: 'ok',
      fallbackUsed: true,
      retries: 2,
      provider: 'local',
    });
  });

  it('the breaker opens after its threshold and /api/health reports the provider degraded', async () => {
    upstream.setDefault({ kind: 'html' });
    expect(
      (await readHealth()).components.find((component) => component.name === 'model-provider'),
    ).toMatchObject({
      status: 'healthy',
    });
    await askChat();
    await askChat();
    // 3 + 2 failed attempts: the fifth opened the circuit and cut the second turn's retries short.
    expect(chatRequests()).toHaveLength(5);
    expect(getBreakerStates()['chat:gpt-4o-mini']).toBe('open');

    const third = await askChat();
    expect(chatRequests()).toHaveLength(5);
    expect(answerText(third).length).toBeGreaterThan(0);

    const report = await readHealth();
    expect(report.status).not.toBe('healthy');
    const byName = Object.fromEntries(report.components.map((component) => [component.name, component]));
    expect(byName['breaker:chat:gpt-4o-mini']).toMatchObject({ status: 'degraded' });
    expect(byName['model-provider']).toMatchObject({ status: 'degraded' });
    expect(byName['model-provider'].detail).toContain('circuit open');
  });

  it('the model-list probe answering 200 text/html is a degraded provider', async () => {
    const htmlServer = await serveRoute(
      async () =>
        new Response('<html><body>Bad gateway</body></html>', { headers: { 'content-type': 'text/html' } }),
    );
    try {
      configureRemoteModel({ OPENAI_BASE_URL: `${htmlServer.url}/v1` });
      const provider = (await readHealth()).components.find(
        (component) => component.name === 'model-provider',
      );
      expect(provider).toMatchObject({ status: 'degraded' });
      expect(provider?.detail).toContain('text/html');
    } finally {
      await htmlServer.close();
    }
  });
});

describe('JSON calls and embeddings refuse a body that is not JSON', () => {
  it('the JSON model (router, rewrite) fails with a typed upstream error counted by its breaker', async () => {
    upstream.setDefault({ kind: 'html' });
    configureRemoteModel({ BREAKER_FAILURES: '2' });
    const model = withJsonModelResilience(
      createOpenAIJsonModel({ model: 'gpt-4o-mini', apiKey: 'test-key', baseURL: upstream.baseURL }),
      'router:gpt-4o-mini',
    );
    const call = () =>
      model.complete({
        messages: [{ role: 'user', content: 'route this' }],
        signal: new AbortController().signal,
        timeoutMs: 3000,
      });
    const first = await call().catch((error: unknown) => error);
    expect(first).toMatchObject({ code: 'upstream_unavailable' });
    expect(describeFailure((first as { cause: unknown }).cause)).toMatchObject({ kind: 'malformed' });
    await call().catch(() => undefined);
    expect(getBreakerStates()['router:gpt-4o-mini']).toBe('open');
    await expect(call()).rejects.toMatchObject({ code: 'circuit_open' });
    expect(chatRequests()).toHaveLength(2);
  });

  it('the embedder retries a 200 text/html reply, then fails with a typed upstream error', async () => {
    upstream.setDefault({ kind: 'html' }, 'embeddings');
    const provider = createOpenAIEmbedderProvider({
      model: 'text-embedding-3-small',
      apiKey: 'test-key',
      baseURL: upstream.baseURL,
    });
    const { embedder } = await provider.train([]);
    const resilient = withEmbedderResilience(embedder);
    const error = await resilient.embedQuery('sorting lists').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'upstream_unavailable' });
    const embeddingRequests = upstream.requests.filter((entry) => entry.path === '/v1/embeddings');
    expect(embeddingRequests).toHaveLength(3);
  });
});
