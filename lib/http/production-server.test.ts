import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { setConfig } from '../config';
import { createProductionServer, type NodeRequestHandler } from './production-server';

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());
afterAll(() => setConfig({}));

async function serve(handle: NodeRequestHandler): Promise<string> {
  const server = createProductionServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A raw request, for methods and paths fetch refuses to send. */
function raw(
  url: string,
  method: string,
  path: string,
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}${path}`, { method }, (response) => {
      let body = '';
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'] ?? '', body }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

describe('the production server', () => {
  it('appends the socket peer to X-Forwarded-For and replaces X-Real-IP before the app sees them', async () => {
    const url = await serve((request, response) => {
      response.end(JSON.stringify([request.headers['x-forwarded-for'], request.headers['x-real-ip']]));
    });
    const forged = await fetch(url, { headers: { 'x-forwarded-for': '6.6.6.6', 'x-real-ip': '7.7.7.7' } });
    expect(await forged.json()).toEqual(['6.6.6.6, 127.0.0.1', '127.0.0.1']);
    expect(await (await fetch(url)).json()).toEqual(['127.0.0.1', '127.0.0.1']);
  });

  it('keeps X-Forwarded-Proto and -Host only from a proxy TRUST_PROXY names', async () => {
    const url = await serve((request, response) => {
      response.end(
        JSON.stringify([
          request.headers['x-forwarded-proto'] ?? null,
          request.headers['x-forwarded-host'] ?? null,
        ]),
      );
    });
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' };
    setConfig({ TRUST_PROXY: '' });
    expect(await (await fetch(url, { headers })).json()).toEqual([null, null]);
    setConfig({ TRUST_PROXY: '10.0.0.0/8' });
    expect(await (await fetch(url, { headers })).json()).toEqual([null, null]);
    setConfig({ TRUST_PROXY: '127.0.0.1' });
    expect(await (await fetch(url, { headers })).json()).toEqual(['https', 'evil.example']);
    setConfig({ TRUST_PROXY: '1' });
    expect(await (await fetch(url, { headers })).json()).toEqual(['https', 'evil.example']);
  });

  it('answers a JSON 500 when the handler fails', async () => {
    const url = await serve(() => Promise.reject(new Error('boom')));
    const response = await fetch(url);
    expect(response.status).toBe(500);
    expect((await response.json()).error.code).toBe('internal');
  });

  it('answers API requests no route can serve with a JSON error, and leaves pages to the app', async () => {
    const url = await serve((_request, response) => response.end('app'));
    const trace = await raw(url, 'TRACE', '/api/chat');
    expect(trace).toMatchObject({ status: 501, type: 'application/json' });
    expect(JSON.parse(trace.body).error.code).toBe('not_implemented');
    // Node's parser itself refuses an invented method: still a JSON body.
    const invented = await raw(url, 'FOO', '/api/chat');
    expect(invented).toMatchObject({ status: 400, type: 'application/json' });
    expect(JSON.parse(invented.body).error.code).toBe('bad_request');
    const undecodable = await raw(url, 'GET', '/v1/%zz');
    expect(undecodable).toMatchObject({ status: 400, type: 'application/json' });
    expect(JSON.parse(undecodable.body).error.code).toBe('bad_request');
    expect(await raw(url, 'TRACE', '/')).toMatchObject({ status: 200, body: 'app' });
    expect(await raw(url, 'GET', '/%zz')).toMatchObject({ status: 200, body: 'app' });
    expect(await raw(url, 'DELETE', '/api/login')).toMatchObject({ status: 200, body: 'app' });
  });
});
