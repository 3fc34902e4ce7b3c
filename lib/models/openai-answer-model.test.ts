import { AIMessageChunk, HumanMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { answerRequest, collectAnswer } from '@/tests/support/collect-answer';
import { createFakeOpenAIServer, type FakeOpenAIServer } from '@/tests/support/fake-openai-server';
import { logger } from '../logger';
import { createOpenAIAnswerModel } from './openai-answer-model';

let server: FakeOpenAIServer;

beforeAll(async () => {
  server = await createFakeOpenAIServer();
});
afterEach(() => {
  server.reset();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

const model = () =>
  createOpenAIAnswerModel({ model: 'gpt-4o-mini', apiKey: 'sk-test', baseURL: server.baseURL });

describe('OpenAI answer model', () => {
  it('streams text token by token, then usage, sending the key and the prompt', async () => {
    server.script([{ kind: 'ok', text: 'Lists sort in place [1].' }]);
    const result = await collectAnswer(model(), answerRequest('How do lists sort?')).settled;
    expect(result.error).toBeUndefined();
    expect(result.text).toBe('Lists sort in place [1].');
    expect(result.events.filter((event) => event.type === 'text')).toHaveLength(5);
    expect(result.events.at(-1)).toMatchObject({ type: 'usage', usage: { outputTokens: 5 } });
    const [request] = server.requests;
    expect(request.headers.authorization).toBe('Bearer sk-test');
    expect(request.body).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'system' }, { role: 'user', content: 'How do lists sort?' }],
    });
  });

  it('never retries on its own (the resilience layer is the only retry layer)', async () => {
    server.script([
      { kind: 'error', status: 500 },
      { kind: 'rate-limit', retryAfterSeconds: 0 },
    ]);
    expect((await collectAnswer(model()).settled).error).toMatchObject({ status: 500 });
    expect((await collectAnswer(model()).settled).error).toMatchObject({ status: 429 });
    expect(server.requests).toHaveLength(2);
  });

  it('closes the upstream connection when the signal aborts', async () => {
    server.script([{ kind: 'ok', tokenDelayMs: 30 }]);
    const controller = new AbortController();
    const turn = collectAnswer(model(), answerRequest('abort me please now', controller.signal));
    await server.waitFor((requests) => requests[0]?.tokensSent >= 1);
    controller.abort(new Error('stop'));
    expect((await turn.settled).error).toEqual(new Error('stop'));
    await server.waitFor((requests) => requests[0].closed);
    expect(server.requests[0].aborted).toBe(true);
  });

  it('reports the openai client’s own complaints as JSON log lines, not console output', async () => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const consoleError = vi.spyOn(console, 'error');
    server.script([{ kind: 'malformed', afterTokens: 1 }]);
    const result = await collectAnswer(model()).settled;
    expect(result.error).toBeInstanceOf(SyntaxError);
    expect(warn).toHaveBeenCalledWith(
      'openai_client',
      expect.objectContaining({ message: expect.any(String) }),
    );
    expect(consoleError).not.toHaveBeenCalled();
  });
});

describe('ChatOpenAI._streamResponseChunks, the private call the answer model streams through', () => {
  const upgradeBroke =
    'an @langchain/openai upgrade changed ChatOpenAI._streamResponseChunks: see the comment on ' +
    'createOpenAIAnswerModel (switch to chat.stream() or adapt the loop)';
  const chat = () =>
    new ChatOpenAI({
      model: 'gpt-4o-mini',
      apiKey: 'sk-test',
      configuration: { baseURL: server.baseURL },
      streaming: true,
      streamUsage: true,
      maxRetries: 0,
    });

  it('yields AIMessageChunk messages with string deltas and usage on the last chunk', async () => {
    server.script([{ kind: 'ok', text: 'Lists sort in place.' }]);
    expect(typeof ChatOpenAI.prototype._streamResponseChunks, upgradeBroke).toBe('function');
    const messages: unknown[] = [];
    const signal = new AbortController().signal;
    for await (const chunk of chat()._streamResponseChunks([new HumanMessage('How?')], { signal })) {
      messages.push(chunk.message);
    }
    expect(messages.length, upgradeBroke).toBeGreaterThan(1);
    const chunks = messages.filter((message) => AIMessageChunk.isInstance(message));
    expect(chunks, upgradeBroke).toHaveLength(messages.length);
    expect(
      chunks.every((chunk) => typeof chunk.content === 'string'),
      upgradeBroke,
    ).toBe(true);
    expect(chunks.map((chunk) => chunk.content).join(''), upgradeBroke).toBe('Lists sort in place.');
    expect(chunks.at(-1)?.usage_metadata, upgradeBroke).toMatchObject({
      input_tokens: expect.any(Number),
      output_tokens: 4,
    });
  });

  it('stops, closing the upstream connection, when the signal in its call options aborts', async () => {
    server.script([{ kind: 'ok', tokenDelayMs: 30 }]);
    const controller = new AbortController();
    const stream = chat()._streamResponseChunks([new HumanMessage('abort me please now')], {
      signal: controller.signal,
    });
    let received = 0;
    const ending = await (async () => {
      for await (const _chunk of stream) {
        received++;
        controller.abort(new Error('stop'));
      }
    })().then(
      () => 'ended',
      (error: unknown) => error,
    );
    // Ending quietly or throwing are both fine: the answer model checks the signal either way.
    expect(ending === 'ended' || ending instanceof Error, upgradeBroke).toBe(true);
    await server.waitFor((requests) => requests[0].closed);
    expect(server.requests[0].aborted, upgradeBroke).toBe(true);
    expect(received, upgradeBroke).toBeLessThan(4);
  });
});
