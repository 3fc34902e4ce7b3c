import { readUIMessageStream, type UIMessageChunk } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScriptedModel, textSteps } from '@/tests/support/fakes';
import { readUntil, uiChunks } from '@/tests/support/sse';
import { createTurnHarness } from '@/tests/support/turn-harness';
import type { ChatRequestBody } from '../agent/chat-request';
import type { ChatMessage } from '../contracts/ui-message';
import { AppError } from '../errors';
import { logger } from '../logger';
import { streamChatTurn } from './stream-chat-turn';

afterEach(() => vi.restoreAllMocks());

let nextId = 0;
const userMessage = (text: string) => ({
  id: `m${nextId++}`,
  role: 'user' as const,
  parts: [{ type: 'text', text }],
});
const assistantMessage = (text: string) => ({
  id: `m${nextId++}`,
  role: 'assistant' as const,
  parts: [
    { type: 'data-status', id: 'status', data: { state: 'done', message: 'Done' } },
    { type: 'text', text },
  ],
});
const body = (question: string, extra: Partial<ChatRequestBody> = {}): ChatRequestBody => ({
  id: 'chat-1',
  messages: [userMessage(question)],
  trigger: 'submit-message',
  ...extra,
});

async function finalMessage(chunks: UIMessageChunk[]): Promise<ChatMessage | undefined> {
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  let last: ChatMessage | undefined;
  for await (const message of readUIMessageStream<ChatMessage>({ stream })) last = message;
  return last;
}

describe('streamChatTurn', () => {
  it('streams status, route, sources, text and metrics as an AI SDK UI message stream', async () => {
    const { dependencies, records } = createTurnHarness();
    const response = await streamChatTurn(body('How do I cancel a fetch request?'), {
      signal: new AbortController().signal,
      dependencies,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    const chunks = await uiChunks(response);
    const types = chunks.map((chunk) => chunk.type);
    expect(types[0]).toBe('start');
    expect(types.at(-1)).toBe('finish');
    expect(types.indexOf('data-sources')).toBeLessThan(types.indexOf('text-start'));
    expect(types.indexOf('text-end')).toBeLessThan(types.indexOf('data-metrics'));
    expect(types).not.toContain('error');
    expect(types.filter((type) => type === 'text-delta').length).toBeGreaterThan(10);

    const message = await finalMessage(chunks);
    const parts = message?.parts ?? [];
    // Status updates reconcile into one part that ends as `done`.
    const statuses = parts.filter((part) => part.type === 'data-status');
    expect(statuses).toHaveLength(1);
    expect(statuses[0]).toMatchObject({ data: { state: 'done' } });
    const sources = parts.find((part) => part.type === 'data-sources');
    const text = parts.find((part) => part.type === 'text');
    const metrics = parts.find((part) => part.type === 'data-metrics');
    expect(sources?.type === 'data-sources' && sources.data.sources.length).toBeGreaterThan(0);
    expect(text?.type === 'text' && text.text).toMatch(/\[1\]/);
    expect(metrics).toMatchObject({ data: { provider: 'local', status: 'ok', turnId: records[0].id } });
    expect(message?.metadata?.turnId).toBe(records[0].id);
    expect(response.headers.get('x-turn-id')).toBe(records[0].id);
  });

  it('uses the earlier messages as conversation for a follow-up', async () => {
    const { dependencies } = createTurnHarness();
    const request = body('and how do I cancel it?', {
      messages: [
        userMessage('How do I make an HTTP request with fetch in Node.js?'),
        assistantMessage('Use fetch(url) [1].'),
        userMessage('and how do I cancel it?'),
      ],
    });
    const chunks = await uiChunks(
      await streamChatTurn(request, { signal: new AbortController().signal, dependencies }),
    );
    const sources = chunks.find((chunk) => chunk.type === 'data-sources');
    expect(JSON.stringify(sources)).toMatch(/abortcontroller-cancellation\.md/);
  });

  it('ends a failed turn with a notice, metrics and an error chunk carrying the JSON error body', async () => {
    const answerModel = createScriptedModel([{ type: 'throw', error: new AppError('timeout') }]);
    const { dependencies } = createTurnHarness({ answerModel });
    const chunks = await uiChunks(
      await streamChatTurn(body('How do I cancel a fetch request?'), {
        signal: new AbortController().signal,
        dependencies,
      }),
    );
    const types = chunks.map((chunk) => chunk.type);
    expect(types.slice(-4)).toEqual(['data-notice', 'data-metrics', 'error', 'finish']);
    const error = chunks.find((chunk) => chunk.type === 'error');
    expect(error?.type === 'error' && JSON.parse(error.errorText)).toEqual({
      error: { code: 'timeout', message: new AppError('timeout').publicMessage },
    });
    const status = chunks.filter((chunk) => chunk.type === 'data-status').at(-1);
    expect(status).toMatchObject({
      data: { state: 'failed', reason: new AppError('timeout').publicMessage },
    });
  });

  it('cancels the upstream model request when the client goes away, and records the partial turn', async () => {
    const info = vi.spyOn(logger, 'info');
    const answerModel = createScriptedModel([
      ...textSteps('The first words'),
      { type: 'wait', ms: 60_000 },
      ...textSteps('never sent'),
    ]);
    const { dependencies, records } = createTurnHarness({ answerModel });
    const response = await streamChatTurn(body('How do I cancel a fetch request?'), {
      signal: new AbortController().signal,
      dependencies,
    });
    const read = await readUntil(response, (text) => text.includes('words'));
    expect(read).not.toContain('never');
    await vi.waitFor(() => expect(records).toHaveLength(1));
    expect(answerModel.aborted).toBe(true);
    expect(records[0].status).toBe('cancelled');
    expect(info).toHaveBeenCalledWith(
      'upstream_cancelled',
      expect.objectContaining({ turnId: records[0].id }),
    );
  });

  it('cancels when the request signal aborts (Next.js on client disconnect)', async () => {
    const controller = new AbortController();
    const answerModel = createScriptedModel([...textSteps('Some text'), { type: 'wait', ms: 60_000 }]);
    const { dependencies, records } = createTurnHarness({ answerModel });
    const response = await streamChatTurn(body('How do I cancel a fetch request?'), {
      signal: controller.signal,
      dependencies,
    });
    const reading = response.text();
    await vi.waitFor(() => expect(answerModel.requests).toHaveLength(1));
    controller.abort();
    await reading;
    await vi.waitFor(() => expect(records).toHaveLength(1));
    expect(records[0].status).toBe('cancelled');
    expect(answerModel.aborted).toBe(true);
  });
});

describe('streamChatTurn validation (before the stream starts)', () => {
  const { dependencies } = createTurnHarness({ maxQuestionChars: 100, maxHistoryMessages: 3 });
  const signal = new AbortController().signal;
  const rejects = (request: ChatRequestBody) => streamChatTurn(request, { signal, dependencies });

  it('rejects an empty or whitespace question', async () => {
    await expect(rejects(body('   \n '))).rejects.toMatchObject({
      code: 'bad_request',
      publicMessage: 'The question is empty.',
    });
    await expect(
      rejects(body('', { messages: [{ id: 'x', role: 'user', parts: [] }] })),
    ).rejects.toMatchObject({
      code: 'bad_request',
    });
  });

  it('rejects a question over the size limit', async () => {
    await expect(rejects(body('x'.repeat(101)))).rejects.toMatchObject({
      code: 'bad_request',
      publicMessage: expect.stringMatching(/101 characters.*limit is 100/),
    });
  });

  it('rejects a history over the limit', async () => {
    const messages = [
      userMessage('a question'),
      assistantMessage('an answer'),
      userMessage('b'),
      assistantMessage('c'),
      userMessage('d?'),
    ];
    await expect(rejects(body('d?', { messages }))).rejects.toMatchObject({
      code: 'bad_request',
      publicMessage: expect.stringMatching(/5 messages; the limit is 3/),
    });
  });

  it('rejects an unknown collection and accepts auto or a known one', async () => {
    await expect(rejects(body('How do I sort?', { collection: 'cobol' }))).rejects.toMatchObject({
      code: 'unknown_collection',
      status: 400,
      publicMessage: expect.stringMatching(/"cobol" does not exist.*python/),
    });
    for (const collection of ['auto', 'python', undefined]) {
      const response = await rejects(body('How do I sort a list?', { collection }));
      expect(response.status).toBe(200);
      await response.text();
    }
  });

  it('rejects a conversation that does not end with the user', async () => {
    await expect(
      rejects(body('x', { messages: [userMessage('q'), assistantMessage('a')] })),
    ).rejects.toBeInstanceOf(AppError);
  });
});
