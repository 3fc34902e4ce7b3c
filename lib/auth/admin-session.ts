import { createHash, randomBytes } from 'node:crypto';
import { adminSessionStore } from './admin-session-store';
import { adminTokenFingerprint } from './admin-token';

/** The httpOnly cookie holding an admin session id. */
export const adminSessionCookie = 'docs_chat_admin';

/** How long a login lasts. */
export const adminSessionSeconds = 12 * 3600;

/** 32 random bytes in base64url. */
const sessionIdPattern = /^[A-Za-z0-9_-]{43}$/;

/** Stored under a hash, so whoever reads the store cannot replay the ids it holds. */
const hashOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('base64url');

/**
 * Opens a server-side session for a login with `token` and returns its id for the cookie: random,
 * not derived from the token, so it reveals nothing and can be revoked on its own.
 */
export function startAdminSession(token: string, now = Date.now()): string {
  const sessionId = randomBytes(32).toString('base64url');
  adminSessionStore().save(hashOf(sessionId), {
    tokenFingerprint: adminTokenFingerprint(token),
    createdAt: now,
    expiresAt: now + adminSessionSeconds * 1000,
  });
  return sessionId;
}

/** True when `sessionId` names a live session opened with the current `token`. */
export function hasAdminSession(sessionId: string | undefined, token: string, now = Date.now()): boolean {
  if (!sessionId || !sessionIdPattern.test(sessionId)) return false;
  const session = adminSessionStore().find(hashOf(sessionId));
  return Boolean(
    session && session.expiresAt > now && session.tokenFingerprint === adminTokenFingerprint(token),
  );
}

/**
 * Revokes the session: its cookie stops working at once. True when it was live (opened with the
 * current `token` and not expired); a stale one is removed all the same.
 */
export function endAdminSession(
  sessionId: string | undefined,
  token: string | undefined,
  now = Date.now(),
): boolean {
  if (!sessionId || !sessionIdPattern.test(sessionId)) return false;
  const live = token !== undefined && hasAdminSession(sessionId, token, now);
  adminSessionStore().remove(hashOf(sessionId));
  return live;
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
