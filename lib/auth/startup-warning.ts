import { getConfig } from '../config';
import { logger } from '../logger';

/**
 * Warns loudly when the app runs in production without `ADMIN_TOKEN`: the dashboard and
 * admin APIs are then open to anyone who can reach the server. Returns whether it warned.
 */
export function warnIfAdminUnprotected(): boolean {
  const config = getConfig();
  if (config.NODE_ENV !== 'production' || config.ADMIN_TOKEN) return false;
  const banner = '!'.repeat(78);
  logger.warn('admin_token_missing', {
    message:
      'ADMIN_TOKEN is not set: the dashboard, metrics summary, health details and feedback export are PUBLIC. Set ADMIN_TOKEN to protect them.',
  });
  process.stderr.write(
    `${banner}\n!! WARNING: ADMIN_TOKEN is not set in production.\n!! The dashboard and admin APIs are open to anyone who can reach this server.\n!! Set ADMIN_TOKEN (a long random string) and restart.\n${banner}\n`,
  );
  return true;
}
