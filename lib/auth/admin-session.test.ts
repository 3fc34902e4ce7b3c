import { describe, expect, it } from 'vitest';
import {
  adminSessionCookie,
  adminSessionSeconds,
  createSessionValue,
  isSecureRequest,
  readCookie,
  sessionCookieHeader,
  verifySessionValue,
} from './admin-session';
import { verifyAdminToken } from './admin-token';

const token = 'correct horse battery staple';

describe('verifyAdminToken', () => {
  it('accepts only the exact token, whatever the lengths', () => {
    expect(verifyAdminToken(token, token)).toBe(true);
    expect(verifyAdminToken(`${token} `, token)).toBe(false);
    expect(verifyAdminToken('c', token)).toBe(false);
    expect(verifyAdminToken('', token)).toBe(false);
    expect(verifyAdminToken(token, undefined)).toBe(false);
  });
});

describe('session values', () => {
  const now = Date.UTC(2025, 0, 1);

  it('verify until they expire, and never contain the token', () => {
    const value = createSessionValue(token, now);
    expect(value).not.toContain(token);
    expect(value).not.toContain(Buffer.from(token).toString('base64url'));
    expect(verifySessionValue(value, token, now + 1000)).toBe(true);
    expect(verifySessionValue(value, token, now + adminSessionSeconds * 1000)).toBe(false);
  });

  it('are rejected after the token changes, or when tampered with', () => {
    const value = createSessionValue(token, now);
    expect(verifySessionValue(value, 'another token', now)).toBe(false);
    const [expiresAt, mac] = value.split('.');
    expect(verifySessionValue(`${Number(expiresAt) + 1000}.${mac}`, token, now)).toBe(false);
    const flipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    expect(verifySessionValue(`${expiresAt}.${flipped}`, token, now)).toBe(false);
  });

  it.each([undefined, '', 'garbage', '1.2', `${'9'.repeat(14)}.${'x'.repeat(43)}.extra`])(
    'rejects the malformed value %j',
    (value) => {
      expect(verifySessionValue(value, token, now)).toBe(false);
    },
  );
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
