import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createProductionServer, type NodeRequestHandler } from './production-server';

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

async function serve(handle: NodeRequestHandler): Promise<string> {
  const server = createProductionServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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

  it('answers a JSON 500 when the handler fails', async () => {
    const url = await serve(() => Promise.reject(new Error('boom')));
    const response = await fetch(url);
    expect(response.status).toBe(500);
    expect((await response.json()).error.code).toBe('internal');
  });
});
