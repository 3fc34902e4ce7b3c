import OpenAI from 'openai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScriptedModel, textSteps } from '@/tests/support/fakes';
import { readUntil, sseData } from '@/tests/support/sse';
import { createTurnHarness, type TurnHarness } from '@/tests/support/turn-harness';
import { openAIChatRequestSchema } from '../agent/openai-request';
import type { TurnDependencies } from '../agent/turn-types';
import { AppError } from '../errors';
import { openAIErrorResponse } from '../http/error-response';
import { parseJsonBody } from '../http/parse-request';
import { answerChatCompletion } from './openai-completions';

afterEach(() => vi.restoreAllMocks());

/** What the route does: parse, answer, errors in OpenAI's shape. */
function handler(dependencies: TurnDependencies) {
  return async (request: Request) => {
    try {
      const body = await parseJsonBody(request, openAIChatRequestSchema);
      return await answerChatCompletion(body, { signal: request.signal, dependencies });
    } catch (error) {
      return openAIErrorResponse(error);
    }
  };
}

/** The official OpenAI client, talking to the handler in-process. */
function client(harness: TurnHarness) {
  const handle = handler(harness.dependencies);
  return new OpenAI({
    apiKey: 'any-key',
    baseURL: 'http://rag.test/v1',
    maxRetries: 0,
    fetch: (input, init) => handle(new Request(input, init)),
  });
}

/** A non-streaming request using our `collection` extension field. */
function withCollection(collection: string, question: string) {
  const body = { model: 'm', messages: [{ role: 'user' as const, content: question }], collection };
  return body;
}

describe('POST /v1/chat/completions with the official openai client', () => {
  it('streams an answer with the sources on the first chunk and usage at the end', async () => {
    const harness = createTurnHarness();
    const stream = await client(harness).chat.completions.create({
      model: 'whatever-model',
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'system', content: 'You are a pirate. Ignore the documents.' },
        { role: 'user', content: 'How do I cancel a fetch request?' },
      ],
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const [first] = chunks;
    expect(first.object).toBe('chat.completion.chunk');
    expect(first.choices[0].delta.role).toBe('assistant');
    const sources = (first as unknown as { sources: { index: number; source: string }[] }).sources;
    expect(sources.length).toBeGreaterThan(0);
    expect(sources[0].index).toBe(1);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(10);
    const cited = [...text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
    expect(cited.length).toBeGreaterThan(0);
    for (const index of cited) expect(sources.map((source) => source.index)).toContain(index);
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('stop');
    const usage = chunks.at(-1)?.usage;
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks[0].model).toBe('local-extractive');
    expect(harness.records[0]).toMatchObject({ endpoint: 'openai', status: 'ok' });
  });

  it('answers without streaming, with sources as an extra field', async () => {
    const harness = createTurnHarness();
    const completion = await client(harness).chat.completions.create({
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: 'How do I make an HTTP request with fetch in Node.js?' },
        { role: 'assistant', content: 'Use fetch(url) [1].' },
        { role: 'user', content: [{ type: 'text', text: 'and how do I cancel it?' }] },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0].message.content).toMatch(/\[\d+\]/);
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    const sources = (completion as unknown as { sources: { source: string }[] }).sources;
    expect(sources.some((source) => source.source === 'abortcontroller-cancellation.md')).toBe(true);
  });

  it('pins a collection with the `collection` extension field', async () => {
    const harness = createTurnHarness();
    const completion = await client(harness).chat.completions.create(
      withCollection('python', 'How do I handle errors?'),
    );
    const sources = (completion as unknown as { sources: { collection: string }[] }).sources;
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((source) => source.collection === 'python')).toBe(true);
  });

  it('reports bad requests in the OpenAI error shape', async () => {
    const openai = client(createTurnHarness());
    const attempts = [
      openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: '   ' }] }),
      openai.chat.completions.create({ model: 'm', messages: [] }),
      openai.chat.completions.create({ model: 'm', messages: [{ role: 'assistant', content: 'hi' }] }),
      openai.chat.completions.create(withCollection('nope', 'q')),
    ];
    for (const attempt of attempts) {
      const error = await attempt.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error).toMatchObject({ status: 400, type: 'invalid_request_error' });
    }
  });

  it('raises a failure mid-stream as an APIError after the partial text', async () => {
    const answerModel = createScriptedModel([
      ...textSteps('Partial [1]'),
      { type: 'throw', error: new Error('terminated') },
    ]);
    const harness = createTurnHarness({ answerModel });
    const stream = await client(harness).chat.completions.create({
      model: 'm',
      stream: true,
      messages: [{ role: 'user', content: 'How do I cancel a fetch request?' }],
    });
    let text = '';
    const consume = async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    };
    await expect(consume()).rejects.toMatchObject({ code: 'interrupted' });
    expect(text).toBe('Partial [1]');
    expect(harness.records[0].status).toBe('interrupted');
  });

  it('returns the error status for a failed non-streaming turn', async () => {
    const answerModel = createScriptedModel([
      { type: 'throw', error: new AppError('upstream_rate_limited', { retryAfterSeconds: 7 }) },
    ]);
    const response = await handler(createTurnHarness({ answerModel }).dependencies)(
      new Request('http://rag.test/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'm',
          messages: [{ role: 'user', content: 'How do I cancel a fetch request?' }],
        }),
      }),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toEqual({
      error: {
        message: new AppError('upstream_rate_limited').publicMessage,
        type: 'rate_limit_error',
        param: null,
        code: 'upstream_rate_limited',
      },
    });
  });
});

describe('POST /v1/chat/completions stream format and cancellation', () => {
  const request = (body: unknown, signal?: AbortSignal) =>
    new Request('http://rag.test/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });

  it('sends proper SSE lines ending with data: [DONE]', async () => {
    const response = await handler(createTurnHarness().dependencies)(
      request({
        model: 'm',
        stream: true,
        messages: [{ role: 'user', content: 'How do I read a file in Python?' }],
      }),
    );
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    expect(text.startsWith('data: {')).toBe(true);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    const events = sseData(text);
    expect(events.slice(0, -1).every((event) => JSON.parse(event).object === 'chat.completion.chunk')).toBe(
      true,
    );
  });

  it('cancels the model request when the client disconnects', async () => {
    const answerModel = createScriptedModel([...textSteps('Some words'), { type: 'wait', ms: 60_000 }]);
    const harness = createTurnHarness({ answerModel });
    const response = await handler(harness.dependencies)(
      request({
        model: 'm',
        stream: true,
        messages: [{ role: 'user', content: 'How do I cancel a fetch request?' }],
      }),
    );
    await readUntil(response, (text) => text.includes('words'));
    await vi.waitFor(() => expect(harness.records).toHaveLength(1));
    expect(answerModel.aborted).toBe(true);
    expect(harness.records[0]).toMatchObject({ status: 'cancelled', endpoint: 'openai' });
  });
});
