import { getConfig } from '../config';
import { currentAdminToken } from './admin-token';

/** The host a browser on this machine should use: `localhost` when the server binds every interface. */
function browsableHost(hostname: string | undefined): string {
  if (!hostname || ['0.0.0.0', '::', '[::]'].includes(hostname)) return 'localhost';
  return hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
}

/** The link that signs a browser in with `token`. */
export function adminSignInUrl(token: string): string {
  const config = getConfig();
  return `http://${browsableHost(config.HOSTNAME)}:${config.PORT}/login?token=${encodeURIComponent(token)}`;
}

/**
 * At start-up in production without `ADMIN_TOKEN`: makes sure the generated admin token exists
 * and prints the one line that signs in with it. Returns how admin access is
 * protected: `configured` (ADMIN_TOKEN), `generated`, or `open` (development and tests).
 */
export function announceAdminAccess(): 'configured' | 'generated' | 'open' {
  const config = getConfig();
  if (config.ADMIN_TOKEN) return 'configured';
  const token = currentAdminToken();
  if (!token) return 'open';
  process.stdout.write(`Admin sign-in: ${adminSignInUrl(token)}\n`);
  return 'generated';
}
