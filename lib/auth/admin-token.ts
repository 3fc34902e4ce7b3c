import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { getConfig } from '../config';

/** True when `ADMIN_TOKEN` is set, so the dashboard and admin APIs require it. */
export function adminProtectionEnabled(): boolean {
  return Boolean(getConfig().ADMIN_TOKEN);
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Compares a presented token with `ADMIN_TOKEN` in constant time. Both sides are hashed
 * first so the comparison takes the same time whatever the lengths.
 */
export function verifyAdminToken(candidate: string, token = getConfig().ADMIN_TOKEN): boolean {
  if (!token) return false;
  return timingSafeEqual(digest(candidate), digest(token));
}

/**
 * The key that signs admin sessions, derived from `ADMIN_TOKEN`: rotating the token ends
 * every session, and the token itself never leaves the server.
 */
export function sessionSigningKey(token: string): Buffer {
  return createHmac('sha256', token).update('docs-chat/admin-session/v1').digest();
}
