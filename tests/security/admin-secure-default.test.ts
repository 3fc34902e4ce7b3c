import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetAdminThrottle } from '@/lib/auth/admin-throttle';
import { forgetGeneratedAdminTokens } from '@/lib/auth/admin-token';
import { isAdminSession } from '@/lib/auth/require-admin';
import { announceAdminAccess } from '@/lib/auth/startup-warning';
import { adminEndpoints, cookieOf, serveAdminApp } from '@/tests/support/admin-app-server';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import type { RouteServer } from '@/tests/support/route-server';

let server: RouteServer;
let dataDir: { directory: string; cleanup: () => void };

beforeAll(async () => {
  server = await serveAdminApp();
});
afterAll(() => server.close());

/** Runs the start-up announcement as a freshly started process would; returns what it printed. */
function startInProduction(): string {
  forgetGeneratedAdminTokens();
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    announceAdminAccess();
    return stdout.mock.calls.map(([chunk]) => String(chunk)).join('');
  } finally {
    stdout.mockRestore();
  }
}

function tokenOf(line: string): string {
  return new URL(line.trim().replace(/^Admin sign-in: /, '')).searchParams.get('token') ?? '';
}

const send = (method: string, pathAndQuery: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${pathAndQuery}`, {
    method,
    headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });

beforeEach(() => {
  dataDir = useTemporaryDataDir({ NODE_ENV: 'production', ADMIN_TOKEN: '', PORT: '3000' });
  resetAdminThrottle();
});
afterEach(() => {
  forgetGeneratedAdminTokens();
  dataDir.cleanup();
});

describe('production without ADMIN_TOKEN', () => {
  it('generates a token file (0600), prints exactly one sign-in line, and reuses it after a restart', () => {
    const line = startInProduction();
    expect(line).toMatch(/^Admin sign-in: http:\/\/localhost:3000\/login\?token=[A-Za-z0-9_-]{43}\n$/);
    const file = path.join(dataDir.directory, 'admin-token');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(tokenOf(line));
    expect(tokenOf(startInProduction())).toBe(tokenOf(line));
  });

  it.each([
    ['corrupt', 'not a token\n', 0o600],
    ['world-readable', `${'a'.repeat(43)}\n`, 0o644],
  ])('replaces a %s token file with a fresh owner-only one', async (_kind, content, mode) => {
    const file = path.join(dataDir.directory, 'admin-token');
    fs.writeFileSync(file, content);
    fs.chmodSync(file, mode);
    const token = tokenOf(startInProduction());
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token).not.toBe('a'.repeat(43));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const planted = await send('GET', '/api/metrics/summary', { authorization: `Bearer ${'a'.repeat(43)}` });
    expect(planted.status).toBe(401);
  });

  it.each(adminEndpoints.map((endpoint) => [`${endpoint.method} ${endpoint.path}`, endpoint] as const))(
    '%s answers 401 without the token',
    async (_name, endpoint) => {
      startInProduction();
      const response = await send(endpoint.method, endpoint.path);
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe('unauthorized');
    },
  );

  it('hides health details (file paths) and the dashboard from anyone without the token', async () => {
    const token = tokenOf(startInProduction());
    const open = await (await send('GET', '/api/health')).json();
    expect(open.components).toEqual([]);
    expect(JSON.stringify(open)).not.toContain(dataDir.directory);
    const admin = await (await send('GET', '/api/health', { authorization: `Bearer ${token}` })).json();
    expect(admin.components.length).toBeGreaterThan(0);
    expect(isAdminSession(undefined)).toBe(false);
  });

  it('accepts the generated token as a bearer token on every admin surface', async () => {
    const token = tokenOf(startInProduction());
    for (const endpoint of adminEndpoints) {
      const response = await send(endpoint.method, endpoint.path, { authorization: `Bearer ${token}` });
      expect(response.status, endpoint.path).toBe(200);
    }
  });

  it('signs in from the printed link: session cookie, redirect to the dashboard without the token', async () => {
    const line = startInProduction();
    const link = new URL(line.trim().replace(/^Admin sign-in: /, ''));
    const response = await send('GET', `${link.pathname}${link.search}`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/dashboard');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).not.toContain(tokenOf(line));
    const summary = await send('GET', '/api/metrics/summary', { cookie: cookieOf(response) });
    expect(summary.status).toBe(200);
    expect(isAdminSession(cookieOf(response).split('=')[1])).toBe(true);
  });

  it('sends a wrong sign-in link back to the login page with an error, without the token', async () => {
    startInProduction();
    const response = await send('GET', '/login?token=guessed-token&next=/dashboard');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?error=wrong-token&next=%2Fdashboard');
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});

describe('ADMIN_TOKEN set in production', () => {
  it('overrides the generated token and prints no sign-in line', async () => {
    dataDir.cleanup();
    dataDir = useTemporaryDataDir({ NODE_ENV: 'production', ADMIN_TOKEN: 'configured-admin-token-42' });
    expect(startInProduction()).toBe('');
    expect(fs.existsSync(path.join(dataDir.directory, 'admin-token'))).toBe(false);
    const configured = await send('GET', '/api/metrics', {
      authorization: 'Bearer configured-admin-token-42',
    });
    expect(configured.status).toBe(200);
  });
});
