import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setConfig } from '@/lib/config';
import { checkModelProvider, clearModelHealthCache } from './check-model-provider';

let server: http.Server;
let baseUrl: string;
let answer = 200;
let contentType = 'application/json';
let requests: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    requests.push(request.headers);
    response.writeHead(answer, { 'content-type': contentType }).end('{"data":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  clearModelHealthCache();
  requests = [];
  answer = 200;
  contentType = 'application/json';
});

describe('checkModelProvider', () => {
  it('reports the local generator as healthy without any request', async () => {
    setConfig({ OPENAI_API_KEY: '', OPENAI_BASE_URL: '', LOG_LEVEL: 'silent' });
    expect(await checkModelProvider()).toMatchObject({
      status: 'healthy',
      detail: expect.stringContaining('local'),
    });
  });

  it('asks GET /models with the key and caches the answer briefly', async () => {
    setConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: baseUrl, LOG_LEVEL: 'silent' });
    const first = await checkModelProvider(1000, 1_000);
    expect(first.status).toBe('healthy');
    expect(requests[0].authorization).toBe('Bearer sk-test');
    await checkModelProvider(1000, 5_000);
    expect(requests).toHaveLength(1);
    await checkModelProvider(1000, 20_000);
    expect(requests).toHaveLength(2);
  });

  it('shares one probe among concurrent checks and reuses it for HEALTH_PROBE_CACHE_MS', async () => {
    setConfig({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: baseUrl,
      HEALTH_PROBE_CACHE_MS: '2000',
      LOG_LEVEL: 'silent',
    });
    const results = await Promise.all(Array.from({ length: 50 }, () => checkModelProvider(1000, 1_000)));
    expect(requests).toHaveLength(1);
    expect(new Set(results.map((result) => result.status))).toEqual(new Set(['healthy']));
    await checkModelProvider(1000, 2_999);
    expect(requests).toHaveLength(1);
    await checkModelProvider(1000, 3_000);
    expect(requests).toHaveLength(2);
  });

  it('is degraded when a 200 reply is not JSON (a proxy page)', async () => {
    setConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: baseUrl, LOG_LEVEL: 'silent' });
    contentType = 'text/html; charset=utf-8';
    const result = await checkModelProvider();
    expect(result.status).toBe('degraded');
    expect(result.detail).toContain('text/html');
  });

  it('is degraded when the key is rejected or the provider fails', async () => {
    setConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: baseUrl, LOG_LEVEL: 'silent' });
    answer = 401;
    expect((await checkModelProvider()).detail).toContain('API key was rejected');
    clearModelHealthCache();
    answer = 503;
    expect(await checkModelProvider()).toMatchObject({ status: 'degraded' });
  });

  it('is degraded, not down, when the provider is unreachable', async () => {
    setConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', LOG_LEVEL: 'silent' });
    const result = await checkModelProvider(1000);
    expect(result.status).toBe('degraded');
    expect(result.detail).toContain('fall back');
  });
});
