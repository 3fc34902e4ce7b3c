import { afterEach, describe, expect, it } from 'vitest';
import {
  adminSessionCookie,
  adminSessionSeconds,
  endAdminSession,
  hasAdminSession,
  isSecureRequest,
  readCookie,
  sessionCookieHeader,
  startAdminSession,
} from './admin-session';
import { createMemoryAdminSessionStore, setAdminSessionStore } from './admin-session-store';
import { verifyAdminToken } from './admin-token';

const token = 'correct horse battery staple';

afterEach(() => setAdminSessionStore(undefined));

describe('verifyAdminToken', () => {
  it('accepts only the exact token, whatever the lengths', () => {
    expect(verifyAdminToken(token, token)).toBe(true);
    expect(verifyAdminToken(`${token} `, token)).toBe(false);
    expect(verifyAdminToken('c', token)).toBe(false);
    expect(verifyAdminToken('', token)).toBe(false);
    expect(verifyAdminToken(token, undefined)).toBe(false);
  });
});

describe('admin sessions', () => {
  const now = Date.UTC(2025, 0, 1);

  it('are random ids, unrelated to the token, live until they expire', () => {
    const first = startAdminSession(token, now);
    const second = startAdminSession(token, now);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain(Buffer.from(token).toString('base64url').slice(0, 10));
    expect(hasAdminSession(first, token, now + 1000)).toBe(true);
    expect(hasAdminSession(first, token, now + adminSessionSeconds * 1000)).toBe(false);
  });

  it('end when revoked, and when the token changes', () => {
    const session = startAdminSession(token, now);
    expect(hasAdminSession(session, 'another token', now)).toBe(false);
    expect(endAdminSession(session, token, now)).toBe(true);
    expect(hasAdminSession(session, token, now)).toBe(false);
    expect(endAdminSession(session, token, now)).toBe(false);
  });

  it('are bounded: the least recently used goes first', () => {
    setAdminSessionStore(createMemoryAdminSessionStore({ max: 2 }));
    const oldest = startAdminSession(token, now);
    const middle = startAdminSession(token, now);
    expect(hasAdminSession(middle, token, now)).toBe(true);
    const newest = startAdminSession(token, now);
    expect(hasAdminSession(oldest, token, now)).toBe(false);
    expect(hasAdminSession(middle, token, now)).toBe(true);
    expect(hasAdminSession(newest, token, now)).toBe(true);
  });

  it.each([undefined, '', 'garbage', `${'x'.repeat(43)}.extra`])('rejects the malformed id %j', (value) => {
    expect(hasAdminSession(value, token, now)).toBe(false);
    expect(endAdminSession(value, token, now)).toBe(false);
  });
});

describe('cookies', () => {
  it('reads one cookie among several', () => {
    expect(readCookie(`a=1; ${adminSessionCookie}=v.x; b=2`, adminSessionCookie)).toBe('v.x');
    expect(readCookie('a=1', adminSessionCookie)).toBeUndefined();
    expect(readCookie(null, adminSessionCookie)).toBeUndefined();
  });

  it('sets an httpOnly, SameSite=Strict cookie, Secure over HTTPS, and clears it', () => {
    const header = sessionCookieHeader('v.x', { secure: true });
    expect(header).toBe(
      `${adminSessionCookie}=v.x; Path=/; HttpOnly; SameSite=Strict; Max-Age=${adminSessionSeconds}; Secure`,
    );
    expect(sessionCookieHeader(undefined, { secure: false })).toBe(
      `${adminSessionCookie}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`,
    );
  });

  it('detects HTTPS directly or behind a proxy', () => {
    expect(isSecureRequest(new Request('https://docs.example/'))).toBe(true);
    expect(isSecureRequest(new Request('http://localhost:3000/'))).toBe(false);
    const proxied = new Request('http://localhost:3000/', { headers: { 'x-forwarded-proto': 'https' } });
    expect(isSecureRequest(proxied)).toBe(true);
  });
});
