import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { setConfig } from '@/lib/config';
import { clearModelHealthCache } from '@/lib/health/check-model-provider';
import { resetResilienceState } from '@/lib/resilience/reset-resilience-state';
import { createFakeOpenAIServer, type FakeOpenAIServer } from '@/tests/support/fake-openai-server';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { type RouteServer, serveRoute } from '@/tests/support/route-server';

let upstream: FakeOpenAIServer;
let healthServer: RouteServer;
let dataDir: ReturnType<typeof useTemporaryDataDir>;

beforeAll(async () => {
  dataDir = useTemporaryDataDir();
  upstream = await createFakeOpenAIServer();
  healthServer = await serveRoute(health);
});
afterAll(async () => {
  dataDir.cleanup();
  setConfig({});
  clearModelHealthCache();
  await Promise.all([upstream.close(), healthServer.close()]);
});
afterEach(() => {
  upstream.reset();
  clearModelHealthCache();
});

describe('health probe of the model provider', () => {
  it('100 concurrent GET /api/health make one model-list request', async () => {
    setConfig({
      OPENAI_BASE_URL: upstream.baseURL,
      OPENAI_API_KEY: 'test-key',
      HEALTH_PROBE_CACHE_MS: '60000',
      DATA_DIR: dataDir.directory,
      LOG_LEVEL: 'silent',
    });
    resetResilienceState();
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => fetch(`${healthServer.url}/api/health`)),
    );
    for (const response of responses) {
      expect(response.headers.get('content-type')).toContain('application/json');
      await response.json();
    }
    expect(upstream.modelListRequests()).toBe(1);

    // Later requests within the cache time reuse the result too.
    await (await fetch(`${healthServer.url}/api/health`)).json();
    expect(upstream.modelListRequests()).toBe(1);
  });

  it('after HEALTH_PROBE_CACHE_MS the provider is asked again, once', async () => {
    setConfig({
      OPENAI_BASE_URL: upstream.baseURL,
      OPENAI_API_KEY: 'test-key',
      HEALTH_PROBE_CACHE_MS: '0',
      DATA_DIR: dataDir.directory,
      LOG_LEVEL: 'silent',
    });
    await (await fetch(`${healthServer.url}/api/health`)).json();
    await (await fetch(`${healthServer.url}/api/health`)).json();
    expect(upstream.modelListRequests()).toBe(2);
  });
});
