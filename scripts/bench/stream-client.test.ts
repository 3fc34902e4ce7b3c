import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureStream, type StreamProtocol } from './stream-client';

let server: http.Server;
let baseUrl = '';
const agent = new http.Agent({ keepAlive: true });

const uiEvents = [
  { type: 'start' },
  { type: 'data-status', id: 'status', data: { state: 'generating' } },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Hello ' },
  { type: 'text-delta', id: 't', delta: 'world' },
  { type: 'text-end', id: 't' },
  { type: 'data-metrics', id: 'metrics', data: { cached: true } },
  { type: 'finish' },
];

/** How each test stream ends: none at all, or a marker the stream ends before completing. */
const endMarkers: Record<string, string> = { '/truncated': '', '/unterminated': 'data: [DONE]\n' };

beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === '/bad') {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end('{"error":{"code":"invalid_request"}}');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const body =
      request.url === '/openai'
        ? 'data: {"choices":[{"delta":{"role":"assistant","content":""}}]}\n\ndata: {"choices":[{"delta":{"content":"Hi"}}]}\n\ndata: [DONE]\n\n'
        : `${uiEvents.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('')}${endMarkers[request.url ?? ''] ?? 'data: [DONE]\n\n'}`;
    // Split mid-event so the client must reassemble.
    response.write(body.slice(0, 37));
    setTimeout(() => response.end(body.slice(37)), 5);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  agent.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const measure = (path: string, protocol: StreamProtocol = 'ui-message-stream') =>
  measureStream({ url: `${baseUrl}${path}`, body: { question: 'q' }, protocol, agent, timeoutMs: 5_000 });

describe('measureStream', () => {
  it('collects the answer text, cache flag and token timings of a UI message stream', async () => {
    const result = await measure('/chat');
    expect(result).toMatchObject({ ok: true, status: 200, text: 'Hello world', cached: true });
    expect(result.firstTokenMs).toBeGreaterThanOrEqual(result.headersMs ?? Number.POSITIVE_INFINITY);
    expect(result.lastTokenMs).toBeGreaterThanOrEqual(result.firstTokenMs ?? Number.POSITIVE_INFINITY);
  });

  it('reads OpenAI chunks', async () => {
    expect(await measure('/openai', 'openai')).toMatchObject({ ok: true, text: 'Hi' });
  });

  it('reports HTTP errors with their body', async () => {
    const result = await measure('/bad');
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(result.error).toContain('invalid_request');
  });

  it('fails a stream that ends without its end marker', async () => {
    expect(await measure('/truncated')).toMatchObject({
      ok: false,
      error: 'stream ended without its end marker',
    });
  });

  it('does not count an end marker the stream ends before completing', async () => {
    expect(await measure('/unterminated')).toMatchObject({
      ok: false,
      error: 'stream ended without its end marker',
    });
  });

  it('reports a refused connection instead of throwing', async () => {
    const result = await measureStream({
      url: 'http://127.0.0.1:1/none',
      body: {},
      protocol: 'openai',
      agent,
      timeoutMs: 2_000,
    });
    expect(result).toMatchObject({ ok: false, status: 0 });
    expect(result.error).toBeTruthy();
  });
});
