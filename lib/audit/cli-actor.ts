import os from 'node:os';
import { logger } from '../logger';

/** The actor of a command-line run, for the audit log: `cli <user>@<host>`. */
export function cliActor(): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch (error) {
    // No passwd entry (some containers): the run is still audited, as "unknown".
    logger.debug('cli_user_unknown', { error });
  }
  return `cli ${user}@${os.hostname()}`;
}
