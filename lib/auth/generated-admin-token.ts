import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { logger } from '../logger';

/** The file under DATA_DIR holding the admin token generated when `ADMIN_TOKEN` is unset. */
export const generatedAdminTokenFile = 'admin-token';

/** 32 random bytes in base64url: 43 characters. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

function tokenPath(dataDirectory: string): string {
  return path.join(dataDirectory, generatedAdminTokenFile);
}

type StoredToken = { token: string } | { problem: string } | undefined;

/**
 * The token in the file, or why it cannot be trusted: anything but a regular file that only
 * its owner can read, holding exactly one well-formed token, may have been read or planted by
 * someone else.
 */
function inspectStoredToken(file: string): StoredToken {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (!stat.isFile()) return { problem: 'not a regular file' };
  if ((stat.mode & 0o077) !== 0) {
    return { problem: `readable by other users (mode ${(stat.mode & 0o777).toString(8)})` };
  }
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) {
    return { problem: 'owned by another user' };
  }
  const token = fs.readFileSync(file, 'utf8').trim();
  return tokenPattern.test(token) ? { token } : { problem: 'not a valid token' };
}

/**
 * Writes a fresh token next to `file` and links it into place, which fails when the file
 * already exists: a concurrent start-up never sees a half-written token, and the first writer
 * wins.
 */
function writeNewToken(file: string): string | undefined {
  const token = randomBytes(32).toString('base64url');
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, `${token}\n`, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temporary, file);
    return token;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  } finally {
    fs.unlinkSync(temporary);
  }
}

/**
 * The generated admin token kept in `DATA_DIR/admin-token` (mode 0600), created on first use
 * and reused across restarts. A file that is corrupt, not owner-only or not a regular file is
 * replaced with a new token, with a logged warning: its token may be known to someone else.
 */
export function loadOrCreateAdminToken(dataDirectory: string): string {
  const file = tokenPath(dataDirectory);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const stored = inspectStoredToken(file);
    if (stored && 'token' in stored) return stored.token;
    if (stored) {
      logger.warn('admin_token_file_replaced', { file: generatedAdminTokenFile, reason: stored.problem });
      fs.rmSync(file, { force: true });
    }
    // The start-up sign-in line announces the new token; nothing else is printed.
    const created = writeNewToken(file);
    if (created) return created;
  }
  throw new Error(`could not create ${generatedAdminTokenFile} under DATA_DIR`);
}

/**
 * The generated token when a trustworthy one exists, without creating or replacing it (for
 * command-line tools talking to a running server).
 */
export function readGeneratedAdminToken(dataDirectory: string): string | undefined {
  const stored = inspectStoredToken(tokenPath(dataDirectory));
  return stored && 'token' in stored ? stored.token : undefined;
}
