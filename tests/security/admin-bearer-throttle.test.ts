import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readAuditEvents } from '@/lib/audit/audit-log';
import { maxFailedAdminAttempts, resetAdminThrottle } from '@/lib/auth/admin-throttle';
import { adminEndpoints, cookieOf, serveAdminApp } from '@/tests/support/admin-app-server';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import type { RouteServer } from '@/tests/support/route-server';

const token = 'bearer-suite-admin-token-0123456789';
let server: RouteServer;
let dataDir: { directory: string; cleanup: () => void };

beforeAll(async () => {
  server = await serveAdminApp();
});
afterAll(() => server.close());
beforeEach(() => {
  dataDir = useTemporaryDataDir({ NODE_ENV: 'production', ADMIN_TOKEN: token });
  resetAdminThrottle();
});
afterEach(() => dataDir.cleanup());

const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
  fetch(`${server.url}${path}`, {
    method,
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
const bearer = (value: string) => ({ authorization: `Bearer ${value}` });

async function guessWrong(times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < times; attempt += 1) {
    const endpoint = adminEndpoints[attempt % adminEndpoints.length];
    statuses.push((await send(endpoint.method, endpoint.path, bearer(`guess-${attempt}`))).status);
  }
  return statuses;
}

describe('bearer token guesses on the admin APIs', () => {
  it('get 429 with Retry-After after the allowed failures, even for the right token', async () => {
    const statuses = await guessWrong(maxFailedAdminAttempts + 20);
    expect(statuses.slice(0, maxFailedAdminAttempts).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(maxFailedAdminAttempts).every((status) => status === 429)).toBe(true);
    const right = await send('GET', '/api/metrics', bearer(token));
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await right.json()).error.code).toBe('rate_limited');
  });

  it('are audited as denied, never with the guessed token', async () => {
    await guessWrong(maxFailedAdminAttempts + 1);
    const events = readAuditEvents(100).filter((event) => event.action === 'admin.bearer');
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.result === 'denied')).toBe(true);
    expect(events.map((event) => event.details?.reason)).toEqual(
      expect.arrayContaining(['wrong token', 'throttled']),
    );
    expect(JSON.stringify(events)).not.toContain('guess-');
  });

  it('share the login throttle: bearer failures lock the login form and the sign-in link', async () => {
    await guessWrong(maxFailedAdminAttempts);
    const form = await send(
      'POST',
      '/api/login',
      { 'content-type': 'application/json' },
      JSON.stringify({ token }),
    );
    expect(form.status).toBe(429);
    const link = await send('GET', `/login?token=${token}`);
    expect(link.status).toBe(303);
    expect(link.headers.get('location')).toMatch(/^\/login\?error=throttled/);
    expect(link.headers.get('set-cookie')).toBeNull();
  });

  it('do not lock out a signed-in admin, and health simply shows the public view', async () => {
    const signedIn = await send('GET', `/login?token=${token}`);
    const cookie = cookieOf(signedIn);
    await guessWrong(maxFailedAdminAttempts + 1);
    expect((await send('GET', '/api/metrics/summary', { cookie })).status).toBe(200);
    const health = await send('GET', '/api/health', bearer(token));
    expect((await health.json()).components).toEqual([]);
  });

  it('failed sign-in links count like password guesses', async () => {
    for (let attempt = 0; attempt < maxFailedAdminAttempts; attempt += 1) {
      const response = await send('GET', `/login?token=wrong-${attempt}`);
      expect(response.headers.get('location')).toMatch(/^\/login\?error=wrong-token/);
    }
    expect((await send('GET', '/api/metrics', bearer(token))).status).toBe(429);
  });
});
