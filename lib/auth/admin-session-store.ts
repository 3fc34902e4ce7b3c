import { LRUCache } from 'lru-cache';
import { processSingleton } from '../runtime/process-singleton';

/** What the server keeps about one admin session. The session id itself is never stored. */
export interface AdminSession {
  /** {@link adminTokenFingerprint} of the token the session was opened with. */
  tokenFingerprint: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * Where admin sessions live, keyed by a hash of the session id. Synchronous, like the checks
 * in route handlers and server components that read it; the embedded store serves one app
 * instance, and a store shared by several instances implements the same three calls.
 */
export interface AdminSessionStore {
  save(idHash: string, session: AdminSession): void;
  find(idHash: string): AdminSession | undefined;
  /** True when a session was stored under `idHash`. */
  remove(idHash: string): boolean;
}

/** Sessions kept at most; the least recently used goes first, so logins cannot grow memory. */
export const maxAdminSessions = 1_000;

/**
 * An in-memory store: bounded to `max` sessions (least recently used evicted) and dropping
 * each one at its expiry. Sessions end when the process restarts.
 */
export function createMemoryAdminSessionStore(options: { max?: number } = {}): AdminSessionStore {
  const sessions = new LRUCache<string, AdminSession>({ max: options.max ?? maxAdminSessions });
  return {
    save(idHash, session) {
      sessions.set(idHash, session, { ttl: Math.max(1, session.expiresAt - session.createdAt) });
    },
    find: (idHash) => sessions.get(idHash),
    remove: (idHash) => sessions.delete(idHash),
  };
}

const holder = () => processSingleton<{ store?: AdminSessionStore }>('auth.admin-session-store', () => ({}));

/** The installed session store (the in-memory one unless replaced). */
export function adminSessionStore(): AdminSessionStore {
  const state = holder();
  state.store ??= createMemoryAdminSessionStore();
  return state.store;
}

/** Installs a session store; `undefined` goes back to a fresh in-memory one on next use. */
export function setAdminSessionStore(store: AdminSessionStore | undefined): void {
  holder().store = store;
}
