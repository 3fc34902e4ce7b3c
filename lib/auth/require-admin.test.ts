import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readAuditEvents } from '../audit/audit-log';
import { setConfig } from '../config';
import { AppError } from '../errors';
import { login, logout } from './admin-login';
import { adminSessionCookie, startAdminSession } from './admin-session';
import { maxFailedAdminAttempts, resetAdminThrottle } from './admin-throttle';
import { isAdminRequest, isAdminSession, requireAdmin } from './require-admin';
import { adminSignInUrl, announceAdminAccess } from './startup-warning';

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
    resetAdminThrottle();
  });

  it('rejects a request without credentials with 401', () => {
    const error = thrown(() => requireAdmin(request()));
    expect(error.code).toBe('unauthorized');
    expect(error.status).toBe(401);
  });

  it('rejects a wrong bearer token and a cookie holding the token', () => {
    expect(isAdminRequest(request({ authorization: 'Bearer nope' }))).toBe(false);
    expect(isAdminRequest(request({ cookie: `${adminSessionCookie}=${token}` }))).toBe(false);
  });

  it('accepts the bearer token and a session cookie', () => {
    expect(requireAdmin(request({ authorization: `Bearer ${token}` }))).toBe('bearer');
    const session = startAdminSession(token);
    expect(requireAdmin(request({ cookie: `${adminSessionCookie}=${session}` }))).toBe('session');
    expect(isAdminSession(session)).toBe(true);
    expect(isAdminSession(undefined)).toBe(false);
  });

  it('logs in with the right token: sets a session cookie that works, audits it', () => {
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

  it('throttles a client after repeated failures, even for the right token', () => {
    for (let attempt = 0; attempt < maxFailedAdminAttempts; attempt += 1) {
      thrown(() => login(request(), { token: `wrong-${attempt}` }));
    }
    const error = thrown(() => login(request(), { token }));
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(thrown(() => requireAdmin(request({ authorization: `Bearer ${token}` }))).code).toBe(
      'rate_limited',
    );
    expect(isAdminRequest(request({ authorization: `Bearer ${token}` }))).toBe(false);
  });

  it('logs out by revoking the session and clearing the cookie', () => {
    const cookie = `${adminSessionCookie}=${startAdminSession(token)}`;
    const response = logout(request({ cookie }));
    expect(response.headers.get('set-cookie')).toContain('Max-Age=0');
    expect(isAdminRequest(request({ cookie }))).toBe(false);
  });
});

describe('without ADMIN_TOKEN', () => {
  it('leaves admin routes open in development and prints nothing', () => {
    setConfig({ ADMIN_TOKEN: '', NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    expect(requireAdmin(request())).toBe('open');
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(announceAdminAccess()).toBe('open');
    expect(stdout).not.toHaveBeenCalled();
    stdout.mockRestore();
  });

  it('builds the sign-in link from HOSTNAME and PORT, localhost for every interface', () => {
    setConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', HOSTNAME: '0.0.0.0', PORT: '8080' });
    expect(adminSignInUrl('abc')).toBe('http://localhost:8080/login?token=abc');
    setConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', HOSTNAME: 'docs.internal', PORT: '3000' });
    expect(adminSignInUrl('abc')).toBe('http://docs.internal:3000/login?token=abc');
    setConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', HOSTNAME: '::1', PORT: '3000' });
    expect(adminSignInUrl('abc')).toBe('http://[::1]:3000/login?token=abc');
  });

  it('does not print a sign-in link in production when the token is set', () => {
    setConfig({ ADMIN_TOKEN: token, NODE_ENV: 'production', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    expect(announceAdminAccess()).toBe('configured');
  });
});
