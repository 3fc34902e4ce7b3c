import { type NextRequest, NextResponse } from 'next/server';
import { isSecureRequest } from '@/lib/auth/admin-session';
import { getConfig } from '@/lib/config';
import { contentSecurityPolicy, createNonce } from '@/lib/security/content-security-policy';

/**
 * Gives every page response a Content-Security-Policy with a fresh nonce. Next.js reads the
 * policy from the request headers and puts the nonce on its own scripts. Other security
 * headers, and the policy for API responses, come from next.config.js.
 */
export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy({
    nonce: createNonce(),
    development: getConfig().NODE_ENV === 'development',
    https: isSecureRequest(request),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

// Prefetches too: a prefetched page is rendered and shown like any other, so it needs the
// same policy (and a response without one could be cached and served to a real navigation).
export const config = {
  matcher: ['/((?!api/|v1/|_next/static|_next/image|favicon.ico).*)'],
};
