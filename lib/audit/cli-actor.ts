import os from 'node:os';

/** The actor of a command-line run, for the audit log: `cli <user>@<host>`. */
export function cliActor(): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): keep "unknown".
  }
  return `cli ${user}@${os.hostname()}`;
}
