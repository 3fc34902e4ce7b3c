import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEvent } from '@/lib/contracts/models';
import { createOpenAIAnswerModel } from '@/lib/models/openai-answer-model';
import { createFakeOpenAIServer, defaultAnswer, type FakeOpenAIServer, tokenize } from './fake-openai-server';

let server: FakeOpenAIServer;
let client: OpenAI;

beforeAll(async () => {
  server = await createFakeOpenAIServer();
  client = new OpenAI({ apiKey: 'test', baseURL: server.baseURL, maxRetries: 0, logLevel: 'off' });
});
afterEach(() => server.reset());
afterAll(() => server.close());

async function collectText(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) {
  let text = '';
  const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
    text += chunk.choices[0]?.delta.content ?? '';
  }
  return { text, chunks };
}

function streamRequest(content = 'How do Python decorators work?') {
  return client.chat.completions.create({
    model: 'gpt-4o-mini',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content }],
  });
}

describe('fake OpenAI server', () => {
  it('listens on loopback only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.baseURL).toBe(`${server.url}/v1`);
  });

  it('streams with the official openai client: role first, one token per chunk, finish, usage', async () => {
    server.script([{ kind: 'ok', text: 'Decorators wrap functions [1].' }]);
    const { text, chunks } = await collectText(await streamRequest());
    expect(text).toBe('Decorators wrap functions [1].');
    expect(chunks[0].choices[0].delta).toMatchObject({ role: 'assistant', content: '' });
    const contentChunks = chunks.filter((chunk) => chunk.choices[0]?.delta.content);
    expect(contentChunks).toHaveLength(tokenize('Decorators wrap functions [1].').length);
    expect(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)?.usage).toMatchObject({ completion_tokens: 4 });
    expect(server.requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      completed: true,
      tokensSent: 4,
    });
  });

  it('gives a deterministic default answer citing [1] with words from the question', async () => {
    const { text } = await collectText(await streamRequest('Explain asyncio event loops'));
    expect(text).toBe(defaultAnswer('Explain asyncio event loops'));
    expect(text).toContain('[1]');
    expect(text).toContain('asyncio');
  });

  it('streams through ChatOpenAI (createOpenAIAnswerModel), with usage', async () => {
    server.script([{ kind: 'ok', text: 'Use a list comprehension [1].', tokenDelayMs: 2 }]);
    const model = createOpenAIAnswerModel({ model: 'gpt-4o-mini', baseURL: server.baseURL });
    const events: AnswerEvent[] = [];
    for await (const event of model.stream({
      messages: [{ role: 'user', content: 'how to build lists' }],
      question: 'how to build lists',
      context: [],
      signal: new AbortController().signal,
    })) {
      events.push(event);
    }
    const text = events.map((event) => (event.type === 'text' ? event.text : '')).join('');
    expect(text).toBe('Use a list comprehension [1].');
    expect(events.filter((event) => event.type === 'text').length).toBeGreaterThanOrEqual(4);
    expect(events.find((event) => event.type === 'usage')).toMatchObject({ usage: { outputTokens: 5 } });
  });

  it('answers non-streaming requests with a chat.completion and usage', async () => {
    server.script([{ kind: 'ok', text: 'Short answer.' }]);
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0].message.content).toBe('Short answer.');
    expect(completion.usage?.completion_tokens).toBe(2);
  });

  it('returns 429 with Retry-After and retry-after-ms headers', async () => {
    server.script([{ kind: 'rate-limit', retryAfterSeconds: 2, retryAfterMs: 1500 }]);
    const error = await streamRequest().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const headers = (error as InstanceType<typeof OpenAI.RateLimitError>).headers;
    expect(headers.get('retry-after')).toBe('2');
    expect(headers.get('retry-after-ms')).toBe('1500');
  });

  it('returns scripted error statuses in order, then the default', async () => {
    server.script([
      { kind: 'error', status: 503 },
      { kind: 'error', status: 400 },
    ]);
    await expect(streamRequest()).rejects.toMatchObject({ status: 503 });
    await expect(streamRequest()).rejects.toMatchObject({ status: 400 });
    const { text } = await collectText(await streamRequest('fine now'));
    expect(text).toContain('[1]');
    expect(server.requests.map((request) => request.behaviour)).toEqual(['error', 'error', 'ok']);
  });

  it('drops the connection mid-stream after the given tokens', async () => {
    server.script([{ kind: 'drop', afterTokens: 3 }]);
    let text = '';
    const consume = async () => {
      for await (const chunk of await streamRequest('one two three four five six')) {
        text += chunk.choices[0]?.delta.content ?? '';
      }
    };
    await expect(consume()).rejects.toThrow();
    expect(tokenize(text)).toHaveLength(3);
    await server.waitFor((requests) => requests[0].closed);
    expect(server.requests[0]).toMatchObject({ tokensSent: 3, aborted: true });
  });

  it('sends a malformed chunk that the client cannot parse', async () => {
    server.script([{ kind: 'malformed', afterTokens: 2 }]);
    const consume = async () => {
      for await (const _chunk of await streamRequest()) {
        // Consumed only to reach the broken chunk.
      }
    };
    await expect(consume()).rejects.toThrow();
  });

  it('stalls until the client aborts, and records the closed socket', async () => {
    server.script([{ kind: 'stall' }]);
    const controller = new AbortController();
    const pending = client.chat.completions.create(
      { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hello' }] },
      { signal: controller.signal },
    );
    await server.waitFor((requests) => requests.length === 1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await server.waitFor((requests) => requests[0].closed);
    expect(server.requests[0]).toMatchObject({ aborted: true, tokensSent: 0 });
  });

  it('stalls after some tokens until the client aborts', async () => {
    server.script([{ kind: 'stall-after', tokens: 2 }]);
    const controller = new AbortController();
    let text = '';
    const consume = async () => {
      for await (const chunk of await client.chat.completions.create(
        { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'alpha beta gamma' }] },
        { signal: controller.signal },
      )) {
        text += chunk.choices[0]?.delta.content ?? '';
        if (tokenize(text).length === 2) setTimeout(() => controller.abort(), 20);
      }
    };
    // The openai client ends an aborted stream quietly instead of throwing.
    await consume();
    expect(tokenize(text)).toHaveLength(2);
    await server.waitFor((requests) => requests[0].closed);
    expect(server.requests[0].aborted).toBe(true);
  });

  it('serves deterministic, normalised embeddings with its own script queue', async () => {
    const first = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a b', 'c'] });
    const second = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'a b',
      dimensions: 64,
    });
    expect(first.data).toHaveLength(2);
    expect(first.data[0].embedding).toHaveLength(1536);
    expect(second.data[0].embedding).toHaveLength(64);
    const norm = Math.hypot(...first.data[0].embedding);
    expect(norm).toBeCloseTo(1, 5);
    server.script([{ kind: 'error', status: 500 }], 'embeddings');
    await expect(client.embeddings.create({ model: 'm', input: 'x' })).rejects.toMatchObject({ status: 500 });
    const again = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a b', 'c'] });
    expect(again.data[0].embedding).toEqual(first.data[0].embedding);
  });

  it('answers 200 text/html, a whole JSON answer for a stream, or an empty stream when scripted', async () => {
    const post = () =>
      fetch(`${server.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gpt-4o-mini',
          stream: true,
          messages: [{ role: 'user', content: 'hi' }],
        }),
      });
    server.script([{ kind: 'html' }, { kind: 'json-instead-of-stream' }, { kind: 'empty-stream' }]);
    const html = await post();
    expect([html.status, html.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(await html.text()).toContain('<html>');
    const json = await post();
    expect(json.headers.get('content-type')).toBe('application/json');
    expect((await json.json()).object).toBe('chat.completion');
    const empty = await post();
    expect(empty.headers.get('content-type')).toContain('text/event-stream');
    expect(await empty.text()).not.toContain('data:');
  });

  it('counts model-list requests until reset', async () => {
    await (await fetch(`${server.baseURL}/models`)).json();
    await (await fetch(`${server.baseURL}/models`)).json();
    expect(server.modelListRequests()).toBe(2);
    server.reset();
    expect(server.modelListRequests()).toBe(0);
  });

  it('lists models', async () => {
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toContain('gpt-4o-mini');
  });

  it('answers invalid JSON with a 400 like OpenAI', async () => {
    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('can be scripted from another process through the control endpoints', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/__control/script', { behaviours: [{ kind: 'error', status: 502 }] })).status).toBe(
      200,
    );
    expect(
      (await post('/__control/default', { behaviour: { kind: 'ok', text: 'Default text.' } })).status,
    ).toBe(200);
    expect((await post('/__control/script', { behaviours: [{ kind: 'nonsense' }] })).status).toBe(400);
    await expect(streamRequest()).rejects.toMatchObject({ status: 502 });
    expect((await collectText(await streamRequest())).text).toBe('Default text.');
    const listed = await (await fetch(`${server.url}/__control/requests`)).json();
    expect(listed.requests).toHaveLength(2);
    expect((await post('/__control/reset', {})).status).toBe(200);
    expect(server.requests).toHaveLength(0);
    expect((await collectText(await streamRequest('reset works'))).text).toContain('reset');
  });
});
