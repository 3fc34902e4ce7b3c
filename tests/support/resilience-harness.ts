import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { setConfig } from '@/lib/config';
import { resetResilienceState } from '@/lib/resilience/reset-resilience-state';
import { createFakeOpenAIServer, type FakeOpenAIServer } from './fake-openai-server';

/**
 * Registers the hooks the resilience suites share: one fake upstream per file, and for every
 * test fresh breakers (opening after `breakerFailures`), no upstream rate limit, and a fake
 * clock for backoff and deadlines. The server starts in `beforeAll`, hence the holder.
 */
export function setUpResilienceSuite(options: { breakerFailures: number }): { server: FakeOpenAIServer } {
  const holder = {} as { server: FakeOpenAIServer };
  beforeAll(async () => {
    holder.server = await createFakeOpenAIServer();
  });
  afterAll(() => holder.server.close());
  beforeEach(() => {
    setConfig({
      BREAKER_FAILURES: String(options.breakerFailures),
      BREAKER_COOLDOWN_MS: '30000',
      UPSTREAM_REQUESTS_PER_MINUTE: '0',
      LOG_LEVEL: 'silent',
    });
    resetResilienceState();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    holder.server.reset();
  });
  return holder;
}
