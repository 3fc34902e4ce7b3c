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

/** A remote embedder whose upstream would take 5 s to answer each request. */
function slowRemoteEmbedder() {
  server.reset();
  server.setDefault({ kind: 'ok', firstTokenDelayMs: 5_000 }, 'embeddings');
  return createOpenAIEmbedderProvider({
    model: 'text-embedding-3-small',
    apiKey: 'test',
    baseURL: server.baseURL,
  }).load(undefined);
}

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

  it("closes the upstream request when the caller aborts, failing with the caller's reason", async () => {
    const embedder = slowRemoteEmbedder();
    const controller = new AbortController();
    const pending = embedder.embedQuery('slow', controller.signal);
    await server.waitFor((requests) => requests.some((request) => request.path === '/v1/embeddings'));
    controller.abort(new Error('caller gave up'));
    await expect(pending).rejects.toThrow('caller gave up');
    // The fake would answer after 5 s; the socket closes long before, unanswered.
    await server.waitFor((requests) => requests.every((request) => request.closed), 1_000);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ aborted: true, completed: false });
    server.reset();
  });

  it('closes every batch request of a document embedding when the caller aborts', async () => {
    const embedder = slowRemoteEmbedder();
    const controller = new AbortController();
    // LangChain sends 512 texts per request: two requests.
    const texts = Array.from({ length: 600 }, (_, index) => `text ${index}`);
    const pending = embedder.embedDocuments(texts, controller.signal);
    await server.waitFor((requests) => requests.length === 2);
    controller.abort(new Error('deadline'));
    await expect(pending).rejects.toThrow('deadline');
    await server.waitFor((requests) => requests.every((request) => request.closed && request.aborted), 1_000);
    server.reset();
  });

  it('refuses to start when the signal has already aborted', async () => {
    server.reset();
    const embedder = createOpenAIEmbedderProvider({
      model: 'text-embedding-3-small',
      apiKey: 'test',
      baseURL: server.baseURL,
    }).load(undefined);
    await expect(embedder.embedQuery('late', AbortSignal.abort(new Error('already gone')))).rejects.toThrow(
      'already gone',
    );
    expect(server.requests).toHaveLength(0);
  });
});
