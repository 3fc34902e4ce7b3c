import { LRUCache } from 'lru-cache';
import { processSingleton } from '../runtime/process-singleton';

/** Failed attempts (logins, sign-in links, bearer tokens) allowed per client within the window. */
export const maxFailedAdminAttempts = 10;

/** How long failures count against a client. */
export const adminFailureWindowMs = 15 * 60 * 1000;

/**
 * One throttle for every way of presenting the admin token, so a client cannot get more guesses
 * by switching between the login form, the sign-in link and bearer headers. Bounded: at most
 * 10,000 clients are remembered, the least recently failing forgotten first.
 */
const failures = processSingleton(
  'admin-login-failures',
  () => new LRUCache<string, { count: number; since: number }>({ max: 10_000, ttl: adminFailureWindowMs }),
);

/** Seconds until `client` may try again, or undefined when it is not throttled. */
export function adminRetryAfterSeconds(client: string, now = Date.now()): number | undefined {
  const entry = failures.get(client);
  if (!entry || entry.count < maxFailedAdminAttempts) return undefined;
  return Math.max(1, Math.ceil((entry.since + adminFailureWindowMs - now) / 1000));
}

/** Counts one failed attempt by `client`. */
export function recordFailedAdminAttempt(client: string, now = Date.now()): void {
  const entry = failures.get(client);
  // Keep the window's start so repeated failures cannot extend the lock-out forever.
  failures.set(client, entry ? { count: entry.count + 1, since: entry.since } : { count: 1, since: now }, {
    noUpdateTTL: Boolean(entry),
  });
}

/** Forgets `client`'s failures after it signed in. */
export function forgetFailedAdminAttempts(client: string): void {
  failures.delete(client);
}

/** Forgets every failure (tests). */
export function resetAdminThrottle(): void {
  failures.clear();
}
