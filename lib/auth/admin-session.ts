import { createHmac, timingSafeEqual } from 'node:crypto';
import { sessionSigningKey } from './admin-token';

/** The httpOnly cookie holding an admin session. */
export const adminSessionCookie = 'docs_chat_admin';

/** How long a login lasts. */
export const adminSessionSeconds = 12 * 3600;

function signature(token: string, expiresAt: number): Buffer {
  return createHmac('sha256', sessionSigningKey(token)).update(`session:${expiresAt}`).digest();
}

/**
 * A session value: its expiry and an HMAC over it with a key derived from `ADMIN_TOKEN`.
 * It proves a past login without containing the token.
 */
export function createSessionValue(token: string, now = Date.now()): string {
  const expiresAt = now + adminSessionSeconds * 1000;
  return `${expiresAt}.${signature(token, expiresAt).toString('base64url')}`;
}

/** True when `value` was issued by {@link createSessionValue} with `token` and has not expired. */
export function verifySessionValue(value: string | undefined, token: string, now = Date.now()): boolean {
  const match = value ? /^(\d{13,16})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
  if (!match) return false;
  const expiresAt = Number(match[1]);
  if (!(expiresAt > now)) return false;
  // Compare the encoded text, not decoded bytes: base64url has several spellings of one value.
  const presented = Buffer.from(match[2]);
  const expected = Buffer.from(signature(token, expiresAt).toString('base64url'));
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

/**
 * The Set-Cookie header for a session (or, with `value` undefined, one that clears it).
 * httpOnly so scripts cannot read it, SameSite=Strict so other sites cannot send it,
 * Secure when the request came over HTTPS.
 */
export function sessionCookieHeader(value: string | undefined, options: { secure: boolean }): string {
  const attributes = [
    `${adminSessionCookie}=${value ?? ''}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${value ? adminSessionSeconds : 0}`,
  ];
  if (options.secure) attributes.push('Secure');
  return attributes.join('; ');
}

/** True when the request reached us (or the proxy in front of us) over HTTPS. */
export function isSecureRequest(request: Request): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return (forwarded ?? new URL(request.url).protocol.replace(':', '')) === 'https';
}
