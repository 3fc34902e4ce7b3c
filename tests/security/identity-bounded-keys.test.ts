import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as login } from '@/app/api/login/route';
import { POST as retrieve } from '@/app/api/retrieve/route';
import { maxFailedAdminAttempts, resetAdminThrottle } from '@/lib/auth/admin-throttle';
import { setConfig } from '@/lib/config';
import { createClientRateLimiter, setClientRateLimiter } from '@/lib/resilience/client-rate-limit';
import { createMemoryTokenBucketStore } from '@/lib/resilience/token-bucket-store';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { type RouteServer, serveRoute } from '@/tests/support/route-server';

const token = 'bounded-keys-admin-token';
const flood = 10_500;
let servers: { retrieve: RouteServer; login: RouteServer };
let cleanup: () => void;

/** A client address per number, as a proxy we trust would report it. */
const address = (client: number) => `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`;

function post(server: RouteServer, path: string, body: unknown, forwardedFor: string): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
}

/** Sends one request per client, a few at a time, discarding the bodies. */
async function floodWith(clients: number, send: (client: number) => Promise<Response>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < clients) {
      const response = await send(next++);
      await response.body?.cancel();
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

beforeAll(async () => {
  // Every hop is believed, so each forged address is a distinct client: the worst case.
  cleanup = useTemporaryDataDir({ ADMIN_TOKEN: token, TRUST_PROXY: '1' }).cleanup;
  servers = {
    retrieve: await serveRoute(retrieve, { forwardPeer: true }),
    login: await serveRoute(login, { forwardPeer: true }),
  };
});
afterAll(async () => {
  cleanup();
  resetAdminThrottle();
  setClientRateLimiter(undefined);
  setConfig({});
  await servers.retrieve.close();
  await servers.login.close();
});

describe('maps keyed by client stay bounded under a flood of distinct clients', () => {
  it(`the rate limiter keeps at most its bound of buckets after ${flood} clients`, async () => {
    const store = createMemoryTokenBucketStore();
    const take = vi.spyOn(store, 'take');
    setClientRateLimiter(createClientRateLimiter(store, { capacity: 5, refillPerSecond: 1 }));
    await floodWith(flood, (client) => post(servers.retrieve, '/api/retrieve', {}, address(client)));
    expect(take).toHaveBeenCalledTimes(flood);
    expect(new Set(take.mock.calls.map(([key]) => key)).size).toBe(flood);
    expect(store.size).toBe(10_000);
  }, 60_000);

  it('the login throttle forgets the least recently failed client once 10k others failed', async () => {
    resetAdminThrottle();
    const first = address(flood + 1);
    for (let attempt = 0; attempt < maxFailedAdminAttempts; attempt += 1) {
      await (await post(servers.login, '/api/login', { token: 'guess' }, first)).body?.cancel();
    }
    expect((await post(servers.login, '/api/login', { token: 'guess' }, first)).status).toBe(429);
    await floodWith(10_000, (client) =>
      post(servers.login, '/api/login', { token: 'guess' }, address(client)),
    );
    // Evicted, not kept forever: the map never held more than its bound.
    expect((await post(servers.login, '/api/login', { token: 'guess' }, first)).status).toBe(401);
  }, 60_000);
});
