import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as chat } from '@/app/api/chat/route';
import { createFakeOpenAIServer, type FakeOpenAIServer } from '@/tests/support/fake-openai-server';
import { readUntil, uiChunks } from '@/tests/support/sse';
import { createTurnHarness } from '@/tests/support/turn-harness';
import { setConfig } from '../config';
import { logger } from '../logger';
import { getAnswerModel } from '../providers/registry';
import { setClientRateLimiter } from '../resilience/client-rate-limit';
import { setTurnDependencies } from './turn-dependencies';

let server: FakeOpenAIServer;

beforeAll(async () => {
  server = await createFakeOpenAIServer();
  setConfig({ OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'test-key', CHAT_MODEL: 'gpt-4o-mini' });
  setClientRateLimiter(null);
});
afterEach(() => {
  server.reset();
  setTurnDependencies(undefined);
  vi.restoreAllMocks();
});
afterAll(async () => {
  setConfig({});
  setClientRateLimiter(undefined);
  await server.close();
});

/** The real @langchain/openai path (with the resilience chain) against the fake upstream. */
function useRemoteModel() {
  const harness = createTurnHarness({ answerModel: getAnswerModel() });
  setTurnDependencies(harness.dependencies);
  return harness;
}

const chatRequest = (question: string) =>
  new Request('http://app.test/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      messages: [{ id: 'u', role: 'user', parts: [{ type: 'text', text: question }] }],
    }),
  });

describe('a chat turn answered by an OpenAI-compatible server', () => {
  it('streams the model answer, sends the grounded prompt, and labels the metrics', async () => {
    const harness = useRemoteModel();
    const question = 'How do I cancel a fetch request?';
    const chunks = await uiChunks(await chat(chatRequest(question)));
    const text = chunks.flatMap((chunk) => (chunk.type === 'text-delta' ? [chunk.delta] : [])).join('');
    // The fake echoes the content words at the start of the user message: the question comes first.
    expect(text).toMatch(/^According to the documentation \[1\], .*how cancel fetch request/);
    const metrics = chunks.find((chunk) => chunk.type === 'data-metrics');
    expect(metrics).toMatchObject({ data: { provider: 'openai', model: 'gpt-4o-mini', status: 'ok' } });

    const sent = server.requests[0].body as {
      model: string;
      stream: boolean;
      messages: { role: string; content: string }[];
    };
    expect(sent.model).toBe('gpt-4o-mini');
    expect(sent.stream).toBe(true);
    expect(sent.messages[0].role).toBe('system');
    expect(sent.messages.at(-1)?.content).toContain('<documents>');
    expect(sent.messages.at(-1)?.content).toContain('abortcontroller-cancellation.md');
    expect(harness.records[0]).toMatchObject({ provider: 'openai', status: 'ok' });
    expect(harness.records[0].outputTokens).toBeGreaterThan(0);
  });

  it('closes the upstream request when the user stops, logs upstream_cancelled and records the turn', async () => {
    const info = vi.spyOn(logger, 'info');
    const harness = useRemoteModel();
    const words = Array.from({ length: 200 }, (_, index) => `word${index}`).join(' ');
    server.script([{ kind: 'ok', text: `Streaming slowly [1]. ${words}`, tokenDelayMs: 50 }]);
    await readUntil(await chat(chatRequest('How do I read a file line by line in Python?')), (text) =>
      text.includes('slowly'),
    );
    await server.waitFor((requests) => requests[0]?.closed === true, 10_000);
    expect(server.requests[0]).toMatchObject({ aborted: true, completed: false });
    await vi.waitFor(() => expect(harness.records).toHaveLength(1));
    expect(harness.records[0].status).toBe('cancelled');
    expect(info).toHaveBeenCalledWith(
      'upstream_cancelled',
      expect.objectContaining({ model: 'gpt-4o-mini' }),
    );
  });

  it('keeps the partial answer when the upstream drops mid-stream, without retrying', async () => {
    const harness = useRemoteModel();
    server.script([{ kind: 'drop', afterTokens: 3 }]);
    const chunks = await uiChunks(await chat(chatRequest('How do I cancel a fetch request?')));
    const text = chunks.flatMap((chunk) => (chunk.type === 'text-delta' ? [chunk.delta] : [])).join('');
    expect(text.length).toBeGreaterThan(0);
    expect(chunks.some((chunk) => chunk.type === 'data-notice' && chunk.data.kind === 'interrupted')).toBe(
      true,
    );
    expect(chunks.some((chunk) => chunk.type === 'error')).toBe(true);
    expect(server.requests.filter((request) => request.path === '/v1/chat/completions')).toHaveLength(1);
    expect(harness.records[0].status).toBe('interrupted');
  });
});
