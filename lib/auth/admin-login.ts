import { z } from 'zod';
import { getAuditLog } from '../audit/file-audit-log';
import { AppError, isAppError } from '../errors';
import { clientAddress } from '../http/client-address';
import {
  adminSessionCookie,
  endAdminSession,
  isSecureRequest,
  readCookie,
  sessionCookieHeader,
  startAdminSession,
} from './admin-session';
import {
  adminRetryAfterSeconds,
  forgetFailedAdminAttempts,
  recordFailedAdminAttempt,
} from './admin-throttle';
import { currentAdminToken, verifyAdminToken } from './admin-token';
import { safeReturnPath } from './safe-return-path';

export const loginRequestSchema = z.object({
  token: z.string().min(1, 'Enter the admin token.').max(1_000, 'That token is too long.'),
});

export type LoginRequest = z.infer<typeof loginRequestSchema>;

const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json', ...headers },
  });

/**
 * Checks a presented token against the admin token for one client, throttled and audited like
 * every other way of presenting it, and opens a session when it is right. Returns the session's
 * Set-Cookie header; throws 429 when throttled (even for the right token, so a guesser learns
 * nothing) and 401 when wrong.
 */
function admitToken(request: Request, presented: string, token: string, via: string, now: number): string {
  const ip = clientAddress(request);
  const retryAfterSeconds = adminRetryAfterSeconds(ip, now);
  if (retryAfterSeconds !== undefined) {
    getAuditLog().append({
      actor: 'anonymous',
      ip,
      action: 'admin.login',
      result: 'denied',
      details: { reason: 'throttled', via },
    });
    throw new AppError('rate_limited', {
      publicMessage: 'Too many failed logins. Please wait and try again.',
      detail: `login throttled for ${ip}`,
      retryAfterSeconds,
    });
  }
  if (!verifyAdminToken(presented, token)) {
    recordFailedAdminAttempt(ip, now);
    getAuditLog().append({
      actor: 'anonymous',
      ip,
      action: 'admin.login',
      result: 'denied',
      details: { reason: 'wrong token', via },
    });
    throw new AppError('unauthorized', {
      publicMessage: 'That token is not right.',
      detail: 'wrong admin token',
    });
  }
  forgetFailedAdminAttempts(ip);
  getAuditLog().append({ actor: 'admin (token)', ip, action: 'admin.login', result: 'ok', details: { via } });
  return sessionCookieHeader(startAdminSession(token, now), { secure: isSecureRequest(request) });
}

/**
 * Checks the admin token from the login form and, when right, sets the session cookie (a
 * random session id, never the token). Too many failures from one client give 429.
 * Every attempt is audited.
 */
export function login(request: Request, body: LoginRequest, now = Date.now()): Response {
  const token = currentAdminToken();
  if (!token) return json({ ok: true, protected: false });
  const cookie = admitToken(request, body.token, token, 'form', now);
  return json({ ok: true, protected: true }, { 'set-cookie': cookie });
}

/** Messages the login page shows for `?error=`, so nothing from the URL is echoed. */
export const signInErrors = {
  'wrong-token': 'That sign-in link is not right. Enter the admin token instead.',
  throttled: 'Too many failed sign-ins. Please wait and try again.',
} as const;

export type SignInError = keyof typeof signInErrors;

const seeOther = (location: string, headers: Record<string, string> = {}) =>
  new Response(null, {
    status: 303,
    // Never cached: the answer to a URL carrying the token sets a session.
    headers: { location, 'cache-control': 'no-store', ...headers },
  });

/**
 * The sign-in link printed at start-up, `/login?token=<token>[&next=/path]`: a right token opens
 * a session and redirects to the dashboard (or `next`), leaving the token out of the address bar;
 * a wrong or throttled one redirects to the login page with an error.
 */
export function signInWithLink(request: Request, now = Date.now()): Response {
  const query = new URL(request.url).searchParams;
  const next = safeReturnPath(query.get('next') ?? undefined);
  const token = currentAdminToken();
  if (!token) return seeOther(next);
  try {
    return seeOther(next, {
      'set-cookie': admitToken(request, query.get('token') ?? '', token, 'link', now),
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    // admitToken has audited the refusal; the page explains it.
    const reason: SignInError = error.code === 'rate_limited' ? 'throttled' : 'wrong-token';
    const retryAfter: Record<string, string> =
      error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) };
    return seeOther(`/login?error=${reason}&next=${encodeURIComponent(next)}`, retryAfter);
  }
}

/**
 * Ends the admin session: revokes it server-side (the old cookie then gets 401) and clears the
 * cookie. Only a logout that ended a live session is audited; without one the answer says
 * `revoked: false` and nothing is written.
 */
export function logout(request: Request, now = Date.now()): Response {
  const sessionId = readCookie(request.headers.get('cookie'), adminSessionCookie);
  const revoked = endAdminSession(sessionId, currentAdminToken(), now);
  if (revoked) {
    getAuditLog().append({
      actor: 'admin (session)',
      ip: clientAddress(request),
      action: 'admin.logout',
      result: 'ok',
    });
  }
  return json(
    revoked
      ? { ok: true, revoked: true }
      : { ok: true, revoked: false, message: 'There was no admin session to end.' },
    { 'set-cookie': sessionCookieHeader(undefined, { secure: isSecureRequest(request) }) },
  );
}
