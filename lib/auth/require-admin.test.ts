import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readAuditEvents } from '../audit/audit-log';
import { setConfig } from '../config';
import { AppError } from '../errors';
import { login, logout, maxFailedLogins, resetLoginThrottle } from './admin-login';
import { adminSessionCookie, createSessionValue } from './admin-session';
import { adminProof, isAdminSession, requireAdmin } from './require-admin';
import { warnIfAdminUnprotected } from './startup-warning';

const token = 'test-admin-token-0123456789';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-test-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const request = (headers: Record<string, string> = {}) =>
  new Request('http://localhost:3000/api/metrics/summary', {
    headers: { 'x-forwarded-for': '10.1.1.1', ...headers },
  });

function thrown(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('with ADMIN_TOKEN set', () => {
  beforeEach(() => {
    setConfig({ ADMIN_TOKEN: token, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    resetLoginThrottle();
  });

  it('rejects a request without credentials with 401', () => {
    const error = thrown(() => requireAdmin(request()));
    expect(error.code).toBe('unauthorized');
    expect(error.status).toBe(401);
  });

  it('rejects a wrong bearer token and a forged cookie', () => {
    expect(adminProof(request({ authorization: 'Bearer nope' }))).toBeUndefined();
    expect(adminProof(request({ cookie: `${adminSessionCookie}=${token}` }))).toBeUndefined();
  });

  it('accepts the bearer token and a session cookie', () => {
    expect(requireAdmin(request({ authorization: `Bearer ${token}` }))).toBe('bearer');
    const cookie = `${adminSessionCookie}=${createSessionValue(token)}`;
    expect(requireAdmin(request({ cookie }))).toBe('session');
    expect(isAdminSession(createSessionValue(token))).toBe(true);
    expect(isAdminSession(undefined)).toBe(false);
  });

  it('logs in with the right token: sets a session cookie that works, audits it', async () => {
    const response = login(request(), { token });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain(token);
    const value = setCookie.split(';')[0];
    expect(requireAdmin(request({ cookie: value }))).toBe('session');
    expect(readAuditEvents(1)[0]).toMatchObject({ action: 'admin.login', result: 'ok', ip: '10.1.1.1' });
  });

  it('refuses a wrong token with 401, without echoing it into the audit log', () => {
    expect(thrown(() => login(request(), { token: 'guess-123' })).status).toBe(401);
    const event = readAuditEvents(1)[0];
    expect(event).toMatchObject({ action: 'admin.login', result: 'denied' });
    expect(JSON.stringify(event)).not.toContain('guess-123');
  });

  it('throttles an address after repeated failures, even for the right token', () => {
    for (let attempt = 0; attempt < maxFailedLogins; attempt += 1) {
      thrown(() => login(request(), { token: `wrong-${attempt}` }));
    }
    const error = thrown(() => login(request(), { token }));
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    const otherClient = login(request({ 'x-forwarded-for': '10.2.2.2' }), { token });
    expect(otherClient.status).toBe(200);
  });

  it('logs out by clearing the cookie', () => {
    expect(logout(request()).headers.get('set-cookie')).toContain('Max-Age=0');
  });
});

describe('without ADMIN_TOKEN', () => {
  it('leaves admin routes open in development and says so in production', () => {
    setConfig({ ADMIN_TOKEN: '', NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    expect(requireAdmin(request())).toBe('open');
    expect(warnIfAdminUnprotected()).toBe(false);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    setConfig({ ADMIN_TOKEN: '', NODE_ENV: 'production', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    expect(warnIfAdminUnprotected()).toBe(true);
    expect(String(stderr.mock.calls[0]?.[0])).toContain('ADMIN_TOKEN is not set in production');
    stderr.mockRestore();
  });

  it('does not warn in production when the token is set', () => {
    setConfig({ ADMIN_TOKEN: token, NODE_ENV: 'production', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    expect(warnIfAdminUnprotected()).toBe(false);
  });
});
