import { login, loginRequestSchema, logout } from '@/lib/auth/admin-login';
import { errorResponse } from '@/lib/http/error-response';
import { otherMethods } from '@/lib/http/method-not-allowed';
import { parseJsonBody } from '@/lib/http/parse-request';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, OPTIONS } = otherMethods('/api/login', ['POST', 'DELETE']);

/** Admin login: `{ token }` -> session cookie (httpOnly, SameSite=Strict). 401 when wrong, 429 when throttled. */
export async function POST(request: Request): Promise<Response> {
  try {
    return login(request, await parseJsonBody(request, loginRequestSchema));
  } catch (error) {
    return errorResponse(error, { route: '/api/login' });
  }
}

/** Admin logout: clears the session cookie. */
export async function DELETE(request: Request): Promise<Response> {
  try {
    return logout(request);
  } catch (error) {
    return errorResponse(error, { route: '/api/login' });
  }
}
