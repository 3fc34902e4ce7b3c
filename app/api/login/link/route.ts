import { signInWithLink } from '@/lib/auth/admin-login';
import { errorResponse } from '@/lib/http/error-response';
import { otherMethods } from '@/lib/http/method-not-allowed';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('/api/login/link', ['GET']);

/**
 * The start-up sign-in link: `/login?token=...` is rewritten here (next.config.js). Sets the
 * session cookie and redirects (303) to the dashboard, or back to the login page with an error.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    return signInWithLink(request);
  } catch (error) {
    return errorResponse(error, { route: '/login' });
  }
}
