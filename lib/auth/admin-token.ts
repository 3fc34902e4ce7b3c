import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { getConfig } from '../config';
import { processSingleton } from '../runtime/process-singleton';
import { loadOrCreateAdminToken, readGeneratedAdminToken } from './generated-admin-token';

/** Generated tokens by DATA_DIR, so the file is read once per process, not on every request. */
const generatedTokens = processSingleton('auth.generated-admin-tokens', () => new Map<string, string>());

/**
 * The token that protects the dashboard and admin APIs: `ADMIN_TOKEN` when set; in production
 * without it, the token generated under DATA_DIR (secure by default); otherwise (development
 * and tests) none, and the admin surfaces stay open.
 */
export function currentAdminToken(): string | undefined {
  const config = getConfig();
  if (config.ADMIN_TOKEN) return config.ADMIN_TOKEN;
  if (config.NODE_ENV !== 'production') return undefined;
  let token = generatedTokens.get(config.DATA_DIR);
  if (!token) {
    token = loadOrCreateAdminToken(config.DATA_DIR);
    generatedTokens.set(config.DATA_DIR, token);
  }
  return token;
}

/** Forgets the generated tokens read so far, as a restart does (tests). */
export function forgetGeneratedAdminTokens(): void {
  generatedTokens.clear();
}

/**
 * The token a command-line client should present to a running server: `ADMIN_TOKEN`, else the
 * generated one if the server has written it. Never creates a token.
 */
export function adminTokenForClients(): string | undefined {
  const config = getConfig();
  return config.ADMIN_TOKEN ?? readGeneratedAdminToken(config.DATA_DIR);
}

/** True when the dashboard and admin APIs require the admin token. */
export function adminProtectionEnabled(): boolean {
  return currentAdminToken() !== undefined;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Compares a presented token with the admin token in constant time. Both sides are hashed
 * first so the comparison takes the same time whatever the lengths.
 */
export function verifyAdminToken(candidate: string, token = currentAdminToken()): boolean {
  if (!token) return false;
  return timingSafeEqual(digest(candidate), digest(token));
}

/**
 * A one-way fingerprint of the token, stored with each session: when the token changes, the
 * fingerprint no longer matches and every session ends.
 */
export function adminTokenFingerprint(token: string): string {
  return createHmac('sha256', token).update('docs-chat/admin-session/v2').digest('base64url');
}
