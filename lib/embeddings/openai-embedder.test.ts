import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeOpenAIServer, type FakeOpenAIServer } from '@/tests/support/fake-openai-server';
import { createOpenAIEmbedderProvider } from './openai-embedder';

let server: FakeOpenAIServer;

beforeAll(async () => {
  server = await createFakeOpenAIServer();
});

afterAll(async () => {
  await server.close();
});

describe('OpenAI-compatible embedder', () => {
  it('embeds through the configured base URL, returning unit vectors and an id naming the model', async () => {
    const provider = createOpenAIEmbedderProvider({
      model: 'text-embedding-3-small',
      apiKey: 'test',
      baseURL: server.baseURL,
    });
    expect(provider.id).toBe('openai:text-embedding-3-small');
    const { embedder, state } = await provider.train(['one', 'two']);
    expect(state).toBeUndefined();
    const vectors = await embedder.embedDocuments(['alpha beta', 'gamma']);
    expect(vectors).toHaveLength(2);
    expect(embedder.dimensions).toBe(vectors[0].length);
    const query = await provider.load(undefined).embedQuery('alpha beta');
    expect(Math.hypot(...query)).toBeCloseTo(1);
    expect(server.requests.some((request) => request.path === '/v1/embeddings')).toBe(true);
  });

  it('stops waiting when the caller aborts', async () => {
    server.setDefault({ kind: 'ok', firstTokenDelayMs: 5_000 }, 'embeddings');
    const embedder = createOpenAIEmbedderProvider({
      model: 'text-embedding-3-small',
      apiKey: 'test',
      baseURL: server.baseURL,
    }).load(undefined);
    const controller = new AbortController();
    const pending = embedder.embedQuery('slow', controller.signal);
    setTimeout(() => controller.abort(new Error('caller gave up')), 50);
    await expect(pending).rejects.toThrow('caller gave up');
    server.reset();
  });
});
