import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { appendAudit } from '../audit/audit-log';
import { getConfig } from '../config';
import { AppError } from '../errors';
import { clientAddress } from '../http/client-address';
import { processSingleton } from '../metrics/process-singleton';
import { createSessionValue, isSecureRequest, sessionCookieHeader } from './admin-session';
import { verifyAdminToken } from './admin-token';

export const loginRequestSchema = z.object({
  token: z.string().min(1, 'Enter the admin token.').max(1_000, 'That token is too long.'),
});

export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** Failed attempts allowed per client address within the window before logins are refused. */
export const maxFailedLogins = 10;
const failureWindowMs = 15 * 60 * 1000;

const failures = processSingleton(
  'admin-login-failures',
  () => new LRUCache<string, { count: number; since: number }>({ max: 10_000, ttl: failureWindowMs }),
);

function throttled(client: string, now: number): number | undefined {
  const entry = failures.get(client);
  if (!entry || entry.count < maxFailedLogins) return undefined;
  return Math.max(1, Math.ceil((entry.since + failureWindowMs - now) / 1000));
}

function recordFailure(client: string, now: number): void {
  const entry = failures.get(client);
  // Keep the window's start so repeated failures cannot extend the lock-out forever.
  failures.set(client, entry ? { count: entry.count + 1, since: entry.since } : { count: 1, since: now }, {
    noUpdateTTL: Boolean(entry),
  });
}

const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json', ...headers },
  });

/**
 * Checks the admin token from the login form and, when right, sets the session cookie (an
 * HMAC-derived value, never the token). Too many failures from one address give 429.
 * Every attempt is audited.
 */
export function login(request: Request, body: LoginRequest, now = Date.now()): Response {
  const token = getConfig().ADMIN_TOKEN;
  const ip = clientAddress(request);
  if (!token) return json({ ok: true, protected: false });
  const retryAfterSeconds = throttled(ip, now);
  if (retryAfterSeconds !== undefined) {
    appendAudit({
      actor: 'anonymous',
      ip,
      action: 'admin.login',
      result: 'denied',
      details: { reason: 'throttled' },
    });
    throw new AppError('rate_limited', {
      publicMessage: 'Too many failed logins. Please wait and try again.',
      detail: `login throttled for ${ip}`,
      retryAfterSeconds,
    });
  }
  if (!verifyAdminToken(body.token, token)) {
    recordFailure(ip, now);
    appendAudit({
      actor: 'anonymous',
      ip,
      action: 'admin.login',
      result: 'denied',
      details: { reason: 'wrong token' },
    });
    throw new AppError('unauthorized', {
      publicMessage: 'That token is not right.',
      detail: 'wrong admin token',
    });
  }
  failures.delete(ip);
  appendAudit({ actor: 'admin (token)', ip, action: 'admin.login', result: 'ok' });
  const cookie = sessionCookieHeader(createSessionValue(token, now), { secure: isSecureRequest(request) });
  return json({ ok: true, protected: true }, { 'set-cookie': cookie });
}

/** Ends the admin session in this browser by clearing its cookie. */
export function logout(request: Request): Response {
  appendAudit({ actor: 'admin (session)', ip: clientAddress(request), action: 'admin.logout', result: 'ok' });
  return json(
    { ok: true },
    { 'set-cookie': sessionCookieHeader(undefined, { secure: isSecureRequest(request) }) },
  );
}

/** Forgets failed attempts (tests). */
export function resetLoginThrottle(): void {
  failures.clear();
}
