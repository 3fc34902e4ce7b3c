import { getAuditLog } from '../audit/file-audit-log';
import { AppError } from '../errors';
import { clientAddress } from '../http/client-address';
import { adminSessionCookie, hasAdminSession, readCookie } from './admin-session';
import { adminRetryAfterSeconds, recordFailedAdminAttempt } from './admin-throttle';
import { currentAdminToken, verifyAdminToken } from './admin-token';

/** How a request proved it is an admin. `open` means no admin token applies (development, tests). */
export type AdminProof = 'open' | 'bearer' | 'session';

type AdminCheck = { proof: AdminProof } | { refusal: AppError };

const unauthorized = (detail: string) => ({ refusal: new AppError('unauthorized', { detail }) });

function bearerOf(request: Request): string | undefined {
  return request.headers
    .get('authorization')
    ?.match(/^Bearer\s+(.+)$/i)?.[1]
    ?.trim();
}

/**
 * A valid session cookie, else a bearer token. Bearer attempts share the login throttle: a
 * client over its failures is refused before its token is even compared, and each failure is
 * audited with the path it tried.
 */
function checkAdmin(request: Request, now: number): AdminCheck {
  const token = currentAdminToken();
  if (!token) return { proof: 'open' };
  if (hasAdminSession(readCookie(request.headers.get('cookie'), adminSessionCookie), token, now)) {
    return { proof: 'session' };
  }
  const bearer = bearerOf(request);
  if (bearer === undefined) return unauthorized('admin token or session missing or invalid');
  const ip = clientAddress(request);
  const target = new URL(request.url).pathname.slice(0, 200);
  const retryAfterSeconds = adminRetryAfterSeconds(ip, now);
  if (retryAfterSeconds !== undefined) {
    getAuditLog().append({
      actor: 'anonymous',
      ip,
      action: 'admin.bearer',
      target,
      result: 'denied',
      details: { reason: 'throttled' },
    });
    const refusal = new AppError('rate_limited', {
      publicMessage: 'Too many failed attempts with the admin token. Please wait and try again.',
      detail: `bearer attempts throttled for ${ip}`,
      retryAfterSeconds,
    });
    return { refusal };
  }
  // A right bearer token leaves the client's failures in place: a scraper succeeding every few
  // seconds must not hand fresh guesses to whoever shares its address.
  if (verifyAdminToken(bearer, token)) return { proof: 'bearer' };
  recordFailedAdminAttempt(ip, now);
  getAuditLog().append({
    actor: 'anonymous',
    ip,
    action: 'admin.bearer',
    target,
    result: 'denied',
    details: { reason: 'wrong token' },
  });
  return unauthorized('wrong bearer token');
}

/**
 * Throws AppError 'unauthorized' (401) unless the request carries the admin token as a bearer
 * header or a live admin session cookie, and 'rate_limited' (429) when the client has failed
 * too often. Allows everything when no admin token applies.
 */
export function requireAdmin(request: Request, now = Date.now()): AdminProof {
  const check = checkAdmin(request, now);
  if ('refusal' in check) throw check.refusal;
  return check.proof;
}

/** True when the request is authorised as admin; a refused or throttled one simply is not. */
export function isAdminRequest(request: Request, now = Date.now()): boolean {
  return 'proof' in checkAdmin(request, now);
}

/** For server components, which see cookies rather than a Request: is this session valid? */
export function isAdminSession(sessionId: string | undefined): boolean {
  const token = currentAdminToken();
  return !token || hasAdminSession(sessionId, token);
}
