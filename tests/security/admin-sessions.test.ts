import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readAuditEvents } from '@/lib/audit/audit-log';
import { resetAdminThrottle } from '@/lib/auth/admin-throttle';
import { setConfig } from '@/lib/config';
import { cookieOf, serveAdminApp } from '@/tests/support/admin-app-server';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import type { RouteServer } from '@/tests/support/route-server';

const token = 'session-suite-admin-token-0123456789';
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

async function signIn(): Promise<string> {
  const response = await send(
    'POST',
    '/api/login',
    { 'content-type': 'application/json' },
    JSON.stringify({ token }),
  );
  expect(response.status).toBe(200);
  return cookieOf(response);
}

const logoutEvents = () => readAuditEvents(50).filter((event) => event.action === 'admin.logout');

describe('admin sessions', () => {
  it('logout revokes the session: the old cookie then gets 401', async () => {
    const cookie = await signIn();
    expect((await send('GET', '/api/metrics/summary', { cookie })).status).toBe(200);
    const logout = await send('DELETE', '/api/login', { cookie });
    expect(logout.status).toBe(200);
    expect(await logout.json()).toEqual({ ok: true, revoked: true });
    expect(logout.headers.get('set-cookie')).toContain('Max-Age=0');
    const replayed = await send('GET', '/api/metrics/summary', { cookie });
    expect(replayed.status).toBe(401);
    expect(logoutEvents()).toMatchObject([{ result: 'ok', actor: 'admin (session)' }]);
  });

  it('the session id in the cookie is random, not derived from the token', async () => {
    const first = await signIn();
    const second = await signIn();
    expect(first).not.toBe(second);
    expect(first).not.toContain(token);
  });

  it.each([
    ['no cookie', {}],
    ['a forged cookie', { cookie: `docs_chat_admin=${'x'.repeat(43)}` }],
  ])('logout with %s writes no "ok" audit entry and says nothing was revoked', async (_name, headers) => {
    const response = await send('DELETE', '/api/login', headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, revoked: false });
    expect(logoutEvents().filter((event) => event.result === 'ok')).toEqual([]);
  });

  it('logging out twice audits only the first', async () => {
    const cookie = await signIn();
    await send('DELETE', '/api/login', { cookie });
    expect(await (await send('DELETE', '/api/login', { cookie })).json()).toMatchObject({ revoked: false });
    expect(logoutEvents()).toHaveLength(1);
  });

  it('changing the token ends every session', async () => {
    const cookie = await signIn();
    setConfig({
      DATA_DIR: dataDir.directory,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
      ADMIN_TOKEN: 'rotated-token-9876543210',
    });
    expect((await send('GET', '/api/metrics/summary', { cookie })).status).toBe(401);
    setConfig({
      DATA_DIR: dataDir.directory,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
      ADMIN_TOKEN: token,
    });
    expect((await send('GET', '/api/metrics/summary', { cookie })).status).toBe(200);
  });
});
