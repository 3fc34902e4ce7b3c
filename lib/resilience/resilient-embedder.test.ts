import OpenAI from 'openai';
import { describe, expect, it, vi } from 'vitest';
import { realDelay, runFakeClock, waitUntil } from '@/tests/support/real-time';
import { setUpResilienceSuite } from '@/tests/support/resilience-harness';
import type { Embedder } from '../contracts/embedder';
import { createOpenAIEmbedderProvider } from '../embeddings/openai-embedder';
import { getBreakerStates } from './circuit-breakers';
import { resetResilienceState } from './reset-resilience-state';
import { withEmbedderProviderResilience, withEmbedderResilience } from './resilient-embedder';

const upstream = setUpResilienceSuite({ breakerFailures: 3 });

/** A remote embedder on the official client with its own retries off, as the app's should be. */
function remoteEmbedder(): Embedder {
  const client = new OpenAI({ apiKey: 'test', baseURL: upstream.server.baseURL, maxRetries: 0 });
  const embed = async (input: string[], signal?: AbortSignal) =>
    (await client.embeddings.create({ model: 'text-embedding-3-small', input }, { signal })).data.map(
      (item) => item.embedding,
    );
  return {
    id: 'openai:text-embedding-3-small',
    dimensions: 1536,
    embedDocuments: (texts, signal) => embed(texts, signal),
    embedQuery: async (text, signal) => (await embed([text], signal))[0],
  };
}

const settings = {
  maxRetries: 2,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 20_000,
  firstTokenTimeoutMs: 15_000,
};

describe('resilient embedder through the real HTTP path', () => {
  it('retries a 503 after the backoff and returns the vectors', async () => {
    upstream.server.script([{ kind: 'error', status: 503 }], 'embeddings');
    const embedder = withEmbedderResilience(remoteEmbedder(), { settings, random: () => 0.5 });
    const pending = embedder.embedDocuments(['alpha beta', 'gamma']);
    await waitUntil(() => upstream.server.requests.length === 1 && upstream.server.requests[0].completed);
    await realDelay(20);
    await vi.advanceTimersByTimeAsync(249);
    await realDelay(20);
    expect(upstream.server.requests).toHaveLength(1);
    await runFakeClock(pending, 1);
    const vectors = await pending;
    expect(vectors).toHaveLength(2);
    expect(vectors[0]).toHaveLength(1536);
    expect(upstream.server.requests).toHaveLength(2);
    expect(embedder.id).toBe('openai:text-embedding-3-small');
  });

  it('ends a stalled call at its deadline, closing the socket, and retries it', async () => {
    upstream.server.script([{ kind: 'stall' }], 'embeddings');
    const embedder = withEmbedderResilience(remoteEmbedder(), { settings, random: () => 0 });
    const pending = embedder.embedQuery('where is the config');
    await waitUntil(() => upstream.server.requests.length === 1);
    await vi.advanceTimersByTimeAsync(15_000);
    await upstream.server.waitFor((requests) => requests[0].closed);
    expect(upstream.server.requests[0].aborted).toBe(true);
    await runFakeClock(pending, 10);
    expect(await pending).toHaveLength(1536);
    expect(upstream.server.requests).toHaveLength(2);
  });

  it('does not retry a 400 and reports a clear error', async () => {
    upstream.server.script([{ kind: 'error', status: 400 }], 'embeddings');
    const embedder = withEmbedderResilience(remoteEmbedder(), { settings });
    await expect(embedder.embedQuery('x')).rejects.toMatchObject({ code: 'upstream_unavailable' });
    expect(upstream.server.requests).toHaveLength(1);
  });

  it('opens its own breaker after repeated failures and then fails fast without a request', async () => {
    upstream.server.setDefault({ kind: 'error', status: 500 }, 'embeddings');
    const embedder = withEmbedderResilience(remoteEmbedder(), { settings: { ...settings, maxRetries: 0 } });
    for (let call = 0; call < 3; call++) await expect(embedder.embedQuery('x')).rejects.toThrow();
    expect(getBreakerStates()).toEqual({ 'embeddings:openai:text-embedding-3-small': 'open' });
    await expect(embedder.embedQuery('x')).rejects.toMatchObject({ code: 'circuit_open' });
    expect(upstream.server.requests).toHaveLength(3);
  });

  it('stops at once when the caller aborts', async () => {
    upstream.server.script([{ kind: 'stall' }], 'embeddings');
    const controller = new AbortController();
    const pending = withEmbedderResilience(remoteEmbedder(), { settings }).embedQuery('x', controller.signal);
    await waitUntil(() => upstream.server.requests.length === 1);
    controller.abort(new Error('caller left'));
    await expect(pending).rejects.toThrow('caller left');
    await upstream.server.waitFor((requests) => requests[0].closed);
  });

  it('wraps the app’s OpenAI embedder provider: one retry layer, loaded and trained embedders alike', async () => {
    upstream.server.setDefault({ kind: 'error', status: 503 }, 'embeddings');
    const provider = withEmbedderProviderResilience(
      createOpenAIEmbedderProvider({ model: 'text-embedding-3-small', baseURL: upstream.server.baseURL }),
      { settings, random: () => 0 },
    );
    const failing = provider.load(undefined).embedQuery('how do I sort');
    await runFakeClock(failing, 10);
    await expect(failing).rejects.toMatchObject({ code: 'upstream_unavailable' });
    // maxRetries 2 => three attempts in all; a second retry layer would multiply them.
    expect(upstream.server.requests).toHaveLength(3);

    // Three consecutive faults also opened its breaker (BREAKER_FAILURES=3): start afresh.
    expect(getBreakerStates()['embeddings:openai:text-embedding-3-small']).toBe('open');
    resetResilienceState();
    upstream.server.setDefault({ kind: 'ok' }, 'embeddings');
    expect(await provider.load(undefined).embedQuery('how do I sort')).toHaveLength(1536);
    const { embedder } = await provider.train(['a text']);
    expect(await embedder.embedDocuments(['another text'])).toHaveLength(1);
    expect(upstream.server.requests).toHaveLength(5);
  });
});
