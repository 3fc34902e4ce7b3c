import { getConfig } from '../config';
import { AppError } from '../errors';
import { adminSessionCookie, readCookie, verifySessionValue } from './admin-session';
import { verifyAdminToken } from './admin-token';

/** How a request proved it is an admin. `open` means no `ADMIN_TOKEN` is set. */
export type AdminProof = 'open' | 'bearer' | 'session';

/**
 * How the request is authorised as admin, or `undefined` when it is not: a bearer
 * `Authorization` header with the token, or a valid session cookie from the login form.
 */
export function adminProof(request: Request): AdminProof | undefined {
  const token = getConfig().ADMIN_TOKEN;
  if (!token) return 'open';
  const authorization = request.headers.get('authorization');
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (bearer !== undefined && verifyAdminToken(bearer, token)) return 'bearer';
  const session = readCookie(request.headers.get('cookie'), adminSessionCookie);
  if (verifySessionValue(session, token)) return 'session';
  return undefined;
}

/**
 * Throws AppError 'unauthorized' (401) unless the request carries the admin token or a
 * valid admin session. Allows everything when `ADMIN_TOKEN` is unset.
 */
export function requireAdmin(request: Request): AdminProof {
  const proof = adminProof(request);
  if (!proof) throw new AppError('unauthorized', { detail: 'admin token or session missing or invalid' });
  return proof;
}

/** For server components, which see cookies rather than a Request: is this session valid? */
export function isAdminSession(sessionValue: string | undefined): boolean {
  const token = getConfig().ADMIN_TOKEN;
  return !token || verifySessionValue(sessionValue, token);
}

/** True when the request is authorised as admin (always, when `ADMIN_TOKEN` is unset). */
export function isAdminRequest(request: Request): boolean {
  return adminProof(request) !== undefined;
}
